-- Privacy and accessibility (issue 7).

-- The municipality's Erklärung zur Barrierefreiheit, next to its imprint and privacy text.
ALTER TABLE municipalities ADD COLUMN accessibility TEXT NOT NULL DEFAULT '';
