// Sign-ups: volunteers join shifts (confirmed, waitlisted or requested), leave them (the
// waitlist moves up), the group accepts and declines requests, records attendance and hours
// once the shift has begun and writes to its participants; the volunteer's engagements, hours
// and certificate.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  addMember, approvedGroup, createNeed, getNeed, HOUR, icsAttachment, iso, join, joinAs, leave, mailFiles, mailsArrived, newMailTo,
  participants, shiftAt, verifiedFast, waitUntil, type Group,
} from './needs-support.ts';
import {
  call, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages, guetersloh, problemCode, type Actor, startDemoServer } from './support.ts';

let server: Server;
let coordinator: Actor;
let M = '';
let group: Group;
let member: Actor; // org_member of `group`
const year = new Date().getUTCFullYear();

before(async () => {
  server = await startDemoServer();
  coordinator = await demoActor(server.url, DEMO.coordinator);
  M = await guetersloh(server.url);
  group = await approvedGroup(server, coordinator, M, 'Helferkreis');
  member = await verifiedFast(server, 'signup-member', { displayName: 'Moritz Mitglied' });
  await addMember(server.url, group.admin, group.id, member);
});
after(async () => {
  await server?.stop();
});

const base = () => server.url;
let counter = 0;
const person = (prefix: string, displayName?: string) => verifiedFast(server, `${prefix}-${++counter}`, { displayName });

async function expectConflict(res: Response, code: string, context: string) {
  const p = await expectProblem(res, 409, context);
  assert.equal(problemCode(p), code, `${context}: problem code`);
}

async function mySignups(who: Actor, when?: string) {
  return (await expectJson(await call(base(), 'GET', `/api/v1/me/signups${when ? `?when=${when}` : ''}`, { as: who }), 200, 'me/signups')).items;
}

function shiftOf(need: any, id: string) {
  return need.shifts.find((s: any) => s.id === id);
}

describe('joining', () => {
  test('open sign-up: confirmed, counted, with a mail that carries the .ics', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Tafel Ausgabe', shifts: [shiftAt(6, 2), shiftAt(7, 1)] });
    const v = await person('join', 'Jule Join');
    const before = mailFiles(server.mailDir);
    const res = await join(base(), v, need.shifts[0].id);
    const s = await expectJson(res, 201, 'join');
    assert.equal(typeof s.id, 'string');
    assert.deepEqual(s, { id: s.id, shiftId: need.shifts[0].id, needId: need.id, status: 'confirmed' });

    const mine = await getNeed(base(), need.id, v);
    assert.deepEqual(shiftOf(mine, s.shiftId).mySignup, { id: s.id, status: 'confirmed' });
    assert.equal(shiftOf(mine, need.shifts[1].id).mySignup, null);
    const pub = await getNeed(base(), need.id);
    assert.deepEqual([pub.shifts[0].taken, pub.shifts[0].placesLeft, pub.shifts[0].mySignup, pub.placesLeft], [1, 1, null, 2]);

    const mail = await newMailTo(server.mailDir, before, v.email, 'Tafel Ausgabe');
    const ics = icsAttachment(mail.raw);
    assert.ok(ics, `the confirmation carries a text/calendar attachment:\n${mail.raw.slice(0, 2000)}`);
    assert.ok(ics.filename.endsWith('.ics'), `attachment name ${ics.filename}`);
    assert.match(ics.text, /BEGIN:VEVENT/);
    assert.match(ics.text, /SUMMARY:Tafel Ausgabe/);
  });

  test('with nothing to add, the body may be left out; numbers in answers are written plainly', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Ohne Inhalt', shifts: [shiftAt(6, 2)] });
    const v = await person('nobody', 'Nora Leer');
    const res = await call(base(), 'POST', `/api/v1/shifts/${need.shifts[0].id}/signups`, { as: v });
    assert.equal((await expectJson(res, 201, 'join without a body')).status, 'confirmed');
    const raw = await (await call(base(), 'GET', `/api/v1/needs/${need.id}`)).text();
    assert.match(raw, /"location":\{"lat":\d+\.\d+,"lon":\d+\.\d+,/, raw.slice(0, 600));
    assert.doesNotMatch(raw, /\d[eE][+-]?\d/, 'no exponent notation');
  });

  test('full: waitlisted; full with the waitlist off: 409 shift-full; twice: 409 already-signed-up', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Eine Stelle', shifts: [shiftAt(6, 1)] });
    const noWaitlist = await createNeed(base(), member, group.id, { shifts: [shiftAt(6, 1)], waitlist: false });
    const [a, b, c] = await Promise.all([person('full-a'), person('full-b'), person('full-c')]);
    await joinAs(base(), a, need.shifts[0].id, 'confirmed');
    const before = mailFiles(server.mailDir);
    await joinAs(base(), b, need.shifts[0].id, 'waitlisted');
    await newMailTo(server.mailDir, before, b.email, 'Eine Stelle');
    const n = await getNeed(base(), need.id);
    assert.deepEqual([n.shifts[0].taken, n.shifts[0].waitlisted, n.shifts[0].full, n.shifts[0].placesLeft, n.covered], [1, 1, true, 0, true]);

    await joinAs(base(), a, noWaitlist.shifts[0].id, 'confirmed');
    await expectConflict(await join(base(), c, noWaitlist.shifts[0].id), 'shift-full', 'full without waitlist');
    await expectConflict(await join(base(), a, need.shifts[0].id), 'already-signed-up', 'confirmed, again');
    await expectConflict(await join(base(), b, need.shifts[0].id), 'already-signed-up', 'waitlisted, again');
    assert.equal((await getNeed(base(), need.id)).shifts[0].waitlisted, 1, 'nothing changed');
  });

  test('anonymous 401, unverified 403 email-unverified, unknown shift 404', async () => {
    const need = await createNeed(base(), member, group.id);
    await expectProblem(await call(base(), 'POST', `/api/v1/shifts/${need.shifts[0].id}/signups`, { body: {} }), 401, 'anonymous');
    const unverified = await verifiedFast(server, 'unverified', { verify: false });
    const p = await expectProblem(await join(base(), unverified, need.shifts[0].id), 403, 'unverified');
    assert.equal(problemCode(p), 'email-unverified');
    const v = await person('unknown');
    await expectProblem(await join(base(), v, '99999999'), 404, 'unknown shift');
    await expectProblem(await join(base(), v, 'kein-schicht'), 404, 'malformed id');
  });

  test('minimum age: the birth year is required and checked', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Nachtwache', requirements: { minAge: 18 } });
    const shift = need.shifts[0].id;
    const v = await person('age');
    const { de, en } = await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/shifts/${shift}/signups`, { as: v, body: {}, headers: h }), ['birthYear'], 'no birth year');
    assert.match(de.errors![0].message, /Geburtsjahr/, 'the German message asks for the birth year');
    for (const bad of [1899, year + 1, 'neunzehnhundert', 1990.5]) {
      await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/shifts/${shift}/signups`, { as: v, body: { birthYear: bad }, headers: h }), ['birthYear'], `birth year ${bad}`);
    }
    const young = await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/shifts/${shift}/signups`, { as: v, body: { birthYear: year - 10 }, headers: h }), ['birthYear'], 'too young');
    assert.match(young.de.errors![0].message, /18/, 'the message names the minimum age');
    assert.match(young.en.errors![0].message, /18/);
    assert.ok(en);
    await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/shifts/${shift}/signups`, { as: v, body: { birthYear: 1990, message: 'x'.repeat(1001) }, headers: h }), ['message'], 'message too long');
    assert.equal((await getNeed(base(), need.id)).shifts[0].taken, 0, 'no refused attempt took a place');
    await joinAs(base(), v, shift, 'confirmed', { birthYear: 1990 });
    const list = await participants(base(), member, need.id);
    assert.equal(list.shifts[0].participants[0].birthYear, 1990);
  });

});

describe('leaving', () => {
  test('a confirmed person leaves: the first waitlisted moves up and is told, with the .ics', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Stadtputz', shifts: [shiftAt(6, 1)] });
    const shift = need.shifts[0].id;
    const [a, b, c] = await Promise.all([person('leave-a'), person('leave-b', 'Berta Zweite'), person('leave-c')]);
    await joinAs(base(), a, shift, 'confirmed');
    await joinAs(base(), b, shift, 'waitlisted');
    await joinAs(base(), c, shift, 'waitlisted');
    await mailsArrived(server.mailDir, [a.email, b.email, c.email], 'Stadtputz');
    const before = mailFiles(server.mailDir);
    const res = await leave(base(), a, shift);
    assert.equal(res.status, 204, await res.text());
    const n = await getNeed(base(), need.id, b);
    assert.deepEqual([n.shifts[0].taken, n.shifts[0].waitlisted], [1, 1]);
    assert.equal(n.shifts[0].mySignup.status, 'confirmed', 'the first on the waitlist moved up');
    assert.equal((await getNeed(base(), need.id, c)).shifts[0].mySignup.status, 'waitlisted');
    assert.equal((await getNeed(base(), need.id, a)).shifts[0].mySignup, null);
    const mail = await newMailTo(server.mailDir, before, b.email, 'Stadtputz');
    assert.ok(icsAttachment(mail.raw), 'the promotion carries the .ics');
    await expectProblem(await leave(base(), a, shift), 404, 'leave twice');
    await expectProblem(await leave(base(), c, '99999999'), 404, 'unknown shift');
    // A waitlisted person leaving frees nothing.
    assert.equal((await leave(base(), c, shift)).status, 204);
    assert.deepEqual([(await getNeed(base(), need.id)).shifts[0].taken, (await getNeed(base(), need.id)).shifts[0].waitlisted], [1, 0]);
    // Leaving and joining again is possible.
    await joinAs(base(), a, shift, 'waitlisted');
  });
});

describe('sign-up by approval', () => {
  test('request → the group is told → accept (mail with .ics) / decline (mail with reason)', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Lesepatenschaft', signupMode: 'approval', shifts: [shiftAt(6, 1)] });
    const shift = need.shifts[0].id;
    const [a, b, c] = await Promise.all([person('ask-a', 'Anna Anfrage'), person('ask-b'), person('ask-c')]);
    let before = mailFiles(server.mailDir);
    const ra = await joinAs(base(), a, shift, 'requested', { message: 'Ich lese gern vor.' });
    await newMailTo(server.mailDir, before, a.email, 'Lesepatenschaft');
    const notice = await newMailTo(server.mailDir, before, group.admin.email, `/organisationen/${group.id}/gesuche/${need.id}`);
    assert.ok(notice.text.includes('Anna Anfrage'), `the group learns who asks:\n${notice.body}`);
    await newMailTo(server.mailDir, before, member.email, `/organisationen/${group.id}/gesuche/${need.id}`); // the need's author
    const rb = await joinAs(base(), b, shift, 'requested');
    const rc = await joinAs(base(), c, shift, 'requested');
    const pub = await getNeed(base(), need.id);
    assert.deepEqual([pub.shifts[0].taken, pub.shifts[0].requested], [0, 3], 'a request takes no place');

    before = mailFiles(server.mailDir);
    const accepted = await expectJson(await call(base(), 'POST', `/api/v1/signups/${ra.id}/accept`, { as: member }), 200, 'accept');
    assert.equal(accepted.signupId, ra.id);
    assert.equal(accepted.shiftId, shift);
    assert.equal(accepted.status, 'confirmed');
    assert.equal(accepted.displayName, 'Anna Anfrage');
    assert.equal(accepted.email, a.email);
    assert.equal(accepted.message, 'Ich lese gern vor.');
    const acceptMail = await newMailTo(server.mailDir, before, a.email, 'Lesepatenschaft');
    assert.ok(icsAttachment(acceptMail.raw), 'the acceptance carries the .ics');
    await expectConflict(await call(base(), 'POST', `/api/v1/signups/${ra.id}/accept`, { as: member }), 'invalid-transition', 'accept twice');
    await expectConflict(await call(base(), 'POST', `/api/v1/signups/${ra.id}/decline`, { as: member, body: {} }), 'invalid-transition', 'decline a confirmed one');

    // Full now: accepting puts the next one on the waitlist; the group may decline that.
    const waiting = await expectJson(await call(base(), 'POST', `/api/v1/signups/${rb.id}/accept`, { as: group.admin }), 200, 'accept when full');
    assert.equal(waiting.status, 'waitlisted');
    await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/signups/${rb.id}/decline`, { as: member, body: { reason: 'x'.repeat(1001) }, headers: h }), ['reason'], 'long reason');
    const declinedWaiting = await expectJson(await call(base(), 'POST', `/api/v1/signups/${rb.id}/decline`, { as: member, body: {} }), 200, 'decline a waitlisted one without a reason');
    assert.equal(declinedWaiting.status, 'declined');

    before = mailFiles(server.mailDir);
    const reason = 'Für diesen Termin brauchen wir jemanden mit Erfahrung.';
    const declined = await expectJson(await call(base(), 'POST', `/api/v1/signups/${rc.id}/decline`, { as: member, body: { reason } }), 200, 'decline');
    assert.equal(declined.status, 'declined');
    await newMailTo(server.mailDir, before, c.email, reason);

    const mine = await mySignups(c);
    assert.equal(mine.find((s: any) => s.id === rc.id)?.status, 'declined', 'the volunteer sees the answer');
    await expectConflict(await join(base(), c, shift), 'already-signed-up', 'a declined person asks again');
    assert.equal((await leave(base(), c, shift)).status, 204, 'a declined request can be withdrawn');
    await joinAs(base(), c, shift, 'requested');

    const list = await participants(base(), member, need.id);
    assert.deepEqual(list.shifts[0].participants.map((p: any) => p.status).sort(), ['confirmed', 'declined', 'requested']);
  });

  test('accept with the waitlist off when full: 409 shift-full, still requested', async () => {
    const need = await createNeed(base(), member, group.id, { signupMode: 'approval', waitlist: false, shifts: [shiftAt(6, 1)] });
    const [a, b] = await Promise.all([person('nowl-a'), person('nowl-b')]);
    const ra = await joinAs(base(), a, need.shifts[0].id, 'requested');
    const rb = await joinAs(base(), b, need.shifts[0].id, 'requested');
    await expectJson(await call(base(), 'POST', `/api/v1/signups/${ra.id}/accept`, { as: member }), 200);
    await expectConflict(await call(base(), 'POST', `/api/v1/signups/${rb.id}/accept`, { as: member }), 'shift-full', 'accept when full');
    assert.equal((await getNeed(base(), need.id, b)).shifts[0].mySignup.status, 'requested');
  });
});

describe('after the start: attendance, hours, engagements and certificate', () => {
  test('no joining or leaving; attended with hours, no-show; the volunteer\'s lists, hours and certificate', async () => {
    const [worker, absent, waiting, late] = await Promise.all([person('worker', 'Walter Werktätig'), person('absent'), person('waiting'), person('late')]);
    // Two shifts starting in a few seconds: one of two hours, one that ends a few seconds later.
    const start = Math.ceil((Date.now() + 8000) / 1000) * 1000;
    const title = `Erntehilfe ${Date.now().toString(36)}`;
    const need = await createNeed(base(), member, group.id, {
      title,
      shifts: [{ start: iso(start), end: iso(start + 2 * HOUR), capacity: 2 }, { start: iso(start), end: iso(start + 4000), capacity: 5 }],
    });
    const [long, short] = [need.shifts.find((s: any) => s.end === iso(start + 2 * HOUR)).id, need.shifts.find((s: any) => s.end === iso(start + 4000)).id];
    const sw = await joinAs(base(), worker, long, 'confirmed');
    const sa = await joinAs(base(), absent, long, 'confirmed');
    const sq = await joinAs(base(), waiting, long, 'waitlisted');
    const sws = await joinAs(base(), worker, short, 'confirmed');
    await expectConflict(await call(base(), 'PATCH', `/api/v1/signups/${sw.id}`, { as: member, body: { attendance: 'attended' } }), 'shift-not-started', 'too early');

    const upcoming = await mySignups(worker);
    const ours = upcoming.filter((s: any) => s.need.id === need.id);
    assert.equal(ours.length, 2, 'both engagements are upcoming');
    const item = ours.find((s: any) => s.id === sw.id);
    assert.deepEqual(item, {
      id: sw.id, status: 'confirmed', attendance: null, hours: null,
      shift: { id: long, start: iso(start), end: iso(start + 2 * HOUR) },
      need: { id: need.id, title, category: need.category, remote: false, location: need.location, status: 'published', organization: { id: group.id, name: group.name } },
      createdAt: item.createdAt,
    });

    await waitUntil(start + 4000);
    // Begun: nobody joins or leaves any more.
    assert.equal((await getNeed(base(), need.id)).shifts.find((s: any) => s.id === long).started, true);
    await expectConflict(await join(base(), late, long), 'shift-closed', 'join a shift that has begun');
    await expectConflict(await leave(base(), absent, long), 'shift-started', 'leave a shift that has begun');
    const patch = (id: string, body: unknown, who: Actor = member) => call(base(), 'PATCH', `/api/v1/signups/${id}`, { as: who, body });
    const attended = await expectJson(await patch(sw.id, { attendance: 'attended' }), 200, 'attended');
    assert.deepEqual([attended.signupId, attended.shiftId, attended.attendance, attended.hours], [sw.id, long, 'attended', 2], 'default: the shift\'s length');
    const corrected = await expectJson(await patch(sw.id, { attendance: 'attended', hours: 1.75 }, group.admin), 200, 'hours');
    assert.equal(corrected.hours, 1.75);
    await expectValidationInBothLanguages((h) => call(base(), 'PATCH', `/api/v1/signups/${sa.id}`, { as: member, body: { attendance: 'no_show', hours: 3 }, headers: h }), ['hours'], 'hours for a no-show');
    const noShow = await expectJson(await patch(sa.id, { attendance: 'no_show' }), 200, 'no-show');
    assert.deepEqual([noShow.attendance, noShow.hours], ['no_show', null]);
    for (const [body, field] of [[{ attendance: 'attended', hours: 0.3 }, 'hours'], [{ attendance: 'attended', hours: 0 }, 'hours'], [{ attendance: 'attended', hours: 24.25 }, 'hours'],
      [{ attendance: 'vielleicht' }, 'attendance'], [{}, 'attendance']] as const) {
      await expectValidationInBothLanguages((h) => call(base(), 'PATCH', `/api/v1/signups/${sw.id}`, { as: member, body, headers: h }), [field], `attendance ${JSON.stringify(body)}`);
    }
    const waitingPatch = await expectProblem(await patch(sq.id, { attendance: 'attended' }), 409, 'a waitlisted person');
    assert.ok(problemCode(waitingPatch).length > 0);
    await expectJson(await patch(sws.id, { attendance: 'attended', hours: 0.5 }), 200, 'the short shift');

    const list = await participants(base(), member, need.id);
    const row = list.shifts.find((s: any) => s.id === long).participants.find((p: any) => p.signupId === sw.id);
    assert.deepEqual([row.attendance, row.hours], ['attended', 1.75]);

    // The volunteer's view: the long shift is still running (upcoming), the short one is past.
    const up = (await mySignups(worker, 'upcoming')).filter((s: any) => s.need.id === need.id);
    assert.deepEqual(up.map((s: any) => [s.id, s.attendance, s.hours]), [[sw.id, 'attended', 1.75]]);
    const past = (await mySignups(worker, 'past')).filter((s: any) => s.need.id === need.id);
    assert.deepEqual(past.map((s: any) => [s.id, s.attendance, s.hours]), [[sws.id, 'attended', 0.5]]);
    await expectValidationInBothLanguages((h) => call(base(), 'GET', '/api/v1/me/signups?when=gestern', { as: worker, headers: h }), ['when'], 'when');

    const hours = await expectJson(await call(base(), 'GET', '/api/v1/me/hours', { as: worker }), 200, 'hours');
    const berlinYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date(start)));
    assert.deepEqual(hours.items, [{ organization: { id: group.id, name: group.name }, year: berlinYear, hours: 2.25, shifts: 2 }]);
    assert.deepEqual((await expectJson(await call(base(), 'GET', '/api/v1/me/hours', { as: absent }), 200)).items, [], 'a no-show has no hours');

    const cert = await expectJson(await call(base(), 'GET', `/api/v1/me/certificate?organizationId=${group.id}&year=${berlinYear}`, { as: worker }), 200, 'certificate');
    assert.equal(cert.person.displayName, 'Walter Werktätig');
    assert.deepEqual(cert.organization, { id: group.id, name: group.name, address: 'Marktplatz 1, 33330 Gütersloh', contactEmail: 'kontakt@verein.example' });
    assert.equal(cert.municipality.id, M);
    assert.equal(cert.municipality.name, 'Stadt Gütersloh');
    assert.equal(cert.year, berlinYear);
    assert.equal(cert.hours, 2.25);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(start));
    assert.deepEqual(cert.engagements.map((e: any) => [e.date, e.needTitle, e.hours]).sort(), [[day, title, 0.5], [day, title, 1.75]]);
    assert.ok(Math.abs(Date.parse(cert.issuedAt) - Date.now()) < 120_000);

    await expectProblem(await call(base(), 'GET', `/api/v1/me/certificate?organizationId=${group.id}&year=${berlinYear}`, { as: absent }), 404, 'no hours there');
    await expectProblem(await call(base(), 'GET', `/api/v1/me/certificate?organizationId=${group.id}&year=${berlinYear - 1}`, { as: worker }), 404, 'another year');
    await expectProblem(await call(base(), 'GET', `/api/v1/me/certificate?organizationId=99999999&year=${berlinYear}`, { as: worker }), 404, 'another organisation');
    await expectValidationInBothLanguages((h) => call(base(), 'GET', `/api/v1/me/certificate?organizationId=${group.id}&year=zwanzig`, { as: worker, headers: h }), ['year'], 'bad year');
    await expectValidationInBothLanguages((h) => call(base(), 'GET', `/api/v1/me/certificate?year=${berlinYear}`, { as: worker, headers: h }), ['organizationId'], 'no organisation');
  });
});

describe('messages to the participants', () => {
  test('confirmed and waitlisted people get the message; requests and declined do not', async () => {
    const need = await createNeed(base(), member, group.id, { title: 'Weihnachtsmarkt', shifts: [shiftAt(6, 1)] });
    const asked = await createNeed(base(), member, group.id, { signupMode: 'approval' });
    const [a, b, c] = await Promise.all([person('msg-a'), person('msg-b'), person('msg-c')]);
    await joinAs(base(), a, need.shifts[0].id, 'confirmed');
    await joinAs(base(), b, need.shifts[0].id, 'waitlisted');
    await joinAs(base(), c, asked.shifts[0].id, 'requested');
    const before = mailFiles(server.mailDir);
    const body = { subject: 'Treffpunkt geändert', body: 'Wir treffen uns am Seiteneingang der Stadthalle.' };
    const sent = await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/messages`, { as: member, body }), 202, 'send');
    assert.deepEqual(sent, { recipients: 2 });
    for (const who of [a, b]) {
      const mail = await newMailTo(server.mailDir, before, who.email, 'Seiteneingang der Stadthalle');
      assert.ok(mail.subject.includes('Treffpunkt geändert') || mail.text.includes('Treffpunkt geändert'), 'the subject is carried');
    }
    assert.deepEqual(await expectJson(await call(base(), 'POST', `/api/v1/needs/${asked.id}/messages`, { as: member, body }), 202), { recipients: 0 }, 'a request is no participant');
    await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/needs/${need.id}/messages`, { as: member, body: { subject: '', body: 'x' }, headers: h }), ['subject'], 'empty subject');
    await expectValidationInBothLanguages((h) => call(base(), 'POST', `/api/v1/needs/${need.id}/messages`, { as: member, body: { subject: 'x'.repeat(151), body: 'x'.repeat(5001) }, headers: h }), ['subject', 'body'], 'too long');
    const log = await expectJson(await call(base(), 'GET', `/api/v1/municipalities/${M}/audit-log?limit=100`, { as: coordinator }), 200);
    assert.ok(log.items.some((e: any) => e.action === 'need.message_sent' && e.subjectId === need.id), 'kept in the audit log');
  });
});

describe('the volunteer\'s engagements', () => {
  test('upcoming soonest first, with the need and the group', async () => {
    const v = await person('list');
    const later = await createNeed(base(), member, group.id, { title: 'Später', shifts: [shiftAt(20, 2)] });
    const sooner = await createNeed(base(), member, group.id, { title: 'Früher', shifts: [shiftAt(5, 2)] });
    await joinAs(base(), v, later.shifts[0].id, 'confirmed');
    await joinAs(base(), v, sooner.shifts[0].id, 'confirmed');
    const items = await mySignups(v);
    assert.deepEqual(items.map((s: any) => s.need.title), ['Früher', 'Später']);
    assert.deepEqual(await mySignups(v, 'past'), []);
    await expectProblem(await call(base(), 'GET', '/api/v1/me/signups'), 401, 'anonymous');
  });
});
