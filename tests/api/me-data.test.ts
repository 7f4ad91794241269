// "Meine Daten": the export holds every row the database has about a person (compared with a
// direct query of every table), and deleting the account leaves none of their name or address
// anywhere while the groups' statistics stay right and their places go to the waitlist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbRows, dumpTables, noDatabaseTool, tableNames } from '../support/db.ts';
import type { Server } from '../support/server.ts';
import {
  applyOrganization, call, decide, DEMO, demoActor, expectJson, expectProblem, guetersloh, http, login, postJson,
  type Actor,
} from './support.ts';
import {
  addMember, approvedGroup, createNeed, getNeed, HOUR, iso, joinAs, participants, shiftAt, verifiedFast, waitUntil,
  type Group,
} from './needs-support.ts';
import {
  assertNoCallerData, createHelpRequest, getHelpRequest, newCaller, type Caller,
} from './hotline-support.ts';
import { startDemoServer } from './support.ts';

const DELETED = 'Gelöschtes Konto';
// Columns that hold the id of a user (users.id itself and audit subjects are handled apart).
const USER_REF_COLUMNS = ['user_id', 'actor_id', 'created_by', 'helper_id', 'author_id', 'invited_by'];
// Tables whose text is derived from needs and organisations, never from people: the keyword
// index (need_text, on SQLite with the FTS5 tables behind it) and SQLite's own tables.
const DERIVED = (t: string) => t.startsWith('need_text') || t.startsWith('sqlite_');

let server: Server;
let coordinator: Actor;
let M: string;
let pia: Actor; // the test person
let wanda: Actor; // waits for Pia's place
let group: Group;
let ownOrg: { id: string; name: string };
let futureShift: string;
let futureNeed: string;
let pastSignup: string;
let helpRequest: string;
let caller: Caller;
const base = () => server.url;

function deleteMe(who: Actor | null, body: unknown, headers: Record<string, string> = {}) {
  return call(base(), 'DELETE', '/api/v1/me', { as: who, body, headers });
}

function tables(): string[] {
  return tableNames(server.database).filter((t) => !DERIVED(t));
}

function rowsOf(table: string): any[] {
  return dbRows(server.database, `SELECT * FROM "${table}"`);
}

/** Whether a database row refers to the person by id or holds their address or name. */
function mentions(table: string, row: any, who: Actor): boolean {
  for (const [column, value] of Object.entries(row)) {
    if (typeof value === 'string' && (value.includes(who.email) || value.includes(who.displayName))) return true;
    if (USER_REF_COLUMNS.includes(column) && value !== null && String(value) === who.id) return true;
  }
  if (table === 'users' && String(row.id) === who.id) return true;
  if (table === 'audit_log' && row.subject_type === 'user' && String(row.subject_id) === who.id) return true;
  return false;
}

const ids = (items: any[]) => items.map((x) => String(x.id));

/**
 * How the export represents the rows of each table: the ids it lists, or for tables whose rows
 * carry no id the export shows (secrets aside), how many rows it describes.
 */
const REPRESENTED: Record<string, (e: any) => { ids: string[] } | { count: number }> = {
  users: (e) => ({ ids: [e.profile.id] }),
  role_grants: (e) => ({ count: e.roles.length }),
  sessions: (e) => ({ count: e.sessions.length }),
  account_tokens: (e) => ({ count: e.accountTokens.length }),
  calendar_feeds: (e) => ({ count: e.calendarFeed ? 1 : 0 }),
  invitations: (e) => ({ ids: [...ids(e.invitations), ...ids(e.invitationsSent)] }),
  organizations: (e) => ({ ids: ids(e.organizationsApplied) }),
  needs: (e) => ({ ids: [...ids(e.needsCreated), ...ids(e.needsAsContact)] }),
  signups: (e) => ({ ids: ids(e.signups) }),
  help_requests: (e) => ({ ids: [...ids(e.helpRequestsHelped), ...ids(e.helpRequestsRecorded)] }),
  help_request_notes: (e) => ({ ids: ids(e.helpRequestNotes) }),
  audit_log: (e) => ({ ids: ids(e.auditEntries) }),
  mail_outbox: (e) => ({ ids: [...ids(e.mails), ...ids(e.mailsNamingThem)] }),
};

describe('Meine Daten: export and deletion of an account', { skip: noDatabaseTool }, () => {
  before(async () => {
    server = await startDemoServer({ HELFERKARTE_AUTH_LOGIN_FAILURES_PER_ACCOUNT: '3' });
    const url = base();
    coordinator = await demoActor(url, DEMO.coordinator);
    M = await guetersloh(url);
    const tag = Date.now().toString(36);
    pia = await verifiedFast(server, 'pia', { displayName: `Pia Datenreich ${tag}` });
    wanda = await verifiedFast(server, 'wanda', { displayName: `Wanda Warteliste ${tag}` });
    group = await approvedGroup(server, coordinator, M, 'Datenverein');
    await addMember(url, group.admin, group.id, pia);

    // A place to come (the only one, Wanda waits for it), naming Pia as its contact.
    const need = await createNeed(url, group.admin, group.id, {
      title: 'Regale einräumen', shifts: [shiftAt(5, 1)],
      contact: { name: pia.displayName, phone: '05241 5550123', email: pia.email },
    });
    futureNeed = need.id;
    futureShift = need.shifts[0].id;
    await joinAs(url, pia, futureShift, 'confirmed', { message: 'Ich komme mit dem Rad' });
    await joinAs(url, wanda, futureShift, 'waitlisted');

    // A shift that begins in a few seconds, attended for 1.5 hours once it has begun.
    const start = Math.ceil((Date.now() + 6000) / 1000) * 1000;
    const soon = await createNeed(url, group.admin, group.id, {
      title: 'Gleich geht es los', shifts: [{ start: iso(start), end: iso(start + 2 * HOUR), capacity: 3 }],
    });
    const signup = await joinAs(url, pia, soon.shifts[0].id, 'confirmed');
    pastSignup = signup.id;

    // Her own group: she is its only admin once it is approved.
    const applied = await applyOrganization(url, pia, M, `Pias Nachbarschaftshilfe ${tag}`);
    await decide(url, coordinator, applied.id, 'approve');
    ownOrg = { id: applied.id, name: applied.name };

    // A hotline request she helps with.
    caller = newCaller('MeData');
    const r = await createHelpRequest(url, coordinator, M, caller, { publish: true });
    helpRequest = r.id;
    const hotlineNeed = await getNeed(url, r.needId);
    await expectJson(await call(url, 'POST', `/api/v1/shifts/${hotlineNeed.shifts[0].id}/signups`, { as: pia, body: {} }), 201, 'offer');
    await expectJson(await call(url, 'POST', `/api/v1/help-requests/${r.id}/match`, { as: coordinator, body: { userId: pia.id } }), 200, 'match');

    await expectJson(await call(url, 'POST', '/api/v1/me/calendar-feed', { as: pia }), 201, 'calendar feed');

    await waitUntil(start);
    await expectJson(await call(url, 'PATCH', `/api/v1/signups/${pastSignup}`, { as: group.admin, body: { attendance: 'attended', hours: 1.5 } }), 200, 'attended');
  });

  after(async () => {
    await server?.stop();
  });

  test('the export is a JSON download, private, and needs a session', async () => {
    await expectProblem(await http(base(), '/api/v1/me/export'), 401, 'anonymous');
    const res = await call(base(), 'GET', '/api/v1/me/export', { as: pia });
    const e = await expectJson(res, 200, 'export');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="helferkarte-daten.json"');
    assert.match(res.headers.get('cache-control') ?? '', /no-store/);
    assert.equal(e.profile.id, pia.id);
    assert.equal(e.profile.email, pia.email);
    assert.equal(e.profile.displayName, pia.displayName);
    assert.equal(e.profile.emailVerified, true);
    assert.ok(!Number.isNaN(Date.parse(e.exportedAt)), 'exportedAt is a time');
  });

  test('the export holds every row about the person that the database has, and no secret', async () => {
    const e = await expectJson(await call(base(), 'GET', '/api/v1/me/export', { as: pia }), 200, 'export');
    const text = JSON.stringify(e);

    // What the story above left, table by table.
    const roles = e.roles.map((r: any) => `${r.role}:${r.organizationId}`).sort();
    assert.deepEqual(roles, [`org_admin:${ownOrg.id}`, `org_member:${group.id}`].sort(), 'roles');
    assert.equal(e.roles.find((r: any) => r.organizationId === ownOrg.id).organizationName, ownOrg.name);
    assert.equal(e.signups.length, 3, 'the place to come, the attended shift, the hotline offer');
    const attended = e.signups.find((s: any) => s.id === pastSignup);
    assert.equal(attended.attendance, 'attended');
    assert.equal(attended.minutes, 90);
    assert.equal(attended.organizationName, group.name);
    const toCome = e.signups.find((s: any) => s.shiftId === futureShift);
    assert.equal(toCome.status, 'confirmed');
    assert.equal(toCome.message, 'Ich komme mit dem Rad');
    assert.equal(toCome.needTitle, 'Regale einräumen');
    assert.deepEqual(e.hours.map((h: any) => [h.organizationName, h.minutes, h.shifts]), [[group.name, 90, 1]], 'hours');
    assert.ok(e.calendarFeed && e.calendarFeed.createdAt, 'calendar feed');
    assert.deepEqual(ids(e.organizationsApplied), [ownOrg.id]);
    assert.deepEqual(ids(e.needsAsContact), [futureNeed]);
    assert.equal(e.needsAsContact[0].contactPhone, '05241 5550123');
    assert.deepEqual(e.helpRequestsHelped.map((h: any) => [h.id, h.status]), [[helpRequest, 'matched']]);
    assert.equal(e.sessions.length, 1, 'one session');
    assert.ok(e.mails.some((m: any) => m.template === 'verify_email'), 'the verification mail');
    assert.ok(e.mails.every((m: any) => m.recipient === pia.email), 'mails to her');
    assert.ok(e.auditEntries.some((a: any) => a.action === 'role.granted' && a.subjectType === 'user' && a.subjectId === pia.id),
      'the role granted to her');

    // Every row of every table that refers to her is in the export.
    let checked = 0;
    for (const table of tables()) {
      const mentioning = rowsOf(table).filter((r) => mentions(table, r, pia));
      if (mentioning.length === 0) continue;
      const represent = REPRESENTED[table];
      assert.ok(represent, `table ${table} holds ${mentioning.length} row(s) about her but the test knows no part of the export for it`);
      const shown = represent(e);
      if ('ids' in shown) {
        const missing = mentioning.map((r) => String(r.id)).filter((id) => !shown.ids.includes(id));
        assert.deepEqual(missing, [], `${table}: rows about her missing from the export`);
        const extra = shown.ids.filter((id) => !mentioning.some((r) => String(r.id) === id));
        assert.deepEqual(extra, [], `${table}: rows in the export that are not about her`);
      } else {
        assert.equal(shown.count, mentioning.length, `${table}: rows about her`);
      }
      checked += 1;
    }
    for (const table of ['users', 'role_grants', 'sessions', 'account_tokens', 'calendar_feeds', 'organizations', 'needs',
      'signups', 'help_requests', 'help_request_notes', 'audit_log', 'mail_outbox']) {
      assert.ok(rowsOf(table).some((r) => mentions(table, r, pia)), `the story left rows about her in ${table}`);
    }
    assert.ok(checked >= 12, `tables compared: ${checked}`);

    // Secrets stay on the server; the caller's data is not hers.
    const secrets = [
      ...dbRows(server.database, `SELECT password_hash AS s FROM users WHERE id = ${Number(pia.id)}`),
      ...dbRows(server.database, `SELECT token_hash AS s FROM sessions WHERE user_id = ${Number(pia.id)}`),
      ...dbRows(server.database, `SELECT csrf_token AS s FROM sessions WHERE user_id = ${Number(pia.id)}`),
      ...dbRows(server.database, `SELECT token_hash AS s FROM account_tokens WHERE user_id = ${Number(pia.id)}`),
      ...dbRows(server.database, `SELECT token_hash AS s FROM calendar_feeds WHERE user_id = ${Number(pia.id)}`),
      ...dbRows(server.database, `SELECT link_token_hash AS s FROM signups WHERE user_id = ${Number(pia.id)} AND link_token_hash IS NOT NULL`),
    ].map((r) => r.s as string);
    assert.ok(secrets.length >= 4, 'secrets to look for');
    for (const s of secrets) assert.ok(!text.includes(s), `the export holds a secret (${s.slice(0, 8)}…)`);
    assert.ok(!text.includes(pia.session.csrfToken), 'no CSRF token');
    assert.ok(!/password|tokenHash|csrf/i.test(Object.keys(flatKeys(e)).join(' ')), 'no secret-named field');
    assertNoCallerData(text, caller, 'export');
  });

  test('deletion: session, password and CSRF are required; wrong passwords count as failed logins', async () => {
    await expectProblem(await deleteMe(null, { password: pia.password }), 401, 'anonymous');
    const noCsrf = await http(base(), '/api/v1/me', {
      method: 'DELETE', headers: { Cookie: pia.session.cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ password: pia.password }),
    });
    await expectProblem(noCsrf, 403, 'no CSRF token');
    const missing = await expectProblem(await deleteMe(pia, {}), 422, 'no password');
    assert.deepEqual(missing.errors!.map((x) => x.field), ['password']);
    await expectProblem(await deleteMe(pia, 'kein json'), 400, 'not JSON');
    await expectProblem(await deleteMe(pia, { password: 12 }), 422, 'password not text');

    const de = await expectProblem(await deleteMe(pia, { password: 'Falsch-Falsch-2026' }), 403, 'wrong password');
    assert.match(de.type, /wrong-password$/);
    assert.match(de.detail, /Passwort ist nicht richtig/);
    const en = await expectProblem(await deleteMe(pia, { password: 'Falsch-Falsch-2026' }, { 'Accept-Language': 'en' }), 403, 'wrong password, en');
    assert.match(en.detail, /password is not correct/);
    const me = await expectJson(await call(base(), 'GET', '/api/v1/me', { as: pia }), 200, 'still signed in');
    assert.equal(me.email, pia.email);

    // Another account: wrong passwords on deletion exhaust the login limit (3 here).
    const tom = await verifiedFast(server, 'tom');
    for (let i = 0; i < 3; i += 1) {
      await expectProblem(await deleteMe(tom, { password: `Falsch-${i}-2026` }), 403, `wrong password ${i + 1}`);
    }
    await expectProblem(await deleteMe(tom, { password: tom.password }), 429, 'limited like logins');
    await expectProblem(await postJson(base(), '/api/v1/auth/login', { email: tom.email, password: tom.password }), 429, 'login limited too');
  });

  test('deletion is refused while she is the only admin of her group, naming it in German and English', async () => {
    const de = await expectProblem(await deleteMe(pia, { password: pia.password }), 409, 'only admin');
    assert.match(de.type, /last-admin$/);
    assert.ok(de.detail.includes(`„${ownOrg.name}“`), de.detail);
    assert.match(de.detail, /einzige Administratorin/);
    const en = await expectProblem(await deleteMe(pia, { password: pia.password }, { 'Accept-Language': 'en' }), 409, 'only admin, en');
    assert.ok(en.detail.includes(ownOrg.name) && /only admin/.test(en.detail), en.detail);
    await expectJson(await call(base(), 'GET', '/api/v1/me', { as: pia }), 200, 'nothing changed');
  });

  test('after naming a second admin the account is deleted and nothing of her is left', async () => {
    const url = base();
    await addMember(url, pia, ownOrg.id, wanda, 'admin');

    // While her address is the group's public contact, the group must change it first.
    const org = `/api/v1/organizations/${ownOrg.id}`;
    const contact = (await expectJson(await call(url, 'GET', org, { as: pia }), 200, 'her group')).contactEmail;
    await expectJson(await call(url, 'PATCH', org, { as: pia, body: { contactEmail: pia.email } }), 200, 'her address as contact');
    const refused = await expectProblem(await deleteMe(pia, { password: pia.password }), 409, 'contact address');
    assert.match(refused.type, /contact-address$/);
    assert.ok(refused.detail.includes(`„${ownOrg.name}“`), refused.detail);
    await expectJson(await call(url, 'PATCH', org, { as: pia, body: { contactEmail: contact } }), 200, 'contact changed back');

    const secondSession = await login(url, pia.email, pia.password);
    const dashboard = async () => (await expectJson(await call(url, 'GET', `/api/v1/municipalities/${M}/dashboard`, { as: coordinator }), 200, 'dashboard'))
      .weeks.map((w: any) => w.confirmedHours);
    const hoursBefore = await dashboard();
    assert.ok(hoursBefore.some((h: number) => h >= 1.5), `the attended shift counts: ${hoursBefore}`);

    const res = await deleteMe(pia, { password: pia.password });
    await expectJson(res, 204, 'deleted');
    const cleared = res.headers.get('set-cookie');
    // The same Set-Cookie as a logout.
    const logout = await call(url, 'POST', '/api/v1/auth/logout', { as: await login(url, wanda.email, wanda.password) });
    assert.equal(logout.status, 204);
    assert.equal(cleared, logout.headers.get('set-cookie'));
    assert.match(cleared ?? '', /^hk_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);

    // Every session ended; the account is gone.
    await expectProblem(await call(url, 'GET', '/api/v1/me', { as: pia }), 401, 'old session');
    await expectProblem(await call(url, 'GET', '/api/v1/me', { as: secondSession }), 401, 'other session');
    await expectProblem(await postJson(url, '/api/v1/auth/login', { email: pia.email, password: pia.password }), 401, 'login');

    // No text column of any table holds her address or name; no row refers to her id.
    const dump = dumpTables(server.database);
    for (const [table, rows] of dump) {
      assert.ok(!rows.includes(pia.email), `${table} still holds her address`);
      assert.ok(!rows.includes(pia.displayName), `${table} still holds her name`);
    }
    for (const table of tables()) {
      const left = rowsOf(table).filter((r) => mentions(table, r, pia));
      assert.deepEqual(left, [], `${table} still refers to her`);
    }

    // Her attended shift still counts for the group, without her.
    const [kept] = dbRows(server.database, `SELECT user_id, status, attendance, minutes, birth_year, message FROM signups WHERE id = ${Number(pastSignup)}`);
    assert.deepEqual(kept, { user_id: null, status: 'confirmed', attendance: 'attended', minutes: 90, birth_year: null, message: null });
    assert.deepEqual(await dashboard(), hoursBefore, 'the dashboard hours stay');
    const audit = dbRows(server.database, `SELECT action FROM audit_log WHERE subject_type = 'user' AND subject_label = '${DELETED}' AND subject_id IS NULL`);
    assert.ok(audit.some((a) => a.action === 'role.granted'), 'the entries about her stay, anonymised');

    // Her place to come went to Wanda, who was told.
    const list = await participants(url, group.admin, futureNeed);
    const people = JSON.stringify(list);
    assert.ok(people.includes(wanda.email), 'Wanda is a participant');
    const shift = (await getNeed(url, futureNeed)).shifts[0];
    assert.equal(shift.taken, 1, 'the place is taken again, by Wanda');
    const [wandaSignup] = dbRows(server.database, `SELECT status FROM signups WHERE shift_id = ${Number(futureShift)} AND user_id = ${Number(wanda.id)}`);
    assert.equal(wandaSignup.status, 'confirmed', 'Wanda moved up');

    // The hotline request she helped with is open again.
    const r = await getHelpRequest(url, coordinator, helpRequest);
    assert.equal(r.status, 'published');
  });
});

/** Every key of a JSON value, nested, as an object's keys. */
function flatKeys(value: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) for (const v of value) flatKeys(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out[k] = true;
      flatKeys(v, out);
    }
  }
  return out;
}
