-- Several servers on one database (issue 8).

-- Who runs the background jobs: every server's housekeeping worker asks for the lease before a
-- pass, and only the holder runs it. The holder renews it with each pass; another server takes
-- over once it has not been renewed in time (the holder stopped or hangs). A pass that runs
-- anyway (an expired lease, `helferkarte jobs run`) does no harm: every task claims its rows
-- with a conditional UPDATE. The lease saves the other servers' passes, not correctness.
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,      -- host name and process id of the server holding it
  expires_at INTEGER NOT NULL
);
