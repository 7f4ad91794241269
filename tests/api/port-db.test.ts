// `helferkarte port-db` moves a whole installation: a SQLite installation with the demo data
// and more written through the API is ported to PostgreSQL, and a server on the copy gives the
// same answers as before, to anonymous visitors and to people signed in before the port with
// the same cookies (sessions are data too). Then back from PostgreSQL to SQLite, where every
// row must come back as it left. Runs once (ctest api.port-db), with the test cluster.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createPostgresDatabase, dbExec, dbRows, dropDatabase, tableNames } from '../support/db.ts';
import { runCli, startServer, type Server } from '../support/server.ts';
import {
  call, DEMO, demoActor, expectJson, guetersloh, http, MANY_ACCOUNTS, sleep, type Actor,
} from './support.ts';
import { approvedGroup, createNeed, joinAs, shiftAt, verifiedFast, type Group } from './needs-support.ts';
import { createHelpRequest, KATTENSTROTH, newCaller } from './hotline-support.ts';

// The tables port-db leaves out (storage/port.hpp): the keyword index need_text and SQLite's
// FTS5 shadow tables need_text_*, rebuilt on the target; the migrations' bookkeeping
// (schema_migrations with its own applied_at, schema_compat), written by the target's own
// migration; job_leases, held by the old installation's processes; and SQLite's sqlite_*.
const leftOut = (t: string) => ['schema_migrations', 'schema_compat', 'job_leases', 'need_text'].includes(t) ||
  t.startsWith('need_text_') || t.startsWith('sqlite_');

// A fixed public URL: links in answers (calendar files) would otherwise name each server's port.
const BASE_URL = 'https://helferkarte.example';

interface Answer { status: number; type: string; body: unknown }

// Who asks: null is anonymous; the others are signed in with the cookies they got before the
// port, so the answers after it prove that their sessions were carried over.
type Who = 'anonymous' | 'admin' | 'coordinator' | 'orgAdmin' | 'volunteer' | 'helper' | 'groupAdmin';

const dir = mkdtempSync(join(tmpdir(), 'helferkarte-port-'));
const sqliteUrl = `sqlite:${join(dir, 'source.db')}`;
const backUrl = `sqlite:${join(dir, 'back.db')}`;
const made: string[] = []; // PostgreSQL databases to drop at the end
let pgUrl = '';

let actors: Record<Exclude<Who, 'anonymous' | 'groupAdmin'>, Actor> & { groupAdmin?: Actor };
let M = '';
let group: Group;
let need: any;
let feedPath = '';
let requests: string[] = []; // GET paths with who asks them, filled in `before`
// Reading a caller's data is itself logged (help_request.caller_viewed): those requests write
// audit entries, which the audit log and the exports then show. The first round asks them
// first, every later round last, so that each round's audit log holds the same entries.
const asked: { who: Who; path: string; logsRead: boolean }[] = [];
let original: Map<string, Answer>;

function pgDatabase(): string {
  const url = createPostgresDatabase();
  made.push(url);
  return url;
}

function portDb(from: string, to: string) {
  return runCli(['port-db', '--from', from, '--to', to]);
}

async function answer(server: Server, who: Who, path: string): Promise<Answer> {
  const res = await call(server.url, 'GET', path, { as: who === 'anonymous' ? null : actors[who]! });
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  const text = await res.text();
  let body: unknown = text;
  if (type.endsWith('json')) body = JSON.parse(text);
  // The only parts of answers that legitimately differ, since they are the moment the answer
  // was made, not data of the installation: a calendar's DTSTAMP (RFC 5545) ...
  if (type === 'text/calendar') body = text.replace(/^DTSTAMP:\d{8}T\d{6}Z\r$/gm, 'DTSTAMP:(made now)\r');
  // Likewise the moment of a Meine Daten export.
  if (path === '/api/v1/me/export' && res.status === 200) (body as any).exportedAt = '(made now)';
  return { status: res.status, type, body };
}

async function answers(server: Server, loggingFirst: boolean): Promise<Map<string, Answer>> {
  const out = new Map<string, Answer>();
  const order = [...asked.filter((a) => a.logsRead === loggingFirst), ...asked.filter((a) => a.logsRead !== loggingFirst)];
  for (const { who, path } of order) out.set(`${who} GET ${path}`, await answer(server, who, path));
  return out;
}

function assertSameAnswers(got: Map<string, Answer>, where: string) {
  assert.deepEqual([...got.keys()].sort(), [...original.keys()].sort());
  for (const [key, want] of original) assert.deepEqual(got.get(key), want, `${where}: ${key}`);
}

/** Every ported table's rows in key order, as the sqlite3 tool prints them. */
function sqliteDump(url: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const t of tableNames(url).filter((t) => !leftOut(t))) out.set(t, dbRows(url, `SELECT * FROM "${t}" ORDER BY 1`));
  return out;
}

function rowCounts(url: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tableNames(url).filter((t) => !leftOut(t))) out.set(t, dbRows(url, `SELECT COUNT(*) AS n FROM "${t}"`)[0].n);
  return out;
}

/** The rows-per-table table that port-db prints. */
function printedCounts(stdout: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const m = /^([a-z_]+)\s+(\d+)\s+(\d+)$/.exec(line.trim());
    if (!m) continue;
    assert.equal(m[2], m[3], `${m[1]}: source and target counts printed equal`);
    out.set(m[1], Number(m[2]));
  }
  return out;
}

async function drainedOutbox(url: string) {
  const deadline = Date.now() + 30_000;
  while (dbRows(url, "SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'pending'")[0].n > 0) {
    assert.ok(Date.now() < deadline, 'the outbox sends its mails');
    await sleep(100);
  }
}

async function serve(database: string) {
  return startServer({ database, env: MANY_ACCOUNTS, args: ['--base-url', BASE_URL] });
}

describe('port-db: SQLite to PostgreSQL and back', () => {
  before(async () => {
    const server = await startServer({ demo: true, database: sqliteUrl, env: MANY_ACCOUNTS, args: ['--base-url', BASE_URL] });
    try {
      const url = server.url;
      actors = {
        admin: await demoActor(url, DEMO.admin),
        coordinator: await demoActor(url, DEMO.coordinator),
        orgAdmin: await demoActor(url, DEMO.orgAdmin),
        volunteer: await demoActor(url, DEMO.volunteer),
        helper: await verifiedFast(server, 'portiert', { displayName: 'Paula Portmann' }),
      };
      M = await guetersloh(url);

      // More than the demo: a new group with a need whose words the keyword search finds, a
      // new volunteer and a demo volunteer on its shifts, a calendar feed, and a call to the
      // hotline that is published, offered to and matched, with a note.
      group = await approvedGroup(server, actors.coordinator, M, 'Portverein');
      actors.groupAdmin = group.admin;
      need = await createNeed(url, group.admin, group.id, {
        title: 'Umzugskisten schleppen für die Kleiderkammer',
        description: 'Die Kleiderkammer zieht in die Bürgerstraße um; wir tragen Kisten.',
        shifts: [shiftAt(5, 4, 9), shiftAt(6, 2, 13)],
      });
      await joinAs(url, actors.helper, need.shifts[0].id, 'confirmed', { message: 'Ich bringe eine Sackkarre mit.' });
      await joinAs(url, actors.volunteer, need.shifts[1].id, 'confirmed');
      const feed = await expectJson(await call(url, 'POST', '/api/v1/me/calendar-feed', { as: actors.volunteer }), 201, 'calendar feed');
      feedPath = new URL(feed.url).pathname;
      const c = newCaller('P');
      const r = await createHelpRequest(url, actors.coordinator, M, c, { publish: true });
      await expectJson(await call(url, 'POST', `/api/v1/help-requests/${r.id}/notes`, { as: actors.coordinator, body: { text: 'Rückruf am Nachmittag vereinbart.' } }), 201, 'note');
      const published = await expectJson(await call(url, 'GET', `/api/v1/help-requests/${r.id}`, { as: actors.coordinator }), 200, 'request');
      const hotlineNeed = await expectJson(await call(url, 'GET', `/api/v1/needs/${published.needId}`), 200, 'hotline need');
      await joinAs(url, actors.helper, hotlineNeed.shifts[0].id, 'requested', { message: 'Ich kann das übernehmen.' });
      await expectJson(await call(url, 'POST', `/api/v1/help-requests/${r.id}/match`, { as: actors.coordinator, body: { userId: actors.helper.id } }), 200, 'match');

      const demoNeeds = await expectJson(await http(url, `/api/v1/needs?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&radiusKm=25&limit=100`), 200, 'demo needs');
      assert.ok(demoNeeds.items.length >= 5, 'the demo needs are found around Gütersloh');
      const demoNeed = demoNeeds.items.find((n: any) => n.id !== need.id).id;

      requests = [
        '/api/v1/site',
        '/api/v1/municipalities?limit=100',
        `/api/v1/municipalities/${M}`,
        `/api/v1/needs?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&radiusKm=25&limit=100`,
        `/api/v1/needs?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&radiusKm=3&limit=5`,
        '/api/v1/needs?q=Umzugskisten',
        `/api/v1/needs?q=kleiderkammer&lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&radiusKm=25`,
        `/api/v1/needs?municipalityId=${M}&limit=100`,
        `/api/v1/needs?municipalityId=${M}&category=shopping&limit=100`,
        `/api/v1/needs/discover?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&limit=50&seed=4711`,
        `/api/v1/needs/${need.id}`,
        `/api/v1/needs/${demoNeed}`,
        `/api/v1/needs/${need.id}/calendar.ics`,
        `/api/v1/municipalities/${M}/needs.geojson`,
        `/api/v1/municipalities/${M}/needs.ics`,
        `/api/v1/organizations?municipalityId=${M}&limit=100`,
        `/api/v1/organizations/${group.id}`,
        `/api/v1/places?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&radiusKm=10`,
        feedPath,
      ];
      const ask = (who: Who, path: string, logsRead = false) => asked.push({ who, path, logsRead });
      for (const p of requests) ask('anonymous', p);
      for (const who of ['admin', 'coordinator', 'orgAdmin', 'volunteer', 'helper', 'groupAdmin'] as const) {
        for (const p of ['/api/v1/me', '/api/v1/me/signups', '/api/v1/me/organizations', '/api/v1/me/hours', '/api/v1/me/export',
          '/api/v1/me/help-requests', '/api/v1/me/calendar-feed']) ask(who, p);
      }
      for (const p of [`/api/v1/municipalities/${M}/dashboard`, `/api/v1/municipalities/${M}/audit-log`,
        `/api/v1/municipalities/${M}/needs?limit=100`, `/api/v1/municipalities/${M}/coordinators`,
        `/api/v1/organizations?municipalityId=${M}&status=pending&limit=100`]) ask('coordinator', p);
      for (const p of [`/api/v1/municipalities/${M}/help-requests`, `/api/v1/municipalities/${M}/help-requests?status=matched`,
        `/api/v1/help-requests/${r.id}`]) ask('coordinator', p, true);
      ask('admin', '/api/v1/municipalities?limit=100');
      ask('admin', `/api/v1/municipalities/${M}`);
      for (const p of [`/api/v1/organizations/${group.id}/members`, `/api/v1/organizations/${group.id}/needs`,
        `/api/v1/needs/${need.id}/participants`]) ask('groupAdmin', p);
      ask('helper', `/api/v1/help-requests/${r.id}`, true);

      // Mails still waiting would be sent by the next server, and the exports show whether a
      // mail went out: the answers are recorded once the outbox is empty.
      await drainedOutbox(sqliteUrl);
      original = await answers(server, true);
      // The answers must say something: signed in, and with the data written above.
      assert.equal((original.get('helper GET /api/v1/me')!.body as any).email, actors.helper.email);
      assert.equal(original.get(`coordinator GET /api/v1/municipalities/${M}/dashboard`)!.status, 200);
      assert.ok((original.get('anonymous GET /api/v1/needs?q=Umzugskisten')!.body as any).items.some((n: any) => n.id === need.id));
      assert.ok((original.get('volunteer GET /api/v1/me/signups')!.body as any).items.length > 0);
      const failed = [...original].filter(([, a]) => a.status !== 200).map(([key, a]) => `${key}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      assert.deepEqual(failed, [], 'every question is answered');
    } finally {
      await server.stop();
    }
  });

  after(() => {
    for (const url of made) dropDatabase(url);
    rmSync(dir, { recursive: true, force: true });
  });

  test('SQLite to PostgreSQL and back to SQLite: every row arrives, and comes back as it left', () => {
    const source = sqliteDump(sqliteUrl);
    pgUrl = pgDatabase();
    const r = portDb(sqliteUrl, pgUrl);
    assert.equal(r.status, 0, `port-db failed: ${r.stderr}`);
    // The printed table names every ported table with the rows on both sides.
    const printed = printedCounts(r.stdout);
    assert.deepEqual(printed, rowCounts(sqliteUrl), r.stdout);
    assert.deepEqual(rowCounts(pgUrl), printed);
    assert.ok(printed.get('sessions')! >= 6 && printed.get('help_requests')! > 0 && printed.get('signups')! > 0, r.stdout);
    // The source is only read.
    assert.deepEqual(sqliteDump(sqliteUrl), source);

    // Before any server writes to the PostgreSQL copy: back to SQLite, value for value.
    const back = portDb(pgUrl, backUrl);
    assert.equal(back.status, 0, `port-db back failed: ${back.stderr}`);
    assert.deepEqual(sqliteDump(backUrl), source);
  });

  test('a server on the PostgreSQL copy gives the same answers to the same sessions', async () => {
    assert.ok(pgUrl, 'the port to PostgreSQL ran');
    const server = await serve(pgUrl);
    try {
      assertSameAnswers(await answers(server, false), 'on PostgreSQL');
    } finally {
      await server.stop();
    }
  });

  test('a server on the copy back to SQLite gives the same answers', async () => {
    const server = await serve(backUrl);
    try {
      assertSameAnswers(await answers(server, false), 'back on SQLite');
    } finally {
      await server.stop();
    }
  });

  test('on PostgreSQL new rows get ids after the ported ones', async () => {
    assert.ok(pgUrl, 'the port to PostgreSQL ran');
    const maxIds = (table: string) => Number(dbRows(pgUrl, `SELECT MAX(id) AS id FROM ${table}`)[0].id);
    const before = { needs: maxIds('needs'), shifts: maxIds('shifts'), users: maxIds('users'), signups: maxIds('signups') };
    const server = await serve(pgUrl);
    try {
      const created = await createNeed(server.url, group.admin, group.id, { title: 'Nach dem Umzug: Portalregale aufbauen' });
      assert.ok(Number(created.id) > before.needs, `new need ${created.id} after ${before.needs}`);
      assert.ok(Number(created.shifts[0].id) > before.shifts, `new shift ${created.shifts[0].id} after ${before.shifts}`);
      const newcomer = await verifiedFast(server, 'nachher');
      assert.ok(Number(newcomer.id) > before.users, `new user ${newcomer.id} after ${before.users}`);
      const s = await joinAs(server.url, newcomer, created.shifts[0].id, 'confirmed');
      assert.ok(Number(s.id) > before.signups, `new sign-up ${s.id} after ${before.signups}`);
      // The rebuilt keyword index holds the new need and the ported ones.
      const found = await expectJson(await http(server.url, '/api/v1/needs?q=Portalregale'), 200, 'search');
      assert.deepEqual(found.items.map((n: any) => n.id), [created.id]);
    } finally {
      await server.stop();
    }
  });

  test('refuses a target that holds data, and writes nothing', () => {
    assert.ok(pgUrl, 'the port to PostgreSQL ran');
    const before = rowCounts(pgUrl);
    const r = portDb(sqliteUrl, pgUrl);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /not empty/);
    assert.deepEqual(rowCounts(pgUrl), before);
  });

  test('refuses a source that is not at this version, and leaves both alone', () => {
    const old = `sqlite:${join(dir, 'old.db')}`;
    assert.equal(runCli(['migrate', '--database', old]).status, 0);
    dbExec(old, 'DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)');
    const versions = dbRows(old, 'SELECT version FROM schema_migrations ORDER BY version');
    const target = pgDatabase();
    const r = portDb(old, target);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /run `helferkarte migrate --database SOURCE` first/);
    assert.deepEqual(tableNames(target), [], 'nothing created on the target');
    assert.deepEqual(dbRows(old, 'SELECT version FROM schema_migrations ORDER BY version'), versions, 'the source is not migrated');
  });
});
