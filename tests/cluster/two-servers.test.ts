// Two server processes on one database behind nginx (the shipped proxy snippet, round-robin):
// a session made on one server is valid on the other; 200 parallel joins to a shift of 10,
// spread over both, confirm exactly 10; every mail reaches the SMTP server exactly once while
// both outbox workers run; and the background jobs, which both servers are set to run every
// second, send one reminder per place and make one shift per week: one server holds the job
// lease and runs the passes, the other takes over when it dies.
//
// The database is PostgreSQL when the suite has a test cluster (HELFERKARTE_TEST_PG_DIR, the
// ctest fixture `postgres`), otherwise one SQLite file that both processes open.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  approvedGroup, createNeed, DAY, getNeed, HOUR, iso, join as joinShift, manyVerified, participants, shiftAt, type Group,
} from '../api/needs-support.ts';
import {
  call, DEMO, demoActor, expectJson, guetersloh, http, login, MANY_ACCOUNTS, postJson, problemCode, sleep, type Actor,
} from '../api/support.ts';
import { createPostgresDatabase, dbRows, dropDatabase, testDatabaseKind, testPostgres } from '../support/db.ts';
import { readMails, startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/mail.ts';
import { runCli, startServer, type Server } from '../support/server.ts';
import { RATE_LIMITED, startNginx, type Nginx } from './support.ts';

const VOLUNTEERS = 200;
const CAPACITY = 10;
// One pass of the housekeeping job per second on each server.
const JOBS_INTERVAL_MS = 1000;

let dir: string;
let database: string;
let sink: SmtpSink;
let a: Server;
let b: Server;
let nginx: Nginx;
let coordinator: Actor;
let group: Group;
let volunteers: Actor[] = [];

/** A line in the test report (TAP comment). */
function diagnostic(text: string) {
  console.log(text);
}

/** Where requests of the test go: each server directly, and nginx in front of both. */
const via = () => ({ a: a.url, b: b.url, nginx: nginx.url });
/** The i-th of three ways in turn: server A, server B, nginx. */
const spread = (i: number) => [a.url, b.url, nginx.url][i % 3];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'helferkarte-cluster-'));
  const onPostgres = testPostgres() !== null || testDatabaseKind() === 'postgres';
  database = onPostgres ? createPostgresDatabase() : `sqlite:${join(dir, 'cluster.db')}`;
  diagnostic(`two servers on ${onPostgres ? 'PostgreSQL' : 'one SQLite file'}`);
  const demo = runCli(['demo', '--database', database]);
  assert.equal(demo.status, 0, `helferkarte demo: ${demo.stderr}`);

  sink = await startSmtpSink();
  const options = {
    database,
    mailTransport: 'smtp' as const,
    env: {
      ...MANY_ACCOUNTS,
      HELFERKARTE_SMTP_HOST: '127.0.0.1',
      HELFERKARTE_SMTP_PORT: String(sink.port),
      HELFERKARTE_SMTP_SECURITY: 'none',
      // nginx on this host: the servers take the client address from X-Forwarded-For.
      HELFERKARTE_TRUSTED_PROXIES: '127.0.0.1, ::1',
      HELFERKARTE_JOBS_INTERVAL_SECONDS: String(JOBS_INTERVAL_MS / 1000),
      // 200 joins reach the handlers at once (as in tests/api/capacity.test.ts).
      HELFERKARTE_QUEUE: '1000',
      HELFERKARTE_WORKERS: '16',
    },
  };
  // One after the other: each applies the migrations at start (already done by `demo`).
  a = await startServer(options);
  b = await startServer(options);
  nginx = await startNginx([a.url, b.url]);

  coordinator = await demoActor(nginx.url, DEMO.coordinator);
  // Accounts as the capacity test makes them (register, link from the mail, log in), half on
  // each server; the verification mails come through the SMTP sink.
  group = await approvedGroup({ ...a, mailDir: sink.dir }, coordinator, await guetersloh(nginx.url), 'Kreiseinsatz');
  const [onA, onB] = await Promise.all([
    manyVerified({ ...a, mailDir: sink.dir }, VOLUNTEERS / 2, 'cluster-a', 16),
    manyVerified({ ...b, mailDir: sink.dir }, VOLUNTEERS / 2, 'cluster-b', 16),
  ]);
  volunteers = [...onA, ...onB];
  assert.equal(new Set(volunteers.map((v) => v.id)).size, VOLUNTEERS, 'distinct accounts');
}, { timeout: 300_000 });

after(async () => {
  await nginx?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await sink?.stop();
  if (database) dropDatabase(database);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Which server answered a request through nginx: the one whose access log has its id. A server
 * writes that line once the response is on its way, so it may reach us a moment after the
 * response itself.
 */
async function answeredBy(res: Response): Promise<'a' | 'b'> {
  const id = res.headers.get('x-request-id');
  assert.ok(id, 'nginx passes the X-Request-Id on');
  const logged = (s: Server) => s.stderr().includes(`"requestId":"${id}"`);
  const where = () => [...(logged(a) ? ['a' as const] : []), ...(logged(b) ? ['b' as const] : [])];
  const found = await poll(`the access log line of request ${id}`, where, (w) => w.length > 0, 10_000);
  assert.equal(found.length, 1, `request ${id} is in the access log of exactly one server (${found.join(', ')})`);
  return found[0];
}

function tally<T>(values: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** The database id of an API id (the API writes ids as strings). */
function dbId(id: string): number {
  assert.match(String(id), /^\d+$/, `a numeric id: ${id}`);
  return Number(id);
}

async function poll<T>(what: string, get: () => Promise<T> | T, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (done(v)) return v;
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(v).slice(0, 2000)} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Waits long enough for two more housekeeping passes after this moment. */
function twoMorePasses() {
  return sleep(2 * JOBS_INTERVAL_MS + 500);
}

describe('one session on every server', () => {
  test('a login on server A is valid on server B and through nginx; a logout on B ends it on A', async () => {
    const session = await login(a.url, DEMO.volunteer.email, DEMO.volunteer.password);
    const me = async (base: string) => call(base, 'GET', '/api/v1/me', { as: session });
    for (const [name, base] of Object.entries(via())) {
      const body = await expectJson(await me(base), 200, `GET /api/v1/me on ${name}`);
      assert.equal(body.user?.id ?? body.id, session.body.user.id, `the same person on ${name}`);
    }

    // Through nginx the requests go to both servers in turn (round-robin).
    const servedBy = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await me(nginx.url);
      await expectJson(res, 200, `GET /api/v1/me through nginx (${i + 1})`);
      servedBy.add(await answeredBy(res));
    }
    assert.deepEqual([...servedBy].sort(), ['a', 'b'], 'nginx passed requests to both servers');

    // A change with the session and its CSRF token on B is seen on A.
    const name = `Helferin ${Date.now().toString(36)}`;
    await expectJson(await call(b.url, 'PATCH', '/api/v1/me', { as: session, body: { displayName: name } }), 200, 'PATCH /api/v1/me on B');
    const onA = await expectJson(await me(a.url), 200, 'GET /api/v1/me on A');
    assert.equal(onA.user?.displayName ?? onA.displayName, name, 'A sees the name changed on B');

    const out = await call(b.url, 'POST', '/api/v1/auth/logout', { as: session });
    assert.equal(out.status, 204, `logout on B: ${await out.text()}`);
    for (const [where, base] of Object.entries(via())) {
      assert.equal((await me(base)).status, 401, `the session is over on ${where}`);
    }
  });
});

describe(`${VOLUNTEERS} parallel joins to a shift of ${CAPACITY}, spread over both servers`, () => {
  async function everybodyJoins(shiftId: string, target: (i: number) => string) {
    const responses = await Promise.all(volunteers.map((v, i) => joinShift(target(i), v, shiftId)));
    return Promise.all(responses.map(async (res, i) => ({ who: volunteers[i], status: res.status, body: await res.json() })));
  }

  function stored(shiftId: string) {
    const id = dbId(shiftId);
    return {
      signups: Object.fromEntries(dbRows(database, `SELECT status, COUNT(*) AS n FROM signups WHERE shift_id = ${id} GROUP BY status`)
        .map((r) => [r.status, Number(r.n)])),
      taken: Number(dbRows(database, `SELECT taken FROM shifts WHERE id = ${id}`)[0].taken),
    };
  }

  test(`waitlist on, a third each to A, B and nginx: exactly ${CAPACITY} confirmed`, async () => {
    const need = await createNeed(nginx.url, group.admin, group.id, { title: 'Kreiseinsatz mit Warteliste', shifts: [shiftAt(12, CAPACITY)] });
    const shiftId = need.shifts[0].id;
    const results = await everybodyJoins(shiftId, spread);

    const statuses = tally(results.map((r) => r.status));
    assert.deepEqual([...statuses], [[201, VOLUNTEERS]], `every join answered 201 (got ${JSON.stringify([...statuses])}; e.g. ${JSON.stringify(results.find((r) => r.status !== 201)?.body)})`);
    const kinds = tally(results.map((r) => r.body.status));
    assert.equal(kinds.get('confirmed'), CAPACITY, `confirmed: ${JSON.stringify([...kinds])}`);
    assert.equal(kinds.get('waitlisted'), VOLUNTEERS - CAPACITY, `waitlisted: ${JSON.stringify([...kinds])}`);

    for (const base of Object.values(via())) {
      const s = (await getNeed(base, need.id)).shifts[0];
      assert.deepEqual({ taken: s.taken, waitlisted: s.waitlisted, placesLeft: s.placesLeft, full: s.full },
        { taken: CAPACITY, waitlisted: VOLUNTEERS - CAPACITY, placesLeft: 0, full: true }, `shift counts as ${base} reports them`);
    }
    const list = await participants(b.url, group.admin, need.id);
    const told = new Map(results.map((r) => [r.who.id, r.body.status]));
    assert.equal(list.shifts[0].participants.length, VOLUNTEERS);
    for (const p of list.shifts[0].participants) assert.equal(p.status, told.get(p.userId), `${p.displayName}: list and answer agree`);
    assert.deepEqual(stored(shiftId), { signups: { confirmed: CAPACITY, waitlisted: VOLUNTEERS - CAPACITY }, taken: CAPACITY });
  });

  test(`waitlist off, all through nginx: exactly ${CAPACITY} × 201, the rest 409 shift-full`, async () => {
    const need = await createNeed(nginx.url, group.admin, group.id, { title: 'Kreiseinsatz ohne Warteliste', waitlist: false, shifts: [shiftAt(13, CAPACITY)] });
    const shiftId = need.shifts[0].id;
    const results = await everybodyJoins(shiftId, () => nginx.url);

    const statuses = tally(results.map((r) => r.status));
    assert.equal(statuses.get(201), CAPACITY, `201: ${JSON.stringify([...statuses])}`);
    assert.equal(statuses.get(409), VOLUNTEERS - CAPACITY, `409: ${JSON.stringify([...statuses])}`);
    assert.ok(results.filter((r) => r.status === 201).every((r) => r.body.status === 'confirmed'));
    assert.deepEqual([...tally(results.filter((r) => r.status === 409).map((r) => problemCode(r.body)))], [['shift-full', VOLUNTEERS - CAPACITY]]);

    for (const base of [a.url, b.url]) {
      const s = (await getNeed(base, need.id)).shifts[0];
      assert.deepEqual([s.taken, s.waitlisted, s.full], [CAPACITY, 0, true]);
    }
    assert.deepEqual(stored(shiftId), { signups: { confirmed: CAPACITY }, taken: CAPACITY });
  });
});

// ---------------------------------------------------------------------------------------------
// Mails: what the SMTP sink received, and what the servers logged as sent.

const addressOf = (m: ReceivedMail) => sink.envelope(m).rcpt_tos.join(',').toLowerCase();

function sinkMailsTo(addresses: string[], marker: string): Map<string, number> {
  const wanted = new Set(addresses.map((x) => x.toLowerCase()));
  const counts = new Map<string, number>(addresses.map((x) => [x.toLowerCase(), 0]));
  for (const m of readMails(sink.dir)) {
    const to = addressOf(m);
    if (wanted.has(to) && m.body.includes(marker)) counts.set(to, counts.get(to)! + 1);
  }
  return counts;
}

/** The outbox ids a server's log names as sent over SMTP. */
function sentBy(server: Server): number[] {
  return [...server.stderr().matchAll(/mail (\d+) \([^)]*\) to \S+ sent via/g)].map((m) => Number(m[1]));
}

describe('mail is sent exactly once with both outbox workers running', () => {
  test('20 registrations, half on each server: one verification mail each', async () => {
    const emails = Array.from({ length: 20 }, (_, i) => `once-${i}-${process.pid}-${Date.now().toString(36)}@test.example`);
    const answers = await Promise.all(emails.map((email, i) =>
      postJson(i % 2 ? b.url : a.url, '/api/v1/auth/register', { email, password: 'Sommer-Regen-einmal-2026!', displayName: `Einmal ${i}` })));
    assert.deepEqual(answers.map((r) => r.status), emails.map(() => 201));

    await poll('verification mails in the sink', () => sinkMailsTo(emails, '/konto/bestaetigen?token='),
      (c) => [...c.values()].every((n) => n >= 1));
    const list = emails.map((e) => `'${e}'`).join(', ');
    await poll('their outbox rows sent', () => dbRows(database, `SELECT status FROM mail_outbox WHERE recipient IN (${list})`),
      (rows) => rows.length === emails.length && rows.every((r) => r.status === 'sent'));
    await twoMorePasses();
    assert.deepEqual([...sinkMailsTo(emails, '/konto/bestaetigen?token=').values()], emails.map(() => 1), 'one mail per address');
    const rows = dbRows(database, `SELECT id, status, attempts FROM mail_outbox WHERE recipient IN (${list}) ORDER BY id`);
    assert.deepEqual(rows.map((r) => [r.status, Number(r.attempts)]), emails.map(() => ['sent', 1]));
    const ids = rows.map((r) => Number(r.id));
    const byA = sentBy(a).filter((id) => ids.includes(id));
    const byB = sentBy(b).filter((id) => ids.includes(id));
    assert.deepEqual([...byA, ...byB].sort((x, y) => x - y), ids, `each sent by exactly one server (A: ${byA}, B: ${byB})`);
  });
});

// ---------------------------------------------------------------------------------------------
// The housekeeping job on both servers, one pass a second each.

/** The Berlin offset from UTC at an instant, in ms. */
function berlinOffset(ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Berlin', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

/** The instant `weeks` weeks after `ms` at the same Berlin wall-clock time. */
function weeksLater(ms: number, weeks: number): number {
  const t = ms + weeks * 7 * DAY;
  return t + berlinOffset(ms) - berlinOffset(t);
}

/**
 * A first shift whose next weekly repetition lies just beyond the eight weeks that creating
 * the need fills, so that the job (not the request) makes it a few seconds later. Daylight
 * saving time moves "a week later" by an hour when it changes in between: then another week
 * or an hour earlier or later fits.
 */
function shiftRepeatingSoon(): { start: string; end: string; capacity: number; week: number } {
  const now = Math.ceil(Date.now() / 1000) * 1000;
  const horizon = now + 8 * 7 * DAY;
  for (let week = 8; week >= 1; week--) {
    for (const shift of [0, HOUR, -HOUR]) {
      const start = now + (8 - week) * 7 * DAY + 6_000 + shift;
      if (start < now + 3_000) continue;
      const next = weeksLater(start, week);
      if (next >= horizon + 4_000 && next <= horizon + 12_000 && weeksLater(start, week - 1) <= horizon) {
        return { start: iso(start), end: iso(start + HOUR), capacity: 2, week };
      }
    }
  }
  throw new Error('no first shift found whose repetition falls a few seconds after the horizon');
}

const holderLine = (s: Server) => [...s.stderr().matchAll(/housekeeping: this server \(([^)]*)\) runs the background jobs/g)].map((m) => m[1]);
const passLines = (s: Server) => s.stderr().split('\n').filter((l) => /housekeeping: \d+ repetitions/.test(l));
const leaseHolder = () => dbRows(database, "SELECT holder FROM job_leases WHERE name = 'housekeeping'").map((r) => r.holder as string);
const pidOf = (holder: string) => Number(holder.slice(holder.lastIndexOf(':') + 1));

describe('background jobs run once although both servers run them', () => {
  test('one server holds the job lease; a server that never held it ran no pass', () => {
    const holders = leaseHolder();
    assert.equal(holders.length, 1, 'one lease row');
    assert.ok([a.process.pid, b.process.pid].includes(pidOf(holders[0])), `the lease names one of the servers: ${holders[0]}`);
    const server = pidOf(holders[0]) === a.process.pid ? a : b;
    assert.ok(holderLine(server).includes(holders[0]), 'the holder logged that it runs the jobs');
    for (const s of [a, b]) {
      if (holderLine(s).length === 0) assert.deepEqual(passLines(s), [], 'no pass without the lease');
    }
  });

  test('one reminder per confirmed place', async () => {
    const start = Math.ceil((Date.now() + 3 * HOUR) / 60_000) * 60_000;
    const need = await createNeed(nginx.url, group.admin, group.id, {
      title: 'Erinnerung im Kreis', shifts: [{ start: iso(start), end: iso(start + 2 * HOUR), capacity: 30 }],
    });
    const shiftId = need.shifts[0].id;
    const first = volunteers.slice(0, 20);
    const joined = await Promise.all(first.map((v, i) => joinShift(i % 2 ? b.url : a.url, v, shiftId)));
    for (const res of joined) assert.equal((await expectJson(res, 201, 'join')).status, 'confirmed');
    const marker = '/einsatz?token=';
    await poll('a reminder for each', () => sinkMailsTo(first.map((v) => v.email), marker), (c) => [...c.values()].every((n) => n >= 1));

    // One more place after those reminders went out: its reminder shows that passes ran
    // afterwards, and two more passes after it have every chance to send any twice.
    const late = volunteers[20];
    await expectJson(await joinShift(nginx.url, late, shiftId), 201, 'a later join');
    await poll('the later reminder', () => sinkMailsTo([late.email], marker), (c) => c.get(late.email.toLowerCase())! >= 1);
    await twoMorePasses();

    const everyone = [...first, late].map((v) => v.email.toLowerCase());
    assert.deepEqual([...sinkMailsTo(everyone, marker).values()], everyone.map(() => 1), 'exactly one reminder each in the sink');
    const list = everyone.map((e) => `'${e}'`).join(', ');
    const reminders = dbRows(database, `SELECT recipient, status, attempts FROM mail_outbox WHERE template = 'signup_reminder' AND recipient IN (${list}) ORDER BY recipient`);
    assert.deepEqual(reminders.map((r) => [r.recipient.toLowerCase(), r.status, Number(r.attempts)]), [...everyone].sort().map((e) => [e, 'sent', 1]));
    const signups = dbRows(database, `SELECT COUNT(*) AS n FROM signups WHERE shift_id = ${dbId(shiftId)} AND reminder_sent_at IS NOT NULL`);
    assert.equal(Number(signups[0].n), everyone.length, 'every place is marked as reminded');
  });

  test('one shift per week when a new week comes within the eight weeks ahead', async () => {
    const first = shiftRepeatingSoon();
    const need = await createNeed(nginx.url, group.admin, group.id, {
      title: 'Wöchentlich im Kreis', shifts: [{ start: first.start, end: first.end, capacity: first.capacity }], recurrence: { weekly: true, until: null },
    });
    const made = need.shifts.length;
    assert.equal(made, first.week, `the request made weeks 0 to ${first.week - 1}`);
    await poll('the job adds the next week', async () => (await getNeed(a.url, need.id)).shifts.length, (n) => n > made, 60_000);
    await twoMorePasses();

    for (const base of [a.url, b.url]) {
      assert.equal((await getNeed(base, need.id)).shifts.length, made + 1, `exactly one more shift (${base})`);
    }
    const weeks = dbRows(database, `SELECT week, COUNT(*) AS n FROM shifts WHERE need_id = ${dbId(need.id)} GROUP BY week ORDER BY week`);
    assert.deepEqual(weeks.map((r) => [Number(r.week), Number(r.n)]), Array.from({ length: made + 1 }, (_, w) => [w, 1]), 'one shift per week');
  });
});

describe('nginx in front', () => {
  test('the shipped limits hold per client and /metrics is not passed on', async () => {
    // Login attempts without a body: the servers answer 422 at once (no password hash), so
    // the burst of 5 is used up long before the next request the rate allows (one in 6 s).
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await http(nginx.url, '/api/v1/auth/login', {
        method: 'POST', headers: { 'Content-Type': 'application/json', [RATE_LIMITED]: 'one-client' }, body: '{}',
      });
      await res.arrayBuffer();
      answers.push(res.status);
    }
    assert.equal(answers[0], 422, 'the first attempt reaches a server');
    assert.ok(answers.includes(429), `the login limit turns a client away (got ${answers})`);
    const metrics = await http(nginx.url, '/metrics');
    await metrics.arrayBuffer();
    assert.equal(metrics.status, 403);
    for (const s of [a, b]) assert.equal((await http(s.url, '/metrics')).status, 200, 'each server answers /metrics directly');
  });
});

// Last: every mail of the whole run (verifications, confirmations, reminders) was sent once.
describe('the outbox after everything', () => {
  test('every mail reached the SMTP server exactly once, each sent by one server', async () => {
    const pending = () => dbRows(database, "SELECT id FROM mail_outbox WHERE status = 'pending'");
    await poll('no mail left pending', pending, (rows) => rows.length === 0);
    await twoMorePasses();
    const rows = dbRows(database, 'SELECT id, recipient, subject, status, attempts FROM mail_outbox ORDER BY id');
    assert.ok(rows.length > VOLUNTEERS, `the run made many mails (${rows.length})`);
    const notOnce = rows.filter((r) => r.status !== 'sent' || Number(r.attempts) !== 1);
    assert.deepEqual(notOnce, [], 'every mail sent at the first attempt');

    const key = (to: string, subject: string) => `${to.toLowerCase()}\t${subject}`;
    const inSink = [...tally(readMails(sink.dir).map((m) => key(addressOf(m), m.subject)))].sort();
    const inOutbox = [...tally(rows.map((r) => key(r.recipient, r.subject)))].sort();
    assert.deepEqual(inSink, inOutbox, 'the sink holds each outbox mail once');

    const byA = sentBy(a);
    const byB = sentBy(b);
    assert.ok(byA.length > 0 && byB.length > 0, `both outbox workers sent mail (A ${byA.length}, B ${byB.length})`);
    assert.deepEqual([...byA, ...byB].sort((x, y) => x - y), rows.map((r) => Number(r.id)), 'each outbox id sent by exactly one server');
  });
});

// Last, as it ends a server: the job lease passes on when its holder dies.
describe('the other server takes over the jobs', () => {
  test('the holder is killed: the other takes the lease and sends the next reminder', async () => {
    const [holder] = leaseHolder();
    const [dead, alive] = pidOf(holder) === a.process.pid ? [a, b] : [b, a];
    const before = holderLine(alive).length;
    await dead.stop('SIGKILL');
    await poll('the other server takes the lease', () => holderLine(alive).length, (n) => n > before);
    assert.equal(pidOf(leaseHolder()[0]), alive.process.pid);

    const start = Math.ceil((Date.now() + 5 * HOUR) / 60_000) * 60_000;
    const need = await createNeed(alive.url, group.admin, group.id, {
      title: 'Erinnerung nach dem Ausfall', shifts: [{ start: iso(start), end: iso(start + HOUR), capacity: 1 }],
    });
    const v = volunteers[VOLUNTEERS - 1];
    await expectJson(await joinShift(alive.url, v, need.shifts[0].id), 201, 'join after the failover');
    await poll('the reminder', () => sinkMailsTo([v.email], '/einsatz?token='), (c) => c.get(v.email.toLowerCase())! >= 1);
    assert.ok(passLines(alive).length > 0, 'the remaining server ran the pass');
  });
});
