// Needs and their shifts: a member of an approved group posts a need (published at once, or
// into the coordinators' queue under pre-moderation unless the group is trusted), edits,
// cancels and completes it, adds, changes and deletes shifts; the lists of the group and of
// the municipality; suspension hides a group's needs; the weekly rule makes repetitions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  addMember, approvedGroup, createNeed, DAY, daysAhead, getNeed, HOUR, iso, join, joinAs, mailFiles, needBody,
  mailsArrived, newMailTo, runJobs, shiftAt, verifiedFast, type Group,
} from './needs-support.ts';
import {
  call, decide, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages, guetersloh, mailTo,
  problemCode, uniqueAgs, type Actor, startDemoServer } from './support.ts';

let server: Server;
let coordinator: Actor; // coordinator of Gütersloh (M, no pre-moderation)
let platformAdmin: Actor;
let M = '';
let group: Group; // approved in M
let member: Actor; // org_member of `group`
let volunteer: Actor;
// A municipality with pre-moderation, its coordinator and a group there.
let V = '';
let coordinatorV: Actor;
let groupV: Group;

before(async () => {
  server = await startDemoServer();
  coordinator = await demoActor(server.url, DEMO.coordinator);
  platformAdmin = await demoActor(server.url, DEMO.admin);
  M = await guetersloh(server.url);
  group = await approvedGroup(server, coordinator, M, 'Nachbarschaftshilfe');
  [member, volunteer] = await Promise.all([
    verifiedFast(server, 'need-member', { displayName: 'Mira Mitglied' }),
    verifiedFast(server, 'need-volunteer', { displayName: 'Vera Freiwillig' }),
  ]);
  await addMember(server.url, group.admin, group.id, member);

  const v = await expectJson(await call(server.url, 'POST', '/api/v1/municipalities', {
    as: platformAdmin,
    body: { name: 'Vorabhausen', ags: uniqueAgs(), center: { lat: 52.1, lon: 8.6 }, contactEmail: 'rathaus@vorabhausen.example', moderation: 'pre' },
  }), 201, 'create a municipality with pre-moderation');
  V = v.id;
  coordinatorV = await verifiedFast(server, 'coordinator-v', { displayName: 'Kora Koordination' });
  const granted = await call(server.url, 'POST', `/api/v1/municipalities/${V}/coordinators`, { as: platformAdmin, body: { email: coordinatorV.email } });
  assert.equal((await expectJson(granted, 201, 'coordinator of V')).status, 'granted');
  groupV = await approvedGroup(server, coordinatorV, V, 'Tafel Vorabhausen');
});
after(async () => {
  await server?.stop();
});

const base = () => server.url;

async function listAll(path: string, who: Actor | null) {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const body: any = await expectJson(await call(base(), 'GET', `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as: who }), 200, `list ${path}`);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

async function auditOf(municipalityId: string, who: Actor, needId: string) {
  const log = await expectJson(await call(base(), 'GET', `/api/v1/municipalities/${municipalityId}/audit-log?limit=100`, { as: who }), 200, 'audit log');
  return log.items.filter((e: any) => e.subjectType === 'need' && e.subjectId === needId).map((e: any) => e.action);
}

async function expectConflict(res: Response, code: string, context: string) {
  const p = await expectProblem(res, 409, context);
  assert.equal(problemCode(p), code, `${context}: problem code`);
  return p;
}

/** Berlin wall-clock "HH:MM" of a UTC time. */
function berlinTime(t: string) {
  return new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(t));
}
function berlinDate(ms: number) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

describe('posting a need', () => {
  test('a member posts: published at once, with every field of a need', async () => {
    const body = needBody({ shifts: [shiftAt(9, 2, 14), shiftAt(7, 3, 9)] }); // out of order on purpose
    const res = await call(base(), 'POST', `/api/v1/organizations/${group.id}/needs`, { as: member, body });
    const need = await expectJson(res, 201, 'create');
    assert.equal(typeof need.id, 'string');
    assert.deepEqual(need.organization, { id: group.id, name: group.name });
    assert.equal(need.municipalityId, M);
    assert.equal(need.title, body.title);
    assert.equal(need.description, body.description);
    assert.equal(need.category, 'shopping');
    assert.equal(need.remote, false);
    assert.deepEqual(need.location, body.location);
    assert.deepEqual(need.requirements, { minAge: null, drivingLicence: false, conductCertificate: false });
    assert.equal(need.signupMode, 'open');
    assert.equal(need.waitlist, true);
    assert.deepEqual(need.contact, body.contact);
    assert.equal(need.recurrence, null);
    assert.equal(need.status, 'published');
    assert.equal(need.statusReason, null);
    assert.equal(need.shifts.length, 2);
    assert.deepEqual(need.shifts.map((s: any) => [s.start, s.end, s.capacity]),
      [[body.shifts[1].start, body.shifts[1].end, 3], [body.shifts[0].start, body.shifts[0].end, 2]], 'shifts ordered by start');
    for (const s of need.shifts) {
      assert.equal(typeof s.id, 'string');
      assert.deepEqual({ taken: s.taken, waitlisted: s.waitlisted, requested: s.requested, placesLeft: s.placesLeft, full: s.full, started: s.started, mySignup: s.mySignup },
        { taken: 0, waitlisted: 0, requested: 0, placesLeft: s.capacity, full: false, started: false, mySignup: null });
    }
    assert.equal(need.placesLeft, 5);
    assert.equal(need.covered, false);
    assert.ok(Math.abs(Date.parse(need.createdAt) - Date.now()) < 120_000, `createdAt is now (${need.createdAt})`);
    assert.equal(need.updatedAt, need.createdAt);

    // Anyone sees it, the same.
    const pub = await getNeed(base(), need.id);
    assert.deepEqual(pub, need, 'the public sees the same need');
    assert.deepEqual(await auditOf(M, coordinator, need.id), ['need.created']);
  });

  test('the group admin posts too; times with an offset come back in UTC; contact falls back to the group', async () => {
    const start = daysAhead(10, 8);
    const offset = (ms: number) => iso(ms + 2 * HOUR).replace('Z', '+02:00');
    const need = await createNeed(base(), group.admin, group.id, {
      shifts: [{ start: offset(start), end: offset(start + 3 * HOUR), capacity: 4 }],
      contact: undefined, requirements: undefined, signupMode: undefined, waitlist: undefined,
    });
    assert.deepEqual([need.shifts[0].start, need.shifts[0].end], [iso(start), iso(start + 3 * HOUR)]);
    assert.deepEqual(need.contact, { name: null, phone: null, email: 'kontakt@verein.example' }, 'the organisation\'s contactEmail');
    assert.deepEqual(need.requirements, { minAge: null, drivingLicence: false, conductCertificate: false });
    assert.equal(need.signupMode, 'open');
    assert.equal(need.waitlist, true);
  });

  test('a remote need has no location; requirements and approval mode are kept', async () => {
    const need = await createNeed(base(), member, group.id, {
      title: 'Telefonpatenschaft', category: 'phone', remote: true, location: null, signupMode: 'approval', waitlist: false,
      requirements: { minAge: 16, drivingLicence: true, conductCertificate: true },
    });
    assert.equal(need.remote, true);
    assert.equal(need.location, null);
    assert.equal(need.signupMode, 'approval');
    assert.equal(need.waitlist, false);
    assert.deepEqual(need.requirements, { minAge: 16, drivingLicence: true, conductCertificate: true });
  });

  test('an organisation that is not approved cannot post (409 organization-not-approved)', async () => {
    const applicant = await verifiedFast(server, 'pending-applicant');
    const pending = await expectJson(await call(base(), 'POST', '/api/v1/organizations', {
      as: applicant, body: { municipalityId: M, name: `Wartend ${Date.now()}`, kind: 'verein', description: 'Ein Verein im Antrag.', contactEmail: 'w@verein.example' },
    }), 201, 'apply');
    // Nobody is a member of a pending group: its coordinator may see it but not post (403).
    // The admin of a suspended group is a member, and is told why not (409).
    await expectProblem(await call(base(), 'POST', `/api/v1/organizations/${pending.id}/needs`, { as: coordinator, body: needBody() }), 403, 'coordinator of a pending group');
    const suspended = await approvedGroup(server, coordinator, M, 'Bald gesperrt');
    await decide(base(), coordinator, suspended.id, 'suspend', 'Prüfung');
    await expectConflict(await call(base(), 'POST', `/api/v1/organizations/${suspended.id}/needs`, { as: suspended.admin, body: needBody() }),
      'organization-not-approved', 'admin of a suspended group');
  });
});

describe('pre-moderation', () => {
  test('a need of an untrusted group waits for review; the coordinator is told and releases it', async () => {
    const need = await createNeed(base(), groupV.admin, groupV.id, { title: 'Regale einräumen' });
    assert.equal(need.status, 'pending_review');
    const notice = await mailTo(server.mailDir, coordinatorV.email, '/koordination/gesuche');
    assert.ok(notice.text.includes('Regale einräumen'), `the notice names the need:\n${notice.body}`);

    await expectProblem(await call(base(), 'GET', `/api/v1/needs/${need.id}`), 404, 'hidden from the public');
    await expectProblem(await call(base(), 'GET', `/api/v1/needs/${need.id}`, { as: volunteer }), 404, 'hidden from volunteers');
    assert.equal((await getNeed(base(), need.id, groupV.admin)).status, 'pending_review', 'the group sees it');
    assert.equal((await getNeed(base(), need.id, coordinatorV)).status, 'pending_review', 'the coordinator sees it');
    await expectProblem(await join(base(), volunteer, need.shifts[0].id), 404, 'nobody can join a need nobody may see');
    const queue = await listAll(`/api/v1/municipalities/${V}/needs?status=pending_review`, coordinatorV);
    assert.ok(queue.some((n) => n.id === need.id), 'in the review queue');
    assert.ok(queue.every((n) => n.status === 'pending_review'));
    assert.ok(!(await listAll(`/api/v1/organizations/${groupV.id}/needs`, null)).some((n) => n.id === need.id), 'not in the public list');

    const before = mailFiles(server.mailDir);
    const released = await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/approve`, { as: coordinatorV }), 200, 'approve');
    assert.equal(released.status, 'published');
    const mail = await newMailTo(server.mailDir, before, groupV.admin.email, `/gesuche/${need.id}`);
    assert.ok(mail.text.includes('Regale einräumen'), 'the approval mail names the need');
    assert.equal((await getNeed(base(), need.id)).status, 'published', 'public now');
    assert.ok(!(await listAll(`/api/v1/municipalities/${V}/needs?status=pending_review`, coordinatorV)).some((n) => n.id === need.id), 'out of the queue');
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${need.id}/approve`, { as: coordinatorV }), 'invalid-transition', 'approve twice');
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${need.id}/reject`, { as: coordinatorV, body: { reason: 'Zu spät' } }), 'invalid-transition', 'reject a published need');
    assert.deepEqual(await auditOf(V, coordinatorV, need.id), ['need.approved', 'need.created'], 'newest first');
  });

  test('the coordinator rejects with a reason; the group is told; the need stays hidden', async () => {
    const need = await createNeed(base(), groupV.admin, groupV.id, { title: 'Flohmarkt aufbauen' });
    assert.equal(need.status, 'pending_review');
    await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/needs/${need.id}/reject`, { as: coordinatorV, body: { reason: '' }, headers: h }), ['reason'], 'reject without reason');
    const reason = 'Bitte nennen Sie einen genauen Treffpunkt.';
    const rejected = await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/reject`, { as: coordinatorV, body: { reason } }), 200, 'reject');
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.statusReason, reason);
    const mail = await mailTo(server.mailDir, groupV.admin.email, reason);
    assert.ok(mail.text.includes('Flohmarkt aufbauen'));
    await expectProblem(await call(base(), 'GET', `/api/v1/needs/${need.id}`), 404, 'a rejected need is not public');
    await expectConflict(await call(base(), 'PATCH', `/api/v1/needs/${need.id}`, { as: groupV.admin, body: { title: 'Neuer Titel' } }), 'need-closed', 'edit a rejected need');
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${need.id}/complete`, { as: groupV.admin }), 'invalid-transition', 'complete a rejected need');
    assert.deepEqual(await auditOf(V, coordinatorV, need.id), ['need.rejected', 'need.created']);
  });

  test('a trusted group skips the queue; untrusted again, it waits', async () => {
    const trusted = await expectJson(await call(base(), 'POST', `/api/v1/organizations/${groupV.id}/trust`, { as: coordinatorV }), 200, 'trust');
    assert.equal(trusted.trusted, true);
    assert.equal((await expectJson(await call(base(), 'GET', `/api/v1/organizations/${groupV.id}`), 200)).trusted, true, 'the public sees the flag');
    try {
      const need = await createNeed(base(), groupV.admin, groupV.id, { title: 'Ohne Warteschlange' });
      assert.equal(need.status, 'published');
    } finally {
      const untrusted = await expectJson(await call(base(), 'POST', `/api/v1/organizations/${groupV.id}/untrust`, { as: coordinatorV }), 200, 'untrust');
      assert.equal(untrusted.trusted, false);
    }
    assert.equal((await createNeed(base(), groupV.admin, groupV.id)).status, 'pending_review');
    const log = await expectJson(await call(base(), 'GET', `/api/v1/municipalities/${V}/audit-log?limit=100`, { as: coordinatorV }), 200);
    const actions = log.items.filter((e: any) => e.organizationId === groupV.id).map((e: any) => e.action);
    assert.ok(actions.includes('organization.trusted') && actions.includes('organization.untrusted'), `audit: ${actions}`);
  });

  test('a need cancelled while waiting leaves the queue', async () => {
    const need = await createNeed(base(), groupV.admin, groupV.id);
    const cancelled = await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/cancel`, { as: groupV.admin, body: { reason: 'Hat sich erledigt.' } }), 200);
    assert.equal(cancelled.status, 'cancelled');
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${need.id}/approve`, { as: coordinatorV }), 'invalid-transition', 'approve a cancelled need');
  });
});

describe('validation: every bad field is named, in German and in English', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['title too short', { title: 'ab' }, ['title']],
    ['title too long', { title: long(201) }, ['title']],
    ['title not a string', { title: 42 }, ['title']],
    ['description empty', { description: '' }, ['description']],
    ['description too long', { description: long(5001) }, ['description']],
    ['unknown category', { category: 'gardening' }, ['category']],
    ['remote with a location', { remote: true }, ['location']],
    ['no location and not remote', { location: null }, ['location']],
    ['latitude out of range', { location: { lat: 91, lon: 8 } }, ['location.lat']],
    ['longitude out of range', { location: { lat: 51, lon: -181 } }, ['location.lon']],
    ['address too long', { location: { lat: 51, lon: 8, address: long(301) } }, ['location.address']],
    ['place name too long', { location: { lat: 51, lon: 8, placeName: long(101) } }, ['location.placeName']],
    ['no shifts', { shifts: [] }, ['shifts']],
    ['51 shifts', { shifts: Array.from({ length: 51 }, (_, i) => shiftAt(3 + i, 1)) }, ['shifts']],
    ['shift ends before it starts', { shifts: [{ ...shiftAt(5), end: iso(daysAhead(5, 9) - HOUR) }] }, ['shifts.0.end']],
    ['shift longer than a week', { shifts: [{ ...shiftAt(5), end: iso(daysAhead(5, 9) + 8 * DAY) }] }, ['shifts.0.end']],
    ['shift in the past', { shifts: [shiftAt(1), { start: iso(Date.now() - HOUR), end: iso(Date.now() + HOUR), capacity: 1 }] }, ['shifts.1.start']],
    ['shift more than two years ahead', { shifts: [shiftAt(800)] }, ['shifts.0.start']],
    ['shift start not a time', { shifts: [{ start: 'nächsten Montag', end: iso(daysAhead(5)), capacity: 1 }] }, ['shifts.0.start']],
    ['capacity 0', { shifts: [shiftAt(5, 0)] }, ['shifts.0.capacity']],
    ['capacity 501', { shifts: [shiftAt(5, 501)] }, ['shifts.0.capacity']],
    ['capacity not an integer', { shifts: [shiftAt(5, 2.5)] }, ['shifts.0.capacity']],
    ['minimum age 0', { requirements: { minAge: 0 } }, ['requirements.minAge']],
    ['minimum age 100', { requirements: { minAge: 100 } }, ['requirements.minAge']],
    ['unknown sign-up mode', { signupMode: 'first-come' }, ['signupMode']],
    ['waitlist not a boolean', { waitlist: 'ja' }, ['waitlist']],
    ['contact name too long', { contact: { name: long(101), email: 'a@b.example' } }, ['contact.name']],
    ['contact phone with letters', { contact: { phone: '0800 HILFE', email: 'a@b.example' } }, ['contact.phone']],
    ['contact phone too long', { contact: { phone: '0'.repeat(41), email: 'a@b.example' } }, ['contact.phone']],
    ['contact e-mail invalid', { contact: { email: 'keine-adresse' } }, ['contact.email']],
    ['repetition ends before the first shift', { recurrence: { weekly: true, until: berlinDate(daysAhead(3)) } }, ['recurrence.until']],
    ['repetition ends more than a year ahead', { recurrence: { weekly: true, until: berlinDate(daysAhead(400)) } }, ['recurrence.until']],
    ['repetition end not a date', { recurrence: { weekly: true, until: '2026-13-45' } }, ['recurrence.until']],
    ['several at once', { title: '', category: 'x', shifts: [shiftAt(5, 0)] }, ['title', 'category', 'shifts.0.capacity']],
  ];
  for (const [name, extra, fields] of cases) {
    test(`create: ${name} → 422 ${fields.join(', ')}`, async () => {
      await expectValidationInBothLanguages(
        (h) => call(base(), 'POST', `/api/v1/organizations/${group.id}/needs`, { as: member, body: needBody(extra), headers: h }), fields, name);
    });
  }

  test('create: an empty body names every required field', async () => {
    await expectValidationInBothLanguages(
      (h) => call(base(), 'POST', `/api/v1/organizations/${group.id}/needs`, { as: member, body: {}, headers: h }),
      ['title', 'description', 'category', 'location', 'shifts'], 'empty body');
  });

  test('edit: a bad field is named, nothing changes', async () => {
    const need = await createNeed(base(), member, group.id);
    await expectValidationInBothLanguages(
      (h) => call(base(), 'PATCH', `/api/v1/needs/${need.id}`, { as: member, body: { title: 'ab', location: { lat: 100, lon: 8 } }, headers: h }),
      ['title', 'location.lat'], 'edit');
    assert.equal((await getNeed(base(), need.id)).title, need.title);
  });

  test('shifts: add and change name start, end and capacity', async () => {
    const need = await createNeed(base(), member, group.id);
    await expectValidationInBothLanguages(
      (h) => call(base(), 'POST', `/api/v1/needs/${need.id}/shifts`, { as: member, body: { start: iso(Date.now() - DAY), end: iso(Date.now() - 2 * DAY), capacity: 0 }, headers: h }),
      ['start', 'end', 'capacity'], 'add a bad shift');
    await expectValidationInBothLanguages(
      (h) => call(base(), 'PATCH', `/api/v1/shifts/${need.shifts[0].id}`, { as: member, body: { capacity: 501 }, headers: h }),
      ['capacity'], 'capacity above 500');
    await expectValidationInBothLanguages(
      (h) => call(base(), 'PATCH', `/api/v1/shifts/${need.shifts[0].id}`, { as: member, body: { end: iso(Date.parse(need.shifts[0].start) - HOUR) }, headers: h }),
      ['end'], 'end before the (unchanged) start');
  });

  test('cancel needs a reason of at most 2000 characters', async () => {
    const need = await createNeed(base(), member, group.id);
    await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/needs/${need.id}/cancel`, { as: member, body: { reason: '' }, headers: h }), ['reason'], 'empty reason');
    await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/needs/${need.id}/cancel`, { as: member, body: { reason: long(2001) }, headers: h }), ['reason'], 'long reason');
  });

  test('list filters: an unknown status, a bad limit or cursor', async () => {
    for (const [q, field] of [['status=offen', 'status'], ['limit=0', 'limit'], ['limit=101', 'limit'], ['cursor=%21%21kaputt', 'cursor']]) {
      await expectValidationInBothLanguages((h) => call(base(), 'GET', `/api/v1/organizations/${group.id}/needs?${q}`, { as: member, headers: h }), [field], `org list ${q}`);
      await expectValidationInBothLanguages((h) => call(base(), 'GET', `/api/v1/municipalities/${M}/needs?${q}`, { as: coordinator, headers: h }), [field], `municipality list ${q}`);
    }
  });
});

describe('changing a need', () => {
  test('edit: fields change, participants hear about a new place, others do not', async () => {
    const need = await createNeed(base(), member, group.id, { shifts: [shiftAt(6, 1)] });
    const [first, second] = await Promise.all([verifiedFast(server, 'edit-first', { displayName: 'Erika Erste' }), verifiedFast(server, 'edit-second')]);
    await joinAs(base(), first, need.shifts[0].id, 'confirmed');
    await joinAs(base(), second, need.shifts[0].id, 'waitlisted');
    await mailsArrived(server.mailDir, [first.email, second.email], need.title);

    const retitled = await expectJson(await call(base(), 'PATCH', `/api/v1/needs/${need.id}`, { as: member, body: { title: 'Einkaufshilfe dienstags', requirements: { minAge: 18 } } }), 200, 'retitle');
    assert.equal(retitled.title, 'Einkaufshilfe dienstags');
    assert.equal(retitled.requirements.minAge, 18);
    assert.equal(retitled.description, need.description, 'what the edit does not name stays');
    assert.ok(Date.parse(retitled.updatedAt) >= Date.parse(need.updatedAt));

    const before = mailFiles(server.mailDir);
    const moved = await expectJson(await call(base(), 'PATCH', `/api/v1/needs/${need.id}`, {
      as: group.admin, body: { location: { lat: 51.91, lon: 8.39, address: 'Berliner Straße 70', placeName: 'Gütersloh' } },
    }), 200, 'move');
    assert.equal(moved.location.address, 'Berliner Straße 70');
    for (const who of [first, second]) {
      const mail = await newMailTo(server.mailDir, before, who.email, `/gesuche/${need.id}`);
      assert.ok(mail.text.includes('Einkaufshilfe dienstags'), `the change notice names the need:\n${mail.body}`);
    }
    const remote = await expectJson(await call(base(), 'PATCH', `/api/v1/needs/${need.id}`, { as: member, body: { remote: true, location: null } }), 200, 'go remote');
    assert.deepEqual([remote.remote, remote.location], [true, null]);
    assert.deepEqual(await auditOf(M, coordinator, need.id), ['need.updated', 'need.updated', 'need.updated', 'need.created']);
  });

  test('cancel: participants of shifts to come get the reason; joining ends; the page stays', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Sommerfest Aufbau', shifts: [shiftAt(6, 1), shiftAt(7, 1)] });
    const [confirmed, waiting] = await Promise.all([verifiedFast(server, 'cancel-confirmed'), verifiedFast(server, 'cancel-waiting')]);
    await joinAs(base(), confirmed, need.shifts[0].id, 'confirmed');
    await joinAs(base(), waiting, need.shifts[0].id, 'waitlisted');
    const reason = 'Das Fest fällt wegen Unwetterwarnung aus.';
    const cancelled = await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/cancel`, { as: member, body: { reason } }), 200, 'cancel');
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.statusReason, reason);
    for (const who of [confirmed, waiting]) {
      const mail = await mailTo(server.mailDir, who.email, reason);
      assert.ok(mail.text.includes('Sommerfest Aufbau'));
    }
    const pub = await getNeed(base(), need.id);
    assert.equal(pub.status, 'cancelled', 'the public page tells that it is cancelled');
    await expectConflict(await join(base(), volunteer, need.shifts[1].id), 'shift-closed', 'join a cancelled need');
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${need.id}/cancel`, { as: member, body: { reason } }), 'invalid-transition', 'cancel twice');
    await expectConflict(await call(base(), 'PATCH', `/api/v1/needs/${need.id}`, { as: member, body: { title: 'Doch nicht' } }), 'need-closed', 'edit a cancelled need');
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${need.id}/shifts`, { as: member, body: shiftAt(9) }), 'need-closed', 'add a shift to a cancelled need');
    assert.deepEqual(await auditOf(M, coordinator, need.id), ['need.cancelled', 'need.created']);
  });

  test('complete: published → completed, then closed', async () => {
    const need = await createNeed(base(), member, group.id);
    const done = await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/complete`, { as: member }), 200, 'complete');
    assert.equal(done.status, 'completed');
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${need.id}/complete`, { as: member }), 'invalid-transition', 'complete twice');
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${need.id}/cancel`, { as: member, body: { reason: 'x' } }), 'invalid-transition', 'cancel a completed need');
    await expectConflict(await join(base(), volunteer, need.shifts[0].id), 'shift-closed', 'join a completed need');
    assert.equal((await getNeed(base(), need.id)).status, 'completed');
    const pending = await createNeed(base(), groupV.admin, groupV.id);
    await expectConflict(await call(base(), 'POST', `/api/v1/needs/${pending.id}/complete`, { as: groupV.admin }), 'invalid-transition', 'complete a need under review');
  });
});

describe('shifts', () => {
  test('add, change and delete; the need comes back each time', async () => {
    const need = await createNeed(base(), member, group.id, { shifts: [shiftAt(6, 2)] });
    const added = await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/shifts`, { as: member, body: shiftAt(5, 4, 16) }), 201, 'add');
    assert.equal(added.shifts.length, 2);
    assert.equal(added.shifts[0].start, shiftAt(5, 4, 16).start, 'ordered by start');
    assert.equal(added.placesLeft, 6);
    const newId = added.shifts[0].id;

    const changed = await expectJson(await call(base(), 'PATCH', `/api/v1/shifts/${newId}`, { as: group.admin, body: { capacity: 7 } }), 200, 'capacity');
    assert.equal(changed.shifts.find((s: any) => s.id === newId).capacity, 7);
    const deleted = await expectJson(await call(base(), 'DELETE', `/api/v1/shifts/${newId}`, { as: member }), 200, 'delete');
    assert.deepEqual(deleted.shifts.map((s: any) => s.id), [need.shifts[0].id]);
    await expectConflict(await call(base(), 'DELETE', `/api/v1/shifts/${need.shifts[0].id}`, { as: member }), 'last-shift', 'the last shift');
    await expectProblem(await call(base(), 'PATCH', `/api/v1/shifts/${newId}`, { as: member, body: { capacity: 2 } }), 404, 'a deleted shift');
  });

  test('capacity below the places taken → 409; raised → the waitlist moves up and is told', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Kuchenbasar', shifts: [shiftAt(6, 2), shiftAt(7, 1)] });
    const shift = need.shifts[0].id;
    const [a, b, c] = await Promise.all([1, 2, 3].map((i) => verifiedFast(server, `cap-${i}`)));
    await joinAs(base(), a, shift, 'confirmed');
    await joinAs(base(), b, shift, 'confirmed');
    await joinAs(base(), c, shift, 'waitlisted');
    await mailsArrived(server.mailDir, [a.email, b.email, c.email], 'Kuchenbasar');
    const before = mailFiles(server.mailDir);
    await expectConflict(await call(base(), 'PATCH', `/api/v1/shifts/${shift}`, { as: member, body: { capacity: 1 } }), 'capacity-below-taken', 'below taken');
    assert.equal((await getNeed(base(), need.id)).shifts[0].capacity, 2, 'unchanged');
    const same = await expectJson(await call(base(), 'PATCH', `/api/v1/shifts/${shift}`, { as: member, body: { capacity: 2 } }), 200, 'capacity equal to taken');
    assert.equal(same.shifts[0].full, true);
    assert.equal(same.covered, false, 'the second shift is still open');

    const raised = await expectJson(await call(base(), 'PATCH', `/api/v1/shifts/${shift}`, { as: member, body: { capacity: 3 } }), 200, 'raise');
    assert.deepEqual([raised.shifts[0].taken, raised.shifts[0].waitlisted, raised.shifts[0].full], [3, 0, true], 'the waitlisted person moved up');
    const mail = await newMailTo(server.mailDir, before, c.email, 'Kuchenbasar');
    assert.ok(mail.text.includes(`/gesuche/${need.id}`) || mail.text.includes('/meine-einsaetze'), `the promotion mail links to the need:\n${mail.body}`);
    const mine = await getNeed(base(), need.id, c);
    assert.equal(mine.shifts[0].mySignup.status, 'confirmed');
  });

  test('a new time is mailed to the shift\'s participants; a deleted shift too', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Laub rechen', shifts: [shiftAt(6, 2), shiftAt(8, 2)] });
    const [p, q] = await Promise.all([verifiedFast(server, 'time-change'), verifiedFast(server, 'shift-delete')]);
    await joinAs(base(), p, need.shifts[0].id, 'confirmed');
    await joinAs(base(), q, need.shifts[1].id, 'confirmed');
    await mailsArrived(server.mailDir, [p.email, q.email], 'Laub rechen');
    const later = shiftAt(6, 2, 12);
    const before = mailFiles(server.mailDir);
    const moved = await expectJson(await call(base(), 'PATCH', `/api/v1/shifts/${need.shifts[0].id}`, { as: member, body: { start: later.start, end: later.end } }), 200, 'move');
    assert.deepEqual([moved.shifts[0].start, moved.shifts[0].end], [later.start, later.end]);
    const changeMail = await newMailTo(server.mailDir, before, p.email, 'Laub rechen');
    assert.ok(changeMail.text.includes(berlinTime(later.start)), `the mail tells the new time ${berlinTime(later.start)}:\n${changeMail.body}`);

    await expectJson(await call(base(), 'DELETE', `/api/v1/shifts/${need.shifts[1].id}`, { as: member }), 200, 'delete');
    const deleteMail = await newMailTo(server.mailDir, before, q.email, 'Laub rechen');
    assert.ok(deleteMail.subject.length > 0);
    const mine = await expectJson(await call(base(), 'GET', '/api/v1/me/signups', { as: q }), 200);
    assert.ok(!mine.items.some((s: any) => s.need.id === need.id), 'the deleted shift\'s sign-up is gone');
  });
});

describe('lists', () => {
  test('the group sees every status, others only the published needs, newest first, in pages', async () => {
    const g = await approvedGroup(server, coordinator, M, 'Listenverein');
    const made: any[] = [];
    for (let i = 0; i < 3; i++) made.push(await createNeed(base(), g.admin, g.id, { title: `Gesuch Nummer ${i}` }));
    await expectJson(await call(base(), 'POST', `/api/v1/needs/${made[0].id}/cancel`, { as: g.admin, body: { reason: 'abgesagt' } }), 200);

    const own = await listAll(`/api/v1/organizations/${g.id}/needs`, g.admin);
    assert.deepEqual(own.map((n) => n.id), [made[2].id, made[1].id, made[0].id], 'newest first, every status');
    const onlyCancelled = await listAll(`/api/v1/organizations/${g.id}/needs?status=cancelled`, g.admin);
    assert.deepEqual(onlyCancelled.map((n) => n.id), [made[0].id]);
    for (const who of [null, volunteer, member, coordinator]) {
      const pub = await listAll(`/api/v1/organizations/${g.id}/needs`, who);
      assert.deepEqual(pub.map((n) => n.id), [made[2].id, made[1].id], `only published for ${who?.email ?? 'anonymous'}`);
      await expectProblem(await call(base(), 'GET', `/api/v1/organizations/${g.id}/needs?status=cancelled`, { as: who }), 403, 'another status for outsiders');
    }
    // Paging one at a time walks the same list.
    const first = await expectJson(await call(base(), 'GET', `/api/v1/organizations/${g.id}/needs?limit=1`, { as: g.admin }), 200);
    assert.equal(first.items.length, 1);
    assert.equal(typeof first.nextCursor, 'string');
    const second = await expectJson(await call(base(), 'GET', `/api/v1/organizations/${g.id}/needs?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, { as: g.admin }), 200);
    assert.deepEqual([first.items[0].id, second.items[0].id], [made[2].id, made[1].id]);

    // The municipality's list: coordinators and the platform admin.
    const all = await listAll(`/api/v1/municipalities/${M}/needs`, coordinator);
    for (const n of made) assert.ok(all.some((x) => x.id === n.id), 'every need of the group');
    assert.ok(all.every((n) => n.municipalityId === M));
    assert.ok((await listAll(`/api/v1/municipalities/${M}/needs?status=cancelled`, platformAdmin)).some((n) => n.id === made[0].id));
    await expectProblem(await call(base(), 'GET', `/api/v1/municipalities/${M}/needs`, { as: g.admin }), 403, 'a group admin');
    await expectProblem(await call(base(), 'GET', `/api/v1/municipalities/${M}/needs`, { as: coordinatorV }), 403, 'the coordinator of another municipality');
    await expectProblem(await call(base(), 'GET', `/api/v1/municipalities/${M}/needs`), 401, 'anonymous');
    await expectProblem(await call(base(), 'GET', '/api/v1/municipalities/999999/needs', { as: coordinator }), 404, 'unknown municipality');
  });
});

describe('suspension hides a group\'s needs at once', () => {
  test('suspend → the need is gone for the public, joins 404; reinstate → back', async () => {
    const g = await approvedGroup(server, coordinator, M, 'Sperrverein');
    const need = await createNeed(base(), g.admin, g.id, { title: 'Fahrradwerkstatt' });
    const shift = need.shifts[0].id;
    await decide(base(), coordinator, g.id, 'suspend', 'Beschwerden werden geprüft.');

    for (const who of [null, volunteer, member]) {
      const tag = who?.email ?? 'anonymous';
      await expectProblem(await call(base(), 'GET', `/api/v1/needs/${need.id}`, { as: who }), 404, `GET need (${tag})`);
      await expectProblem(await call(base(), 'GET', `/api/v1/needs/${need.id}/calendar.ics`, { as: who }), 404, `calendar (${tag})`);
      await expectProblem(await call(base(), 'GET', `/api/v1/organizations/${g.id}/needs`, { as: who }), 404, `the group's list (${tag})`);
    }
    await expectProblem(await join(base(), volunteer, shift), 404, 'join');
    // The group itself and the coordinator still see it.
    assert.equal((await getNeed(base(), need.id, g.admin)).id, need.id);
    assert.equal((await getNeed(base(), need.id, coordinator)).id, need.id);
    assert.ok((await listAll(`/api/v1/organizations/${g.id}/needs`, g.admin)).some((n) => n.id === need.id));

    await decide(base(), coordinator, g.id, 'reinstate');
    assert.equal((await getNeed(base(), need.id)).status, 'published');
    assert.ok((await listAll(`/api/v1/organizations/${g.id}/needs`, null)).some((n) => n.id === need.id));
    await joinAs(base(), volunteer, shift, 'confirmed');
  });
});

describe('weekly repetition', () => {
  test('the shifts repeat weekly up to eight weeks ahead, at the same Berlin time; the job extends them', async () => {
    // Half a day away from the time of day of the test run, so that "eight weeks from now"
    // never falls within the hour that daylight saving time moves.
    const s0 = Math.floor((Date.now() + 2.5 * DAY) / 60_000) * 60_000;
    const original = { start: iso(s0), end: iso(s0 + 2 * HOUR), capacity: 3 };
    const need = await createNeed(base(), member, group.id, { title: 'Wöchentlicher Lesekreis', shifts: [original], recurrence: { weekly: true, until: null } });
    assert.deepEqual(need.recurrence, { weekly: true, until: null });
    const horizon = Date.now() + 56 * DAY;
    const expected = (h: number) => {
      const out = [];
      for (let k = 0; s0 + k * 7 * DAY <= h; k++) out.push(k);
      return out.length;
    };
    const count = need.shifts.length;
    assert.equal(count, expected(horizon), 'eight weeks of shifts at creation');
    const local = berlinTime(original.start);
    for (const s of need.shifts) {
      assert.equal(berlinTime(s.start), local, `each repetition starts at ${local} Berlin time (${s.start})`);
      assert.equal(Date.parse(s.end) - Date.parse(s.start), 2 * HOUR);
      assert.equal(s.capacity, 3);
    }
    const starts = need.shifts.map((s: any) => Date.parse(s.start));
    for (let i = 1; i < starts.length; i++) {
      const gap = starts[i] - starts[i - 1];
      assert.ok(Math.abs(gap - 7 * DAY) <= HOUR, `a week apart (${need.shifts[i - 1].start} → ${need.shifts[i].start})`);
    }

    // Two weeks later the job adds two more weeks; running it again adds nothing.
    const at = Date.now() + 14 * DAY;
    runJobs(server, at);
    const later = await getNeed(base(), need.id);
    assert.equal(later.shifts.length, count + 2, `two more weeks after the job at ${iso(at)}`);
    runJobs(server, at);
    assert.equal((await getNeed(base(), need.id)).shifts.length, count + 2, 'the job is idempotent');
  });

  test('with an end date the repetition stops there', async () => {
    const original = shiftAt(3, 2, 10, 1);
    const until = berlinDate(Date.parse(original.start) + 21 * DAY);
    const need = await createNeed(base(), member, group.id, { shifts: [original], recurrence: { weekly: true, until } });
    assert.deepEqual(need.recurrence, { weekly: true, until });
    assert.equal(need.shifts.length, 4, 'the original and three weeks');
    runJobs(server, Date.now() + 30 * DAY);
    assert.equal((await getNeed(base(), need.id)).shifts.length, 4, 'no shift after the end date');
  });
});
