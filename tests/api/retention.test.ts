// Retention (DSGVO: nothing kept longer than needed) by the housekeeping job, driven with
// `helferkarte jobs run --at`: with the default periods an account never verified goes 7 days
// after registration (with its mails), account tokens 7 days after they were used or expired,
// sessions 30 days after they ended (expired or idle), sent mails 30 days after they were written. Each is
// still there one second before its period ends and gone one second after; the database is
// read with its command-line tool (sqlite3 or psql).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dbRows, noDatabaseTool } from '../support/db.ts';
import type { Server } from '../support/server.ts';
import { expectJson, mailTo, postJson, register, sleep, startDemoServer, uniqueEmail, verifiedUser } from './support.ts';
import { runJobs } from './needs-support.ts';

const servers: Server[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

const SECOND = 1000;

/** The one number a query answers. */
function scalar(server: Server, sql: string): number {
  const rows = dbRows(server.database, sql);
  assert.equal(rows.length, 1, `${sql}: one row`);
  return Number(Object.values(rows[0])[0]);
}

/** Waits until the outbox has sent every mail written so far. */
async function outboxSent(server: Server) {
  for (let i = 0; i < 150; i++) {
    if (scalar(server, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending'") === 0) return;
    await sleep(100);
  }
  assert.fail('the outbox did not send its mails');
}

interface Check {
  what: string;
  at: number; // epoch ms when the period ends
  present: () => boolean;
}

describe('retention with the default periods', { skip: noDatabaseTool }, () => {
  test('each kind is kept until its period ends and deleted right after', async () => {
    const server = await startDemoServer();
    servers.push(server);
    const base = server.url;
    const q = (sql: string) => scalar(server, sql);

    // An account never verified, and one verified that asked for a password reset.
    const lazy = uniqueEmail('retention-lazy');
    await expectJson(await register(base, lazy, 'Sommer-Regen-faul-2026!', 'Fritz Faul'), 201, 'register');
    await mailTo(server.mailDir, lazy, '/konto/bestaetigen?token=');
    const vera = await verifiedUser(server, 'retention-vera');
    await expectJson(await postJson(base, '/api/v1/auth/password-reset', { email: vera.email }), 202, 'reset asked');
    await mailTo(server.mailDir, vera.email, '/passwort-neu?token=');
    await outboxSent(server);

    const lazyId = q(`SELECT id FROM users WHERE email = '${lazy}'`);
    const veraId = Number(vera.id);
    const usersBefore = q('SELECT COUNT(*) FROM users');
    const lazyCreated = q(`SELECT created_at FROM users WHERE id = ${lazyId}`);
    assert.ok(q(`SELECT COUNT(*) FROM mail_outbox WHERE user_id = ${lazyId}`) >= 1, 'the unverified account has its mail');
    const verifyUsed = q(`SELECT used_at FROM account_tokens WHERE user_id = ${veraId} AND purpose = 'verify_email' AND used_at IS NOT NULL`);
    const resetExpires = q(`SELECT expires_at FROM account_tokens WHERE user_id = ${veraId} AND purpose = 'reset_password'`);
    // A session ends at its expiry or after 14 days without use, whichever comes first.
    const sessionExpires = q(`SELECT expires_at FROM sessions WHERE user_id = ${veraId}`);
    const sessionEnds = Math.min(sessionExpires, q(`SELECT last_seen_at FROM sessions WHERE user_id = ${veraId}`) + 14 * 86400);
    const mailId = q(`SELECT MIN(id) FROM mail_outbox WHERE user_id = ${veraId} AND status = 'sent'`);
    const lastMailBefore = q('SELECT MAX(id) FROM mail_outbox');
    const mailCreated = q(`SELECT created_at FROM mail_outbox WHERE id = ${mailId}`);

    const checks: Check[] = [
      {
        what: 'the unverified account', at: (lazyCreated + 7 * 86400) * SECOND,
        present: () => q(`SELECT COUNT(*) FROM users WHERE id = ${lazyId}`) === 1,
      },
      {
        what: 'the used verification token', at: (verifyUsed + 7 * 86400) * SECOND,
        present: () => q(`SELECT COUNT(*) FROM account_tokens WHERE user_id = ${veraId} AND purpose = 'verify_email' AND used_at = ${verifyUsed}`) >= 1,
      },
      {
        what: 'the expired reset token', at: (resetExpires + 7 * 86400) * SECOND,
        present: () => q(`SELECT COUNT(*) FROM account_tokens WHERE user_id = ${veraId} AND purpose = 'reset_password'`) === 1,
      },
      {
        what: 'the sent mail', at: (mailCreated + 30 * 86400) * SECOND,
        present: () => q(`SELECT COUNT(*) FROM mail_outbox WHERE id = ${mailId}`) === 1,
      },
      {
        what: 'the ended session', at: (sessionEnds + 30 * 86400) * SECOND,
        present: () => q(`SELECT COUNT(*) FROM sessions WHERE user_id = ${veraId} AND expires_at = ${sessionExpires}`) >= 1,
      },
    ].sort((a, b) => a.at - b.at);
    assert.ok(checks.every((c) => c.present()), 'everything is there to begin with');

    // Deletion only moves forward in time, so the checks go in the order their periods end.
    for (const c of checks) {
      runJobs(server, c.at - SECOND);
      assert.ok(c.present(), `${c.what} is kept one second before its period ends`);
      const out = runJobs(server, c.at + SECOND);
      assert.ok(!c.present(), `${c.what} is deleted one second after its period ends`);
      const m = /retention deleted: (\d+)/.exec(out);
      assert.ok(m && Number(m[1]) >= 1, `jobs run reports the deletion:\n${out}`);
    }

    // The unverified account went with every mail to it; the verified one and the demo
    // accounts stay.
    assert.equal(q(`SELECT COUNT(*) FROM mail_outbox WHERE recipient = '${lazy}'`), 0, 'no mail of the deleted account left');
    assert.equal(q(`SELECT COUNT(*) FROM users WHERE id = ${veraId}`), 1, 'the verified account stays');
    assert.equal(q('SELECT COUNT(*) FROM users'), usersBefore - 1, 'only the unverified account was deleted');
    // Every mail of the start was sent then and is older than 30 days now. (The passes write
    // mails of their own, reminders for the demo's shifts, at the real time.)
    assert.equal(q(`SELECT COUNT(*) FROM mail_outbox WHERE id <= ${lastMailBefore}`), 0, 'no mail of the start left');
    // The running server still works for the person whose data stayed.
    assert.equal((await postJson(base, '/api/v1/auth/login', { email: vera.email, password: vera.password })).status, 200, 'login');
  });
});
