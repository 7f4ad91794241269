-- Keyword search (issue 5) on SQLite: FTS5 over title, description and the organisation's
-- name, one row per need (rowid = need id). The text is folded before it is stored and the
-- query the same way (domain/text_fold.hpp: lower case, ä → ae, ß → ss, ...), so "Bücherei",
-- "BÜCHEREI" and "Buecherei" meet; unicode61 then drops the remaining accents.
-- PostgreSQL gets its own file with the same number (tsvector 'german' with unaccent).
CREATE VIRTUAL TABLE need_text USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
