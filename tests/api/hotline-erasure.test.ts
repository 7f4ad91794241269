// The erasure of a caller's data a configurable number of days after the request was closed
// (default 30), by the housekeeping job driven with `helferkarte jobs run --at`: before the
// day everything is there, after it no table of the database holds the caller's name, phone,
// address or the details, and the request keeps category, area, dates and outcome.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dbKind, dbRows, dumpTables, haveDatabaseTool, noDatabaseTool, testDatabaseKind } from '../support/db.ts';
import { runCli, type Server } from '../support/server.ts';
import { call, DEMO, demoActor, expectJson, expectProblem, guetersloh, http, problemCode, startDemoServer, type Actor } from './support.ts';
import { DAY, iso, mailFiles, newMailTo, verifiedFast } from './needs-support.ts';
import {
  assertNoCallerData, auditLog, createHelpRequest, expectSchema, getHelpRequest, newCaller, type Caller,
} from './hotline-support.ts';

const servers: Server[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

/** `helferkarte jobs run --at` against the server's database, with extra environment. */
function runJobsAt(server: Server, at: number, env: Record<string, string> = {}): string {
  const args = server.process.spawnargs;
  const i = args.indexOf('--base-url');
  const baseUrl = i >= 0 ? ['--base-url', args[i + 1]] : [];
  const r = runCli(['jobs', 'run', '--database', server.database, '--at', iso(at), ...baseUrl], env);
  assert.equal(r.status, 0, `helferkarte jobs run --at ${iso(at)} failed: ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

interface Closed { server: Server; coordinator: Actor; M: string; c: Caller; id: string; needId: string; closedAt: number; closed: any }

/**
 * A request with everything that holds the caller: published, two offers, matched (the mail
 * with the contact), notes naming the caller, closed as done.
 */
async function closedRequest(tag: string): Promise<Closed> {
  const server = await startDemoServer();
  servers.push(server);
  const base = server.url;
  const coordinator = await demoActor(base, DEMO.coordinator);
  const M = await guetersloh(base);
  const c = newCaller(tag);
  const r = await createHelpRequest(base, coordinator, M, c, { publish: true, recurrence: 'weekly' });
  const need = await expectJson(await http(base, `/api/v1/needs/${r.needId}`), 200, 'need');
  const [helper, other] = await Promise.all([verifiedFast(server, 'erasure-helper'), verifiedFast(server, 'erasure-other')]);
  for (const v of [helper, other]) {
    await expectJson(await call(base, 'POST', `/api/v1/shifts/${need.shifts[0].id}/signups`, { as: v, body: {} }), 201, 'offer');
  }
  const before = mailFiles(server.mailDir);
  await expectJson(await call(base, 'POST', `/api/v1/help-requests/${r.id}/match`, { as: coordinator, body: { userId: helper.id } }), 200, 'match');
  await newMailTo(server.mailDir, before, helper.email, c.phone);
  await expectJson(await call(base, 'POST', `/api/v1/help-requests/${r.id}/notes`, { as: coordinator, body: { text: `Rückruf bei ${c.name} unter ${c.phone}, ${c.address}.` } }), 201, 'a note naming the caller');
  await getHelpRequest(base, helper, r.id);
  await getHelpRequest(base, coordinator, r.id, '?purpose=print');
  const closed = await expectJson(await call(base, 'POST', `/api/v1/help-requests/${r.id}/close`, { as: coordinator, body: { outcome: 'done', note: `${c.name} bedankt sich.` } }), 200, 'close');
  const closedAt = Date.parse(closed.closedAt);
  assert.ok(Math.abs(closedAt - Date.now()) < 5 * 60_000, 'closed now');

  if (haveDatabaseTool) {
    // Before the erasure the database holds the caller where the contract says.
    const row = dbRows(server.database, `SELECT caller_name, caller_phone, caller_address, details FROM help_requests WHERE id = ${Number(r.id)}`)[0];
    assert.deepEqual(row, { caller_name: c.name, caller_phone: c.phone, caller_address: c.address, details: c.details });
    const mails = dbRows(server.database, `SELECT COUNT(*) AS n FROM mail_outbox WHERE help_request_id = ${Number(r.id)}`)[0].n;
    assert.ok(mails >= 1, 'the mail to the helper names the request in the outbox');
  }
  return { server, coordinator, M, c, id: r.id, needId: r.needId, closedAt, closed };
}

/** Asserts that the caller's data is still there (the API and, with sqlite3 or psql, the tables). */
async function assertKept(x: Closed, when: string) {
  const view = await getHelpRequest(x.server.url, x.coordinator, x.id);
  assert.deepEqual(view.caller, { name: x.c.name, phone: x.c.phone, address: x.c.address }, `${when}: the caller is kept`);
  assert.equal(view.details, x.c.details, `${when}: the details are kept`);
  assert.equal(view.erasedAt, null, `${when}: not erased`);
  assert.ok(view.notes.length > 0, `${when}: the notes are kept`);
}

/** Asserts that nothing of the caller is left, and what the request keeps. */
async function assertErased(x: Closed, when: string) {
  const base = x.server.url;
  const view = await getHelpRequest(base, x.coordinator, x.id);
  expectSchema(view, 'HelpRequest', `${when}: erased request`);
  for (const k of ['summary', 'details', 'caller', 'location', 'publicLocation', 'helper']) {
    assert.equal(view[k], null, `${when}: ${k} is null after erasure`);
  }
  assert.deepEqual(view.notes, [], `${when}: no notes`);
  assert.ok(view.erasedAt, `${when}: erasedAt`);
  // What stays for statistics.
  assert.equal(view.status, 'done');
  assert.equal(view.category, x.closed.category);
  assert.equal(view.area, x.closed.area);
  assert.equal(view.createdAt, x.closed.createdAt);
  assert.equal(view.publishedAt, x.closed.publishedAt);
  assert.equal(view.matchedAt, x.closed.matchedAt);
  assert.equal(view.closedAt, x.closed.closedAt);
  assert.deepEqual(view.when, x.closed.when);
  assertNoCallerData(JSON.stringify(view), x.c, `${when}: the coordinator view`);

  const list = await call(base, 'GET', `/api/v1/municipalities/${x.M}/help-requests?status=done`, { as: x.coordinator });
  const listText = await list.text();
  assert.equal(list.status, 200);
  const item = JSON.parse(listText).items.find((i: any) => i.id === x.id);
  assert.ok(item, 'still listed');
  assert.equal(item.caller, null);
  assertNoCallerData(listText, x.c, `${when}: the list`);

  const note = await call(base, 'POST', `/api/v1/help-requests/${x.id}/notes`, { as: x.coordinator, body: { text: 'Nach der Löschung.' } });
  assert.equal(problemCode(await expectProblem(note, 409, 'a note on an erased request')), 'help-request-erased');

  const { items, texts } = await auditLog(base, x.coordinator, x.M);
  const erased = items.filter((e) => e.action === 'help_request.erased' && e.subjectId === x.id);
  assert.equal(erased.length, 1, 'one help_request.erased entry');
  assert.equal(erased[0].actor.id, null);
  assert.equal(erased[0].actor.displayName, 'Helferkarte');
  for (const t of texts) assertNoCallerData(t, x.c, `${when}: the audit log`);

  // The need it published stays (it never held the caller).
  assert.equal((await http(base, `/api/v1/needs/${x.needId}`)).status, 200, 'the need stays');

  if (!haveDatabaseTool) return;
  const db = x.server.database;
  const row = dbRows(db, `SELECT * FROM help_requests WHERE id = ${Number(x.id)}`)[0];
  for (const k of ['summary', 'details', 'caller_name', 'caller_phone', 'caller_address', 'point_lat', 'point_lon', 'public_lat', 'public_lon', 'helper_id']) {
    assert.equal(row[k], null, `${when}: help_requests.${k} is NULL`);
  }
  for (const k of ['category', 'area', 'status', 'created_at', 'published_at', 'matched_at', 'closed_at', 'erased_at', 'starts_at', 'ends_at']) {
    assert.notEqual(row[k], null, `${when}: help_requests.${k} is kept`);
  }
  assert.equal(dbRows(db, `SELECT COUNT(*) AS n FROM help_request_notes WHERE help_request_id = ${Number(x.id)}`)[0].n, 0, 'no notes left');
  assert.equal(dbRows(db, `SELECT COUNT(*) AS n FROM mail_outbox WHERE help_request_id = ${Number(x.id)}`)[0].n, 0, 'no mail of the request left');
  const dump = dumpTables(db);
  assert.ok(dump.has('help_requests'), `the dump has help_requests (tables: ${[...dump.keys()].join(', ')})`);
  for (const [table, text] of dump) assertNoCallerData(text, x.c, `${when}: table ${table}`);
}

describe('erasure after the default 30 days', { skip: noDatabaseTool }, () => {
  let x: Closed;

  test('29 days after closing the caller is still there; 31 days after, gone from every table', async () => {
    x = await closedRequest('Loeschen');
    runJobsAt(x.server, x.closedAt + 29 * DAY);
    await assertKept(x, 'after 29 days');
    runJobsAt(x.server, x.closedAt + 31 * DAY);
    await assertErased(x, 'after 31 days');
    // A second pass finds nothing more to do and changes nothing.
    runJobsAt(x.server, x.closedAt + 32 * DAY);
    const { items } = await auditLog(x.server.url, x.coordinator, x.M);
    assert.equal(items.filter((e) => e.action === 'help_request.erased' && e.subjectId === x.id).length, 1, 'erased once');
  });

  // PostgreSQL's files are the cluster's, not the server's: there the guarantee is the one
  // above, that no row holds the caller.
  const onlySqlite = testDatabaseKind() === 'postgres' && 'a SQLite file only: on PostgreSQL the guarantee is that the rows are gone';
  test('the database file itself no longer holds the caller (secure_delete), once the server has closed it', { skip: onlySqlite }, async () => {
    assert.ok(x, 'the previous test ran');
    assert.equal(dbKind(x.server.database), 'sqlite');
    const dir = x.server.dir;
    const exited = new Promise((r) => x.server.process.once('exit', r));
    x.server.process.kill('SIGTERM');
    await exited;
    const files = readdirSync(dir).filter((f) => f.startsWith('helferkarte.db'));
    assert.ok(files.includes('helferkarte.db'), `the database file is there (${files.join(', ')})`);
    for (const name of files) {
      const bytes = readFileSync(join(dir, name)).toString('latin1');
      for (const s of [x.c.name, x.c.phone, x.c.address.split(',')[0], x.c.details]) {
        assert.ok(!bytes.includes(s), `${name} still holds ${s}`);
      }
    }
  });
});

describe('erasure with HELFERKARTE_HOTLINE_RETENTION_DAYS=5', { skip: noDatabaseTool }, () => {
  test('kept after 4 days (and after 6 with the default), erased after 6 days', async () => {
    const x = await closedRequest('Fuenf');
    const env = { HELFERKARTE_HOTLINE_RETENTION_DAYS: '5' };
    runJobsAt(x.server, x.closedAt + 4 * DAY, env);
    await assertKept(x, 'after 4 of 5 days');
    runJobsAt(x.server, x.closedAt + 6 * DAY);
    await assertKept(x, 'after 6 days with the default of 30');
    runJobsAt(x.server, x.closedAt + 6 * DAY, env);
    await assertErased(x, 'after 6 of 5 days');
  });

  test('a retention outside 0..3650 is refused by the command', () => {
    const r = runCli(['jobs', 'run', '--database', servers[servers.length - 1].database, '--at', iso(Date.now())], { HELFERKARTE_HOTLINE_RETENTION_DAYS: '3651' });
    assert.notEqual(r.status, 0, `retention 3651 is refused (stdout ${r.stdout}, stderr ${r.stderr})`);
  });
});
