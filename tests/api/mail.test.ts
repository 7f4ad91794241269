// The mail subsystem from outside: a password reset travels through the outbox to a real local
// SMTP server, to the `log` transport's folder, and survives an SMTP server that is down.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, describe, test } from 'node:test';
import { dbRows } from '../support/db.ts';
import { linksIn, startSmtpSink, waitForMail, type ReceivedMail, type SmtpSink } from '../support/mail.ts';
import { runCli, startServer, type Server } from '../support/server.ts';
import { DEMO, http, postJson, sleep } from './support.ts';

const cleanup: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function requestReset(server: Server, email: string) {
  const res = await postJson(server.url, '/api/v1/auth/password-reset', { email });
  assert.equal(res.status, 202, `password-reset for ${email}: ${await res.text()}`);
}

/** The reset link of the mail: alone on its line, leading to /passwort-neu?token=... */
function resetLink(mail: ReceivedMail): URL {
  const links = linksIn(mail.body).filter((u) => u.pathname === '/passwort-neu');
  assert.equal(links.length, 1, `one reset link in:\n${mail.body}`);
  const link = links[0];
  assert.ok(mail.body.split('\n').includes(link.href), `the link stands on its own line:\n${mail.body}`);
  assert.match(link.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{32,}$/, 'the link carries a token');
  return link;
}

function assertWellFormed(mail: ReceivedMail, to: string) {
  const lines = mail.raw.split('\r\n');
  assert.equal(mail.raw.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF: every line ends in CRLF');
  assert.equal(mail.raw.replace(/\r\n/g, '').includes('\r'), false, 'no bare CR');
  for (const l of lines) assert.ok(Buffer.byteLength(l) <= 998, `line within the SMTP limit: ${l.slice(0, 80)}...`);
  assert.equal(mail.to, to);
  assert.match(mail.from, /^Helferkarte <noreply@helferkarte\.invalid>$/);
  assert.match(mail.headers.get('message-id') ?? '', /^<[A-Za-z0-9_-]{16,}@helferkarte\.invalid>$/);
  assert.ok(Math.abs(Date.parse(mail.headers.get('date') ?? '') - Date.now()) < 5 * 60_000, 'Date is now');
  assert.match(mail.headers.get('date') ?? '', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$/);
  assert.equal(mail.headers.get('mime-version'), '1.0');
  assert.equal(mail.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(mail.headers.get('content-transfer-encoding'), '8bit');
  // German subject with an umlaut: sent as an RFC 2047 encoded word, decoded here.
  assert.equal(mail.subject, 'Neues Passwort für die Helferkarte');
  assert.match(mail.raw, /\r\nSubject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=/);
  assert.match(mail.body, /^Guten Tag .+,\n/);
  assert.match(mail.body, /Freundliche Grüße\nIhre Helferkarte\n/);
  assert.match(mail.body, /Sie erhalten diese E-Mail, weil/);
}

/** A TCP port on which nothing listens (taken from the system, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

function outboxRows(server: Server): { recipient: string; status: string; attempts: number; last_error: string | null; next_attempt_at: number }[] {
  return dbRows(server.database, 'SELECT recipient, status, attempts, last_error, next_attempt_at FROM mail_outbox ORDER BY id');
}

describe('mail over SMTP', () => {
  let sink: SmtpSink;
  let server: Server;

  test('a password-reset mail reaches a real SMTP server, well-formed and with a working link', async () => {
    sink = await startSmtpSink();
    cleanup.push(() => sink.stop());
    server = await startServer({
      demo: true,
      mailTransport: 'smtp',
      env: { HELFERKARTE_SMTP_HOST: '127.0.0.1', HELFERKARTE_SMTP_PORT: String(sink.port), HELFERKARTE_SMTP_SECURITY: 'none' },
    });
    cleanup.push(() => server.stop());

    const email = DEMO.volunteer.email;
    await requestReset(server, email);
    const mail = await waitForMail(sink.dir, (m) => m.to === email, 10_000);
    assertWellFormed(mail, email);
    assert.deepEqual(sink.envelope(mail), { mail_from: 'noreply@helferkarte.invalid', rcpt_tos: [email] });

    // The link works: the token sets a new password, and the new password logs in.
    const token = resetLink(mail).searchParams.get('token');
    const password = 'Neues-Sommer-Passwort-2026';
    const confirm = await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token, password });
    assert.equal(confirm.status, 200, await confirm.text());
    const login = await postJson(server.url, '/api/v1/auth/login', { email, password });
    assert.equal(login.status, 200);

    // ... and the notice of the change follows through the same way.
    const changed = await waitForMail(sink.dir, (m) => m.to === email && m.subject === 'Ihr Passwort wurde geändert', 10_000);
    assert.ok(linksIn(changed.body).some((u) => u.pathname === '/passwort-vergessen'));
    assert.deepEqual(outboxRows(server).map((r) => [r.status, r.attempts]), [['sent', 1], ['sent', 1]]);
  });
});

describe('mail into the log folder', () => {
  test('each mail is one complete .eml file, and the log names it without the token', async () => {
    const server = await startServer({ demo: true });
    cleanup.push(() => server.stop());
    const email = DEMO.coordinator.email;
    await requestReset(server, email);
    const mail = await waitForMail(server.mailDir, (m) => m.to === email, 10_000);
    assertWellFormed(mail, email);
    assert.match(mail.file, /^\d{8}T\d{6}Z-\d{10}\.eml$/, 'named by time and outbox id, so the names sort');
    assert.deepEqual(readdirSync(server.mailDir).filter((n) => !n.endsWith('.eml')), [], 'no half-written files left');

    const token = resetLink(mail).searchParams.get('token')!;
    const logged = server.stderr().split('\n').filter((l) => l.includes('password_reset') && l.includes(email));
    assert.equal(logged.length, 1, `one log line for the mail:\n${server.stderr()}`);
    assert.equal(server.stderr().includes(token), false, 'the token never appears in the log');
    assert.equal(server.stderr().includes('Guten Tag'), false, 'the body never appears in the log');
  });
});

describe('mail that cannot be delivered', () => {
  test('stays pending with a recorded failure while the server keeps serving', async () => {
    const port = await closedPort();
    const server = await startServer({
      demo: true,
      mailTransport: 'smtp',
      env: { HELFERKARTE_SMTP_HOST: '127.0.0.1', HELFERKARTE_SMTP_PORT: String(port), HELFERKARTE_SMTP_SECURITY: 'none' },
    });
    cleanup.push(() => server.stop());
    const email = DEMO.orgAdmin.email;
    await requestReset(server, email);

    const deadline = Date.now() + 10_000;
    let rows = outboxRows(server);
    while (!(rows.length === 1 && rows[0].attempts > 0) && Date.now() < deadline) {
      await sleep(100);
      rows = outboxRows(server);
    }
    assert.equal(rows.length, 1, 'one mail in the outbox');
    const [row] = rows;
    assert.equal(row.recipient, email);
    assert.equal(row.status, 'pending', 'not given up after one failure');
    assert.equal(row.attempts, 1, 'tried once, and not again before the back-off');
    assert.match(row.last_error ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`), 'the reason is kept');
    assert.ok(row.next_attempt_at >= Date.now() / 1000 + 20, 'the next try is some time away');

    // The server is unharmed.
    assert.equal((await http(server.url, '/readyz')).status, 200);
    const login = await postJson(server.url, '/api/v1/auth/login', DEMO.orgAdmin);
    assert.equal(login.status, 200);
    assert.equal(server.process.exitCode, null, 'still running');
    assert.match(server.stderr(), /attempt 1 failed, next in 30 s/);
    await sleep(1500);
    assert.equal(outboxRows(server)[0].attempts, 1, 'no retry storm');
  });
});

describe('mail configuration', () => {
  test('the smtp transport without a host is refused at start', () => {
    const r = runCli(['serve', '--listen', '127.0.0.1:0', '--database', 'sqlite::memory:', '--mail-transport', 'smtp'],
      { HELFERKARTE_SMTP_HOST: '' });
    assert.equal(r.status, 2, `exit code 2 for a configuration error: ${r.stderr}`);
    assert.match(r.stderr, /HELFERKARTE_SMTP_HOST/);
    assert.equal(r.stdout.includes('listening'), false);
  });

  test('a bad SMTP security setting names its variable', () => {
    const r = runCli(['serve', '--listen', '127.0.0.1:0', '--database', 'sqlite::memory:'],
      { HELFERKARTE_SMTP_SECURITY: 'ssl' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /HELFERKARTE_SMTP_SECURITY/);
  });
});
