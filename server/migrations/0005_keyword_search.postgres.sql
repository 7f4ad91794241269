-- Keyword search (issue 5) on PostgreSQL: German full-text search over title, description and
-- the organisation's name, one row per need, behind the same API as SQLite's FTS5 (migration
-- 0005_keyword_search.sqlite.sql). storage/search.cpp writes `body` exactly as on SQLite: the
-- text folded in C++ (domain/text_fold.hpp: lower case, ä → ae, ß → ss, ...) in both folds,
-- so "Bücherei", "BÜCHEREI" and "Buecherei" meet and "ubung" finds "Übung" by the same rules
-- on both databases. storage/dialect.cpp turns each query word into `'word':*` and asks
-- to_tsquery('helferkarte_german', ...): all words required, each a word beginning.
--
-- unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- The German Snowball stemmer without its stop word list: to_tsquery drops stop words, and
-- "die", "und" or "mit" must find what they find on SQLite (a query of only stop words would
-- otherwise match nothing).
CREATE TEXT SEARCH DICTIONARY helferkarte_german_stem (TEMPLATE = snowball, Language = german);

-- 'german' with unaccent before the stemmer: the folded text has no umlauts left, unaccent
-- catches what the fold leaves (ligatures such as "ﬁ"). Numbers and words with digits stay
-- unstemmed as in 'german'.
CREATE TEXT SEARCH CONFIGURATION helferkarte_german (COPY = german);
ALTER TEXT SEARCH CONFIGURATION helferkarte_german
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
  WITH unaccent, helferkarte_german_stem;
ALTER TEXT SEARCH CONFIGURATION helferkarte_german
  ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple;

-- Every word as it is (unaccented, not stemmed): see `document` below.
CREATE TEXT SEARCH CONFIGURATION helferkarte_words (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION helferkarte_words
  ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart
  WITH unaccent, simple;

-- `document` holds each word twice: stemmed (helferkarte_german) and whole
-- (helferkarte_words). The query is stemmed, so "Hunde" finds "Hund" and "helfer" finds
-- "helfen" — more than SQLite finds, never less: for folded text the German stemmer only cuts
-- endings, so a query word's stem begins every word the query word begins, and the whole
-- words are there to begin with it. Stems alone would lose prefixes that reach past the
-- stem: "hundebetreuu" begins "hundebetreuungen", whose stem is "hundebetreu".
-- Every run of characters other than ASCII letters and digits becomes a space first: the
-- words are then those of domain::words_of, the query's words, and the parser never reads
-- "www.tafel-guetersloh.de", "info@tafel.de" or "3.5" as one token (SQLite's tokenizer
-- splits them, so "tafel" has to find them here too).
CREATE TABLE need_text (
  need_id BIGINT PRIMARY KEY,
  body TEXT NOT NULL,
  document tsvector NOT NULL GENERATED ALWAYS AS (
    to_tsvector('helferkarte_german'::regconfig,
                regexp_replace(body, '[^0-9A-Za-z\x80-\x10ffff]+', ' ', 'g'))
    || to_tsvector('helferkarte_words'::regconfig,
                   regexp_replace(body, '[^0-9A-Za-z\x80-\x10ffff]+', ' ', 'g'))
  ) STORED
);
CREATE INDEX need_text_document ON need_text USING gin (document);
