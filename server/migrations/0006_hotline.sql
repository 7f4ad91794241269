-- The hotline (issue 6): help requests taken on the phone by coordinators.

-- Every municipality has one organisation of its own through which the hotline publishes its
-- requests as needs; coordinators of the municipality act as its members.
ALTER TABLE organizations ADD COLUMN hotline INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX organizations_hotline ON organizations (municipality_id) WHERE hotline = 1;
INSERT INTO organizations (municipality_id, name, kind, description, contact_email, status,
    trusted, hotline, created_at, updated_at)
  SELECT m.id, 'Hilfetelefon ' || m.name, 'einrichtung',
    'Das Hilfetelefon der Kommune: Menschen, die keine App nutzen, rufen an, und die Koordination vermittelt ihnen Ehrenamtliche.',
    m.contact_email, 'approved', 1, 1, m.created_at, m.created_at
  FROM municipalities m;

-- One call. The caller's name, phone, address, the internal details and the point as given
-- are personal data: readable by the municipality's coordinators and the matched helper only,
-- and set to NULL (erased_at set) a configured time after closed_at. What stays for
-- statistics: category, area, the dates and the outcome (status done or cancelled).
CREATE TABLE help_requests (
  id {{ID}},
  municipality_id BIGINT NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'published', 'matched', 'done', 'cancelled')),
  category TEXT NOT NULL,
  area TEXT NOT NULL,
  summary TEXT,
  details TEXT,
  caller_name TEXT,
  caller_phone TEXT,
  caller_address TEXT,
  point_lat DOUBLE PRECISION,
  point_lon DOUBLE PRECISION,
  -- Where the public need is shown: at least 300 m from the point as given, fixed once, so
  -- that publishing again reveals nothing more.
  public_lat DOUBLE PRECISION,
  public_lon DOUBLE PRECISION,
  -- The first time help is wanted; recurrence repeats it (daily or weekly) until closed or
  -- until repeat_until (a Berlin date as days since the epoch).
  starts_at BIGINT,
  ends_at BIGINT,
  recurrence TEXT NOT NULL DEFAULT 'once' CHECK (recurrence IN ('once', 'weekly', 'daily')),
  repeat_until BIGINT,
  need_id BIGINT REFERENCES needs (id) ON DELETE SET NULL,
  helper_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  matched_at BIGINT,
  closed_at BIGINT,
  erased_at BIGINT
);
CREATE INDEX help_requests_municipality ON help_requests (municipality_id, status, id);
CREATE INDEX help_requests_need ON help_requests (need_id);
CREATE INDEX help_requests_helper ON help_requests (helper_id, status);
CREATE INDEX help_requests_erasure ON help_requests (closed_at) WHERE erased_at IS NULL;

-- The dated follow-up of a request: notes written by coordinators and one line per change of
-- status. Deleted with the caller's data, since a note may name the caller.
CREATE TABLE help_request_notes (
  id {{ID}},
  help_request_id BIGINT NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('note', 'created', 'edited', 'published', 'matched',
    'unmatched', 'done', 'cancelled')),
  body TEXT NOT NULL DEFAULT '',
  author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX help_request_notes_request ON help_request_notes (help_request_id, id);

-- A mail that carries a caller's contact (to the matched helper) names its request, so that
-- the erasure deletes it from the outbox too.
ALTER TABLE mail_outbox ADD COLUMN help_request_id BIGINT REFERENCES help_requests (id);
CREATE INDEX mail_outbox_help_request ON mail_outbox (help_request_id)
  WHERE help_request_id IS NOT NULL;
