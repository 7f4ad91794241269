// The coordinators' dashboard of a municipality: open help requests, needs by fill state,
// approvals waiting and the weekly series — counted on a municipality made fresh here with
// known data — and who may read it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  applyOrganization, call, decide, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages,
  guetersloh, http, startDemoServer, uniqueAgs, uniqueEmail, verifiedUser, type Actor,
} from './support.ts';
import { createNeed, HOUR, iso, shiftAt, verifiedFast, waitUntil } from './needs-support.ts';
import { createHelpRequest, expectSchema, newCaller } from './hotline-support.ts';

let server: Server;
let platformAdmin: Actor;
let coordinatorM: Actor;
let coordinator: Actor; // of N
let volunteer: Actor;
let M: string;
let N: string;
let firstOpenCreatedAt: string;
const base = () => server.url;

/** The Monday (Berlin) of the week holding `ms`, as YYYY-MM-DD. */
function berlinMonday(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' })
    .formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const day = Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')));
  const offset = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return new Date(day - offset * 86_400_000).toISOString().slice(0, 10);
}

const dashboard = (who: Actor | null, m: string, query = '') => call(base(), 'GET', `/api/v1/municipalities/${m}/dashboard${query}`, { as: who });

before(async () => {
  server = await startDemoServer();
  platformAdmin = await demoActor(base(), DEMO.admin);
  coordinatorM = await demoActor(base(), DEMO.coordinator);
  M = await guetersloh(base());
  const n = await expectJson(await call(base(), 'POST', '/api/v1/municipalities', {
    as: platformAdmin,
    body: { name: 'Zählhausen', ags: uniqueAgs(), center: { lat: 51.95, lon: 8.45 }, contactEmail: 'rathaus@zaehlhausen.example', moderation: 'none' },
  }), 201, 'create N');
  N = n.id;
  const email = uniqueEmail('dash-coordinator');
  await expectJson(await call(base(), 'POST', `/api/v1/municipalities/${N}/coordinators`, { as: platformAdmin, body: { email } }), 201, 'invite');
  coordinator = await verifiedUser(server, 'dash-coordinator', { email });
  volunteer = await verifiedFast(server, 'dash-volunteer');
});
after(async () => {
  await server?.stop();
});

describe('the dashboard of a fresh municipality', () => {
  test('empty at first: zeros, 12 weeks, the current week last', async () => {
    const d = await expectJson(await dashboard(coordinator, N), 200, 'empty');
    expectSchema(d, 'Dashboard', 'empty dashboard');
    assert.deepEqual(d.helpRequests, { new: 0, published: 0, matched: 0, oldestOpenAt: null });
    assert.deepEqual(d.needs, { open: 0, partial: 0, covered: 0 });
    assert.deepEqual(d.approvals, { organizations: 0, needs: 0 });
    assert.equal(d.weeks.length, 12);
    assert.equal(d.weeks[11].start, berlinMonday(Date.now()), 'the current week last');
    for (let i = 0; i < 12; i++) {
      assert.deepEqual({ ...d.weeks[i], start: undefined }, { start: undefined, needs: 0, signups: 0, confirmedHours: 0 }, `week ${i} is empty`);
      if (i > 0) assert.equal(Date.parse(d.weeks[i].start) - Date.parse(d.weeks[i - 1].start), 7 * 86_400_000, 'consecutive Mondays');
    }
  });

  test('counts known data: requests by status, needs by fill, approvals, this week\'s needs, sign-ups and hours', async () => {
    const url = base();
    // A group of N (not trusted) with needs in each fill state.
    const admin = await verifiedFast(server, 'dash-group');
    const group = (await applyOrganization(url, admin, N, 'Zählverein')).id;
    await decide(url, coordinator, group, 'approve');
    await createNeed(url, admin, group, { title: 'Noch offen', shifts: [shiftAt(5, 2)] }); // open
    const partial = await createNeed(url, admin, group, { title: 'Halb besetzt', shifts: [shiftAt(6, 2), shiftAt(7, 2)] });
    const covered = await createNeed(url, admin, group, { title: 'Voll besetzt', shifts: [shiftAt(8, 1)] });
    const helpers = await Promise.all([verifiedFast(server, 'dash-a'), verifiedFast(server, 'dash-b')]);
    await expectJson(await call(url, 'POST', `/api/v1/shifts/${partial.shifts[0].id}/signups`, { as: helpers[0], body: {} }), 201, 'join partial');
    await expectJson(await call(url, 'POST', `/api/v1/shifts/${covered.shifts[0].id}/signups`, { as: helpers[1], body: {} }), 201, 'join covered');

    // A shift that begins in a few seconds: joined, then attended for 1.5 hours.
    const start = Math.ceil((Date.now() + 8000) / 1000) * 1000;
    const begun = await createNeed(url, admin, group, { title: 'Beginnt gleich', shifts: [{ start: iso(start), end: iso(start + 2 * HOUR), capacity: 5 }] });
    const signup = await expectJson(await call(url, 'POST', `/api/v1/shifts/${begun.shifts[0].id}/signups`, { as: helpers[0], body: {} }), 201, 'join begun');

    // Waiting for approval: an organisation, and a need posted while N pre-moderates.
    await applyOrganization(url, await verifiedFast(server, 'dash-pending'), N, 'Wartender Verein');
    await expectJson(await call(url, 'PATCH', `/api/v1/municipalities/${N}`, { as: coordinator, body: { moderation: 'pre' } }), 200, 'pre');
    const pending = await createNeed(url, admin, group, { title: 'Zur Prüfung' });
    assert.equal(pending.status, 'pending_review');
    await expectJson(await call(url, 'PATCH', `/api/v1/municipalities/${N}`, { as: coordinator, body: { moderation: 'none' } }), 200, 'none');

    // Help requests: two new, one published (an offer), one matched, one done.
    const first = await createHelpRequest(url, coordinator, N, newCaller('DashA'), { area: 'Mitte' });
    firstOpenCreatedAt = first.createdAt;
    await createHelpRequest(url, coordinator, N, newCaller('DashB'), { area: 'Mitte' });
    const published = await createHelpRequest(url, coordinator, N, newCaller('DashC'), { area: 'Mitte', publish: true });
    const pNeed = await expectJson(await http(url, `/api/v1/needs/${published.needId}`), 200, 'need');
    await expectJson(await call(url, 'POST', `/api/v1/shifts/${pNeed.shifts[0].id}/signups`, { as: volunteer, body: {} }), 201, 'offer');
    const toMatch = await createHelpRequest(url, coordinator, N, newCaller('DashD'), { area: 'Mitte', publish: true });
    const mNeed = await expectJson(await http(url, `/api/v1/needs/${toMatch.needId}`), 200, 'need');
    await expectJson(await call(url, 'POST', `/api/v1/shifts/${mNeed.shifts[0].id}/signups`, { as: helpers[1], body: {} }), 201, 'offer');
    await expectJson(await call(url, 'POST', `/api/v1/help-requests/${toMatch.id}/match`, { as: coordinator, body: { userId: helpers[1].id } }), 200, 'match');
    const done = await createHelpRequest(url, coordinator, N, newCaller('DashE'), { area: 'Mitte', publish: true });
    await expectJson(await call(url, 'POST', `/api/v1/help-requests/${done.id}/close`, { as: coordinator, body: { outcome: 'done' } }), 200, 'close');

    await waitUntil(start);
    await expectJson(await call(url, 'PATCH', `/api/v1/signups/${signup.id}`, { as: admin, body: { attendance: 'attended', hours: 1.5 } }), 200, 'attended');

    const d = await expectJson(await dashboard(coordinator, N), 200, 'dashboard');
    expectSchema(d, 'Dashboard', 'dashboard');
    assert.deepEqual(d.helpRequests, { new: 2, published: 1, matched: 1, oldestOpenAt: firstOpenCreatedAt });
    // Open: "Noch offen" and the published request's need (an offer is no confirmed place);
    // partial: "Halb besetzt"; covered: "Voll besetzt" and the matched request's need. The
    // begun shift's need has no shift to come, the done request's need is completed.
    assert.deepEqual(d.needs, { open: 2, partial: 1, covered: 2 });
    assert.deepEqual(d.approvals, { organizations: 1, needs: 1 });
    const week = d.weeks[d.weeks.length - 1];
    assert.equal(week.start, berlinMonday(Date.now()));
    // Needs made this week: four of the group, the one under review, three of the hotline.
    assert.equal(week.needs, 8, 'needs created this week');
    // Sign-ups: partial, covered, begun, the offer on the published request, the matched helper's.
    assert.equal(week.signups, 5, 'sign-ups made this week');
    assert.equal(week.confirmedHours, 1.5, 'attended hours of shifts that began this week');
    for (const w of d.weeks.slice(0, -1)) assert.deepEqual([w.needs, w.signups, w.confirmedHours], [0, 0, 0], `week of ${w.start} is empty`);

    // M's dashboard knows nothing of N's data.
    const m = await expectJson(await dashboard(coordinatorM, M), 200, "M's dashboard");
    expectSchema(m, 'Dashboard', "M's dashboard");
  });

  test('weeks=4 and weeks=52', async () => {
    for (const weeks of [4, 52]) {
      const d = await expectJson(await dashboard(coordinator, N, `?weeks=${weeks}`), 200, `weeks=${weeks}`);
      assert.equal(d.weeks.length, weeks);
      assert.equal(d.weeks[weeks - 1].start, berlinMonday(Date.now()));
    }
  });

  test('weeks outside 4..52 or not a number → 422 on weeks', async () => {
    for (const q of ['weeks=3', 'weeks=53', 'weeks=0', 'weeks=zwölf', 'weeks=4.5']) {
      await expectValidationInBothLanguages((h) => call(base(), 'GET', `/api/v1/municipalities/${N}/dashboard?${q}`, { as: coordinator, headers: h }), ['weeks'], q);
    }
  });
});

describe('who may read it', () => {
  test('anonymous 401; signed in without being its coordinator 403; an unknown municipality 404', async () => {
    await expectProblem(await dashboard(null, N), 401, 'anonymous');
    await expectProblem(await dashboard(null, '99999999'), 401, 'anonymous, unknown');
    for (const [who, label] of [[volunteer, 'volunteer'], [coordinatorM, 'coordinator of M'], [platformAdmin, 'platform admin']] as const) {
      await expectProblem(await dashboard(who, N), 403, label);
    }
    await expectProblem(await dashboard(coordinator, M), 403, "N's coordinator on M");
    await expectProblem(await dashboard(coordinator, '99999999'), 404, 'unknown municipality');
  });
});
