-- The tables that the foundation and its demo data need. Later migrations grow them.
-- Portable SQL for SQLite and PostgreSQL: times are BIGINT seconds since the Unix epoch (UTC),
-- booleans are INTEGER 0/1, and {{ID}} is the one dialect-specific token (see storage/dialect.cpp).

CREATE TABLE users (
  id {{ID}},
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  email_verified_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE municipalities (
  id {{ID}},
  name TEXT NOT NULL,
  ags TEXT NOT NULL UNIQUE,
  center_lat DOUBLE PRECISION NOT NULL,
  center_lon DOUBLE PRECISION NOT NULL,
  contact_email TEXT NOT NULL,
  hotline_phone TEXT,
  moderation TEXT NOT NULL DEFAULT 'none' CHECK (moderation IN ('none', 'pre')),
  imprint TEXT NOT NULL DEFAULT '',
  privacy TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE organizations (
  id {{ID}},
  municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('verein', 'hilfsorganisation', 'initiative', 'einrichtung')),
  description TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL,
  website TEXT,
  address TEXT,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
  status_reason TEXT,
  trusted INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX organizations_municipality ON organizations (municipality_id, status);

-- A person can hold several roles; municipality_id / organization_id scope the role.
CREATE TABLE role_grants (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('platform_admin', 'coordinator', 'org_admin', 'org_member')),
  municipality_id BIGINT REFERENCES municipalities (id) ON DELETE CASCADE,
  organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX role_grants_unique
  ON role_grants (user_id, role, COALESCE(municipality_id, 0), COALESCE(organization_id, 0));

-- Only the SHA-256 of a session token is stored; the token itself lives in the cookie.
CREATE TABLE sessions (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE needs (
  id {{ID}},
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  remote INTEGER NOT NULL DEFAULT 0,
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  address TEXT,
  place_name TEXT,
  signup_mode TEXT NOT NULL DEFAULT 'open' CHECK (signup_mode IN ('open', 'approval')),
  min_age INTEGER,
  driving_licence INTEGER NOT NULL DEFAULT 0,
  conduct_certificate INTEGER NOT NULL DEFAULT 0,
  contact_name TEXT,
  contact_phone TEXT,
  contact_email TEXT,
  status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('draft', 'pending_review', 'published', 'rejected', 'cancelled', 'completed')),
  status_reason TEXT,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK ((remote = 1) OR (lat IS NOT NULL AND lon IS NOT NULL))
);
CREATE INDEX needs_organization ON needs (organization_id, status);
CREATE INDEX needs_status ON needs (status);

CREATE TABLE shifts (
  id {{ID}},
  need_id BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  created_at BIGINT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX shifts_need ON shifts (need_id, starts_at);
