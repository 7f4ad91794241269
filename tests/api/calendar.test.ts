// Calendars: the .ics of a need (RFC 5545, checked with a small parser of its own), the .ics in
// the confirmation mail, the personal calendar feed (secret address, renewable, deletable)
// and the reminder 24 hours before a shift with its link to confirm or cancel.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import {
  approvedGroup, createNeed, getNeed, HOUR, icsAttachment, iso, joinAs, mailFiles, mailsToSince, newMailTo,
  participants, runJobs, shiftAt, verifiedFast, waitUntil, type Group,
} from './needs-support.ts';
import { events, parseIcs, prop, unescapeText, utc, type Component } from './ics-support.ts';
import { call, DEMO, demoActor, expectJson, expectProblem, guetersloh, http, mediaType, problemCode, type Actor, MANY_ACCOUNTS } from './support.ts';

const BASE_URL = 'https://helferkarte.example';

let server: Server;
let coordinator: Actor;
let M = '';
let group: Group;

before(async () => {
  server = await startServer({
    demo: true,
    args: ['--base-url', BASE_URL],
    env: MANY_ACCOUNTS,
  });
  coordinator = await demoActor(server.url, DEMO.coordinator);
  M = await guetersloh(server.url);
  group = await approvedGroup(server, coordinator, M, 'Kalenderverein');
});
after(async () => {
  await server?.stop();
});

const base = () => server.url;
let counter = 0;
const person = (prefix: string) => verifiedFast(server, `${prefix}-${++counter}`);

async function fetchIcs(path: string, who: Actor | null = null): Promise<{ res: Response; cal: Component }> {
  const res = await call(base(), 'GET', path, { as: who });
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(res.status, 200, `${path}: ${bytes.toString('utf8').slice(0, 300)}`);
  assert.equal(mediaType(res), 'text/calendar');
  assert.match(res.headers.get('content-type') ?? '', /charset=utf-8/i);
  return { res, cal: parseIcs(bytes, path) };
}

// ---------------------------------------------------------------------------------------------

describe('the .ics of a need', () => {
  test('one VEVENT per shift, UTC times, escaped and folded text, place, link', async () => {
    const title = 'Tafel: Ausgabe, Sortieren; Überstunden möglich';
    const description = 'Wir sortieren Lebensmittel, packen Tüten und geben sie aus. '.repeat(6) + 'Bitte festes Schuhwerk – danke! 😊';
    const need = await createNeed(base(), group.admin, group.id, {
      title, description, shifts: [shiftAt(6, 2, 8, 3), shiftAt(13, 4, 15, 2)],
      location: { lat: 51.9065, lon: 8.3786, address: 'Kirchstraße 1, 33330 Gütersloh', placeName: 'Gütersloh' },
    });
    const { res, cal } = await fetchIcs(`/api/v1/needs/${need.id}/calendar.ics`);
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="gesuch-${need.id}.ics"`);
    const evs = events(cal);
    assert.equal(evs.length, 2, 'one event per shift');
    for (const [i, shift] of need.shifts.entries()) {
      const ev = evs.find((e) => prop(e, 'UID') === `shift-${shift.id}@helferkarte.example`);
      assert.ok(ev, `an event with UID shift-${shift.id}@helferkarte.example (have ${evs.map((e) => prop(e, 'UID'))})`);
      assert.equal(utc(prop(ev, 'DTSTART'), 'DTSTART'), shift.start, `shift ${i} starts`);
      assert.equal(utc(prop(ev, 'DTEND'), 'DTEND'), shift.end, `shift ${i} ends`);
      utc(prop(ev, 'DTSTAMP'), 'DTSTAMP');
      assert.equal(unescapeText(prop(ev, 'SUMMARY')!), title, 'SUMMARY is the title, escaped');
      assert.ok(prop(ev, 'SUMMARY')!.includes('\\,') && prop(ev, 'SUMMARY')!.includes('\\;'), 'commas and semicolons are escaped');
      assert.ok(unescapeText(prop(ev, 'LOCATION')!).includes('Kirchstraße 1, 33330 Gütersloh'), `LOCATION: ${prop(ev, 'LOCATION')}`);
      const [lat, lon] = prop(ev, 'GEO')!.split(';').map(Number);
      assert.ok(Math.abs(lat - 51.9065) < 1e-4 && Math.abs(lon - 8.3786) < 1e-4, `GEO: ${prop(ev, 'GEO')}`);
      const text = unescapeText(prop(ev, 'DESCRIPTION')!);
      assert.ok(text.includes(group.name), 'DESCRIPTION names the organisation');
      assert.ok(text.includes('Bitte festes Schuhwerk – danke! 😊'), 'DESCRIPTION carries the description');
      assert.equal(prop(ev, 'URL'), `${BASE_URL}/gesuche/${need.id}`);
      assert.notEqual(prop(ev, 'STATUS'), 'CANCELLED');
    }
    // The long description really was folded.
    const raw = await (await http(base(), `/api/v1/needs/${need.id}/calendar.ics`)).text();
    assert.ok(/\r\n /.test(raw), 'long lines are folded');
  });

  test('a cancelled need: every event STATUS:CANCELLED; a need under review: 404 for the public', async () => {
    const need = await createNeed(base(), group.admin, group.id, { shifts: [shiftAt(6), shiftAt(7)] });
    await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/cancel`, { as: group.admin, body: { reason: 'Ausgefallen' } }), 200);
    const { cal } = await fetchIcs(`/api/v1/needs/${need.id}/calendar.ics`);
    assert.deepEqual(events(cal).map((e) => prop(e, 'STATUS')), ['CANCELLED', 'CANCELLED']);

    const suspended = await approvedGroup(server, coordinator, M, 'Gesperrt');
    const hidden = await createNeed(base(), suspended.admin, suspended.id);
    await call(base(), 'POST', `/api/v1/organizations/${suspended.id}/suspend`, { as: coordinator, body: { reason: 'Prüfung' } });
    await expectProblem(await http(base(), `/api/v1/needs/${hidden.id}/calendar.ics`), 404, 'not public');
    await fetchIcs(`/api/v1/needs/${hidden.id}/calendar.ics`, suspended.admin);
    await expectProblem(await http(base(), '/api/v1/needs/99999999/calendar.ics'), 404, 'unknown');
  });

  test('the confirmation mail carries the engagement as .ics', async () => {
    const need = await createNeed(base(), group.admin, group.id, { title: 'Mail mit Kalender', shifts: [shiftAt(9, 2, 10, 3)] });
    const v = await person('ics-mail');
    const before = mailFiles(server.mailDir);
    await joinAs(base(), v, need.shifts[0].id, 'confirmed');
    const mail = await newMailTo(server.mailDir, before, v.email, 'Mail mit Kalender');
    assert.match(mail.headers.get('content-type') ?? '', /^multipart\/mixed/i);
    const ics = icsAttachment(mail.raw);
    assert.ok(ics, 'a text/calendar part');
    const cal = parseIcs(Buffer.from(ics.text, 'utf8'), 'attachment');
    const evs = events(cal);
    assert.equal(evs.length, 1, 'the one shift joined');
    assert.equal(prop(evs[0], 'UID'), `shift-${need.shifts[0].id}@helferkarte.example`);
    assert.equal(utc(prop(evs[0], 'DTSTART'), 'DTSTART'), need.shifts[0].start);
    assert.equal(utc(prop(evs[0], 'DTEND'), 'DTEND'), need.shifts[0].end);
    assert.equal(unescapeText(prop(evs[0], 'SUMMARY')!), 'Mail mit Kalender');
  });
});

describe('the personal calendar feed', () => {
  test('create → works without a session, confirmed engagements only; renew → old address 404; delete → 404', async () => {
    const [v, other] = await Promise.all([person('feed'), person('feed-other')]);
    const a = await createNeed(base(), group.admin, group.id, { title: 'Bestätigt', shifts: [shiftAt(5, 1)] });
    const b = await createNeed(base(), group.admin, group.id, { title: 'Warteliste', shifts: [shiftAt(6, 1)] });
    const c = await createNeed(base(), group.admin, group.id, { title: 'Anfrage', signupMode: 'approval', shifts: [shiftAt(7, 1)] });
    await joinAs(base(), v, a.shifts[0].id, 'confirmed');
    await joinAs(base(), other, b.shifts[0].id, 'confirmed');
    await joinAs(base(), v, b.shifts[0].id, 'waitlisted');
    await joinAs(base(), v, c.shifts[0].id, 'requested');

    assert.deepEqual(await expectJson(await call(base(), 'GET', '/api/v1/me/calendar-feed', { as: v }), 200), { active: false, createdAt: null });
    const created = await expectJson(await call(base(), 'POST', '/api/v1/me/calendar-feed', { as: v }), 201, 'create');
    assert.match(created.url, new RegExp(`^${BASE_URL}/api/v1/calendar/[A-Za-z0-9_-]{20,}\\.ics$`));
    const path = new URL(created.url).pathname;
    const state = await expectJson(await call(base(), 'GET', '/api/v1/me/calendar-feed', { as: v }), 200);
    assert.deepEqual(state, { active: true, createdAt: created.createdAt });

    const { res, cal } = await fetchIcs(path);
    assert.equal(res.headers.get('set-cookie'), null);
    assert.deepEqual(events(cal).map((e) => prop(e, 'UID')), [`shift-${a.shifts[0].id}@helferkarte.example`], 'only the confirmed engagement');
    assert.equal(unescapeText(prop(events(cal)[0], 'SUMMARY')!), 'Bestätigt');
    // Moving up shows in the feed.
    assert.equal((await call(base(), 'DELETE', `/api/v1/shifts/${b.shifts[0].id}/signups/me`, { as: other })).status, 204);
    assert.equal(events((await fetchIcs(path)).cal).length, 2, 'the engagement from the waitlist appears once confirmed');

    const renewed = await expectJson(await call(base(), 'POST', '/api/v1/me/calendar-feed', { as: v }), 201, 'renew');
    assert.notEqual(renewed.url, created.url);
    await expectProblem(await http(base(), path), 404, 'the old address');
    const newPath = new URL(renewed.url).pathname;
    await fetchIcs(newPath);

    assert.equal((await call(base(), 'DELETE', '/api/v1/me/calendar-feed', { as: v })).status, 204);
    await expectProblem(await http(base(), newPath), 404, 'after delete');
    assert.deepEqual(await expectJson(await call(base(), 'GET', '/api/v1/me/calendar-feed', { as: v }), 200), { active: false, createdAt: null });
    await expectProblem(await http(base(), '/api/v1/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics'), 404, 'unknown token');
    await expectProblem(await http(base(), `${newPath.replace(/\.ics$/, '')}`), 404, 'without .ics');
    await expectProblem(await call(base(), 'GET', '/api/v1/me/calendar-feed'), 401, 'anonymous');
  });
});

describe('the reminder a day before', () => {
  test('one reminder with a link; the link shows, confirms and cancels (the waitlist moves up)', async () => {
    const start = Date.parse(shiftAt(3, 1, 9, 2).start);
    const need = await createNeed(base(), group.admin, group.id, { title: 'Erinnerung bitte', shifts: [{ start: iso(start), end: iso(start + 2 * HOUR), capacity: 1 }] });
    const shift = need.shifts[0].id;
    const [v, w] = await Promise.all([person('remind'), person('remind-wait')]);
    const before = mailFiles(server.mailDir);
    const signup = await joinAs(base(), v, shift, 'confirmed');
    await joinAs(base(), w, shift, 'waitlisted');

    // (The demo data has engagements of its own, so the counts the command prints are not ours
    // alone; the mails to this person are.)
    runJobs(server, start - 25 * HOUR);
    const early = await mailsToSince(server.mailDir, before, v.email);
    assert.equal(early.filter((x) => x.body.includes('/einsatz?token=')).length, 0, 'no reminder 25 hours before');
    assert.match(runJobs(server, start - 23 * HOUR), /^reminders: [1-9]\d*$/m, 'reminders within the day before');
    runJobs(server, start - 23 * HOUR + 60_000);
    const reminder = await newMailTo(server.mailDir, before, v.email, '/einsatz?token=');
    assert.ok(reminder.text.includes('Erinnerung bitte'));
    const m = /https:\/\/helferkarte\.example\/einsatz\?token=([A-Za-z0-9_\-.~%]+)/.exec(reminder.body);
    assert.ok(m, `an absolute link to the engagement page:\n${reminder.body}`);
    const token = decodeURIComponent(m[1]);
    const reminders = (await mailsToSince(server.mailDir, before, v.email)).filter((x) => x.body.includes('/einsatz?token='));
    assert.equal(reminders.length, 1, 'exactly one reminder');
    assert.equal((await mailsToSince(server.mailDir, before, w.email, 0)).filter((x) => x.body.includes('/einsatz?token=')).length, 0, 'none for the waitlist');

    const shown = await expectJson(await http(base(), `/api/v1/signup-links/${encodeURIComponent(token)}`), 200, 'show');
    assert.equal(shown.reconfirmedAt, null);
    assert.equal(shown.signup.id, signup.id);
    assert.equal(shown.signup.status, 'confirmed');
    assert.deepEqual(shown.signup.shift, { id: shift, start: iso(start), end: iso(start + 2 * HOUR) });
    assert.equal(shown.signup.need.title, 'Erinnerung bitte');

    const confirmed = await expectJson(await http(base(), `/api/v1/signup-links/${encodeURIComponent(token)}/confirm`, { method: 'POST' }), 200, 'confirm');
    assert.ok(Math.abs(Date.parse(confirmed.reconfirmedAt) - Date.now()) < 120_000);
    const list = await participants(base(), group.admin, need.id);
    assert.equal(list.shifts[0].participants.find((p: any) => p.signupId === signup.id).reconfirmedAt, confirmed.reconfirmedAt, 'the group sees it');

    const cancelled = await http(base(), `/api/v1/signup-links/${encodeURIComponent(token)}/cancel`, { method: 'POST' });
    assert.equal(cancelled.status, 204, await cancelled.text());
    const state = await getNeed(base(), need.id, w);
    assert.equal(state.shifts[0].mySignup.status, 'confirmed', 'the waitlisted person moved up');
    assert.equal(state.shifts[0].taken, 1);
    await expectProblem(await http(base(), `/api/v1/signup-links/${encodeURIComponent(token)}`), 404, 'the link after cancelling');
    await expectProblem(await http(base(), '/api/v1/signup-links/unbekannt'), 404, 'unknown token');
    await expectProblem(await http(base(), '/api/v1/signup-links/unbekannt/confirm', { method: 'POST' }), 404, 'unknown token, confirm');
  });

  test('once the shift has begun the link shows nothing (404) and cannot act (409 shift-started)', async () => {
    const v = await person('remind-late');
    const start = Math.ceil((Date.now() + 12_000) / 1000) * 1000;
    const need = await createNeed(base(), group.admin, group.id, { title: 'Gleich geht es los', shifts: [{ start: iso(start), end: iso(start + HOUR), capacity: 2 }] });
    const before = mailFiles(server.mailDir);
    await joinAs(base(), v, need.shifts[0].id, 'confirmed');
    runJobs(server, Date.now());
    const reminder = await newMailTo(server.mailDir, before, v.email, '/einsatz?token=');
    const token = decodeURIComponent(/\/einsatz\?token=([A-Za-z0-9_\-.~%]+)/.exec(reminder.body)![1]);
    await expectJson(await http(base(), `/api/v1/signup-links/${encodeURIComponent(token)}`), 200, 'before the start');
    await waitUntil(start);
    await expectProblem(await http(base(), `/api/v1/signup-links/${encodeURIComponent(token)}`), 404, 'show after the start');
    for (const action of ['confirm', 'cancel']) {
      const p = await expectProblem(await http(base(), `/api/v1/signup-links/${encodeURIComponent(token)}/${action}`, { method: 'POST' }), 409, action);
      assert.equal(problemCode(p), 'shift-started');
    }
    assert.equal((await getNeed(base(), need.id)).shifts[0].taken, 1, 'still there');
  });
});
