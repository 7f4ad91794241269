-- Discovery (issue 5): radius search, Entdecken, keyword search.

-- The point a need is found at: its place, or for a remote need the centre of its
-- municipality (help by phone is still help for the people of that town). geo_cell is the
-- S2 cell id (level 30) of that point, mapped to signed 64-bit order (geo/cell.hpp), so that a
-- covering of a search circle becomes a few integer ranges over an ordinary index; the same
-- SQL then serves SQLite and PostgreSQL. NULL until the server has indexed the need (also
-- after this migration: `migrate` fills it in).
ALTER TABLE needs ADD COLUMN geo_cell BIGINT;
ALTER TABLE needs ADD COLUMN geo_lat DOUBLE PRECISION;
ALTER TABLE needs ADD COLUMN geo_lon DOUBLE PRECISION;
-- The first and the last start of its shifts, kept by the storage layer whenever shifts
-- change, so that a search drops needs whose last shift has begun without reading shifts.
ALTER TABLE needs ADD COLUMN first_start BIGINT;
ALTER TABLE needs ADD COLUMN last_start BIGINT;
UPDATE needs SET
  first_start = (SELECT MIN(s.starts_at) FROM shifts s WHERE s.need_id = needs.id),
  last_start = (SELECT MAX(s.starts_at) FROM shifts s WHERE s.need_id = needs.id);

-- Only published needs are searched, so only they are in the index, which stays small while
-- years of completed needs pile up. It carries every column the range scan reads (status
-- too: SQLite counts a partial index as covering only when the query's columns are in it),
-- so the scan reads no table row until a need lies inside the circle.
CREATE INDEX needs_geo ON needs (geo_cell, last_start, category, remote, geo_lat, geo_lon,
  organization_id, status) WHERE status = 'published';
