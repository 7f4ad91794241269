-- Accounts, invitations, the audit log and the mail outbox (issue 3: the trust model).

-- The language a person reads their mails in.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'de';

-- One-time links sent by mail. Only the SHA-256 of the token is stored.
CREATE TABLE account_tokens (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

-- A role offered to an address that has no account yet; granted when that address is
-- verified.
CREATE TABLE invitations (
  id {{ID}},
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('coordinator', 'org_admin', 'org_member')),
  municipality_id BIGINT REFERENCES municipalities (id) ON DELETE CASCADE,
  organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
  invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX invitations_unique
  ON invitations (email, role, COALESCE(municipality_id, 0), COALESCE(organization_id, 0));

-- Who decided what, when and why. actor_name and subject_label are copies, so an entry
-- still reads right after the names change.
CREATE TABLE audit_log (
  id {{ID}},
  at BIGINT NOT NULL,
  municipality_id BIGINT REFERENCES municipalities (id) ON DELETE CASCADE,
  organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id BIGINT,
  subject_label TEXT NOT NULL DEFAULT '',
  reason TEXT
);
CREATE INDEX audit_log_municipality ON audit_log (municipality_id, id);

-- Mails are written here in the transaction of the event that causes them and sent by a
-- background worker; locked_until is a lease, so two servers never send the same mail.
CREATE TABLE mail_outbox (
  id {{ID}},
  recipient TEXT NOT NULL,
  user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  template TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  locked_until BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
