// The hotline from outside: a coordinator records calls, publishes them as needs of the
// municipality's hotline organisation (area and a rough point only), volunteers offer help,
// the coordinator matches, rematches and unmatches, writes notes and closes — and the caller's
// data reaches the coordinators and the matched helper only, each read written to the audit log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import { readMails } from '../support/mail.ts';
import {
  call, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages, guetersloh, http,
  problemCode, startDemoServer, type Actor,
} from './support.ts';
import { DAY, daysAhead, HOUR, iso, mailFiles, newMailTo, mailsToSince, runJobs, verifiedFast } from './needs-support.ts';
import {
  assertNoCallerData, auditLog, callerViews, createHelpRequest, expectSchema, getHelpRequest, helpRequestBody,
  KATTENSTROTH, metresBetween, newCaller, type Caller,
} from './hotline-support.ts';

let server: Server;
let coordinator: Actor;
let M: string;
let municipalityName: string;
let hotlinePhone: string | null;
const base = () => server.url;

before(async () => {
  server = await startDemoServer();
  coordinator = await demoActor(server.url, DEMO.coordinator);
  M = await guetersloh(server.url);
  const m = await expectJson(await http(server.url, `/api/v1/municipalities/${M}`), 200, 'M');
  municipalityName = m.name;
  hotlinePhone = m.hotlinePhone;
});
after(async () => {
  await server?.stop();
});

const post = (who: Actor | null, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  call(base(), 'POST', path, { as: who, body, headers });

async function expectConflict(res: Response, code: string, context: string) {
  const p = await expectProblem(res, 409, context);
  assert.equal(problemCode(p), code, `${context}: problem code`);
}

/** Berlin calendar date of an instant. */
function berlinDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

async function listAll(who: Actor, status: string, limit = 100): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const q: string = `?status=${status}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = await expectJson(await call(base(), 'GET', `/api/v1/municipalities/${M}/help-requests${q}`, { as: who }), 200, `list ${q}`);
    expectSchema(body, 'HelpRequestList', `list ${q}`);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
  }
  assert.fail('the list has no end');
}

describe('recording a call', () => {
  test('without publishing: status new, the caller as given, a rough point 300–600 m away', async () => {
    const c = newCaller('Neu');
    const r = await createHelpRequest(base(), coordinator, M, c);
    assert.equal(r.status, 'new');
    assert.equal(r.municipalityId, M);
    assert.deepEqual(r.caller, { name: c.name, phone: c.phone, address: c.address });
    assert.equal(r.details, c.details);
    assert.equal(r.category, 'shopping');
    assert.equal(r.area, 'Kattenstroth');
    assert.equal(r.recurrence, 'once');
    assert.equal(r.needId, null);
    assert.equal(r.helper, null);
    assert.deepEqual(r.offers, []);
    assert.deepEqual(r.location, KATTENSTROTH);
    const d = metresBetween(r.location, r.publicLocation);
    assert.ok(d >= 299.5 && d <= 600.5, `the public point is 300–600 m from the given one (got ${d.toFixed(1)} m)`);
    assert.equal(r.publishedAt, null);
    assert.equal(r.closedAt, null);
    assert.equal(r.erasedAt, null);
    assert.ok(r.notes.some((n: any) => n.kind === 'created'), `a "created" line in the notes: ${JSON.stringify(r.notes)}`);
  });

  test('without address, details and point: accepted; the public point is drawn from the area', async () => {
    const c = newCaller('Knapp');
    const body = helpRequestBody(c);
    delete body.caller.address;
    delete body.details;
    delete body.location;
    const r = await expectJson(await post(coordinator, `/api/v1/municipalities/${M}/help-requests`, body), 201, 'minimal intake');
    expectSchema(r, 'HelpRequest', 'minimal');
    assert.equal(r.caller.address, null);
    assert.equal(r.details, null);
    assert.equal(r.location, null);
    assert.ok(r.publicLocation, 'a public point all the same');
    // Kattenstroth's point (or the municipality centre) moved: within Gütersloh, not on it.
    assert.ok(metresBetween(r.publicLocation, { lat: 51.9066, lon: 8.3785 }) < 30_000, 'near Gütersloh');
  });

  test('publish at once, once: a public need of the hotline organisation with one shift', async () => {
    const c = newCaller('Sofort');
    const r = await createHelpRequest(base(), coordinator, M, c, { publish: true });
    assert.equal(r.status, 'published');
    assert.ok(r.needId, 'needId');
    assert.ok(r.publishedAt, 'publishedAt');
    const need = await expectJson(await http(base(), `/api/v1/needs/${r.needId}`), 200, 'the need');
    expectSchema(need, 'Need', 'the published need');
    assert.equal(need.shifts.length, 1);
    assert.equal(need.shifts[0].start, r.when.start);
    assert.equal(need.shifts[0].end, r.when.end);
    assert.equal(need.shifts[0].capacity, 1);
    assert.equal(need.signupMode, 'approval');
    assert.equal(need.waitlist, false);
    assert.equal(need.recurrence, null);
    assert.equal(need.title, 'Einkaufshilfe in Kattenstroth');
    assert.equal(need.description, r.summary);
    assert.equal(need.status, 'published');
  });

  test('publish at once, weekly: one shift repeating every week until the given day', async () => {
    const c = newCaller('Woche');
    const until = berlinDate(daysAhead(60));
    const r = await createHelpRequest(base(), coordinator, M, c, { publish: true, recurrence: 'weekly', repeatUntil: until });
    assert.equal(r.recurrence, 'weekly');
    assert.equal(r.repeatUntil, until);
    const need = await expectJson(await http(base(), `/api/v1/needs/${r.needId}`), 200, 'the need');
    assert.deepEqual(need.recurrence, { weekly: true, until });
    assert.equal(need.shifts[0].start, r.when.start);
    const weekday = (ms: number) => new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(new Date(ms));
    for (const s of need.shifts) assert.equal(weekday(Date.parse(s.start)), weekday(Date.parse(r.when.start)), 'every shift on the same weekday');
  });

  test('publish at once, daily: seven shifts on consecutive days, repeating weekly', async () => {
    const c = newCaller('Taeglich');
    const start = daysAhead(2, 15);
    const r = await createHelpRequest(base(), coordinator, M, c, {
      publish: true, recurrence: 'daily', category: 'phone', summary: 'Ein tägliches Telefonat gegen die Einsamkeit.',
      when: { start: iso(start), end: iso(start + HOUR / 2) },
    });
    const need = await expectJson(await http(base(), `/api/v1/needs/${r.needId}`), 200, 'the need');
    assert.ok(need.shifts.length >= 7, `at least seven shifts (got ${need.shifts.length})`);
    const days = need.shifts.slice(0, 7).map((s: any) => berlinDate(Date.parse(s.start)));
    const wanted = Array.from({ length: 7 }, (_, i) => berlinDate(start + i * DAY));
    assert.deepEqual(days, wanted, 'the first seven shifts fall on seven consecutive days');
    assert.equal(need.recurrence?.weekly, true, 'the seven days repeat weekly');
    assert.match(need.title, / in Kattenstroth$/, 'the title names the area');
    assert.equal(need.category, 'phone');
  });
});

describe('intake validation: 422 problem+json in German and English', () => {
  const path = () => `/api/v1/municipalities/${M}/help-requests`;
  const c = newCaller('Falsch');
  const cases: [string, (b: Record<string, any>) => void, string[]][] = [
    ['no caller at all', (b) => { delete b.caller; }, ['caller']],
    ['missing caller name', (b) => { delete b.caller.name; }, ['caller.name']],
    ['empty caller name', (b) => { b.caller.name = '  '; }, ['caller.name']],
    ['caller name of 201 characters', (b) => { b.caller.name = 'x'.repeat(201); }, ['caller.name']],
    ['phone with letters', (b) => { b.caller.phone = '05241 HILFE'; }, ['caller.phone']],
    ['phone with two digits', (b) => { b.caller.phone = '1 2'; }, ['caller.phone']],
    ['phone of 41 characters', (b) => { b.caller.phone = '0'.repeat(41); }, ['caller.phone']],
    ['address of 301 characters', (b) => { b.caller.address = 'x'.repeat(301); }, ['caller.address']],
    ['empty summary', (b) => { b.summary = ''; }, ['summary']],
    ['summary of 501 characters', (b) => { b.summary = 'x'.repeat(501); }, ['summary']],
    ['details of 2001 characters', (b) => { b.details = 'x'.repeat(2001); }, ['details']],
    ['unknown category', (b) => { b.category = 'gardening'; }, ['category']],
    ['empty area', (b) => { b.area = ''; }, ['area']],
    ['area of 101 characters', (b) => { b.area = 'x'.repeat(101); }, ['area']],
    ['latitude out of range', (b) => { b.location = { lat: 91, lon: 8 }; }, ['location.lat']],
    ['end before start', (b) => { b.when = { start: iso(daysAhead(3, 10)), end: iso(daysAhead(3, 9)) }; }, ['when.end']],
    ['longer than seven days', (b) => { b.when = { start: iso(daysAhead(3)), end: iso(daysAhead(3) + 8 * DAY) }; }, ['when.end']],
    ['start two hours ago', (b) => { b.when = { start: iso(Date.now() - 2 * HOUR), end: iso(Date.now() + HOUR) }; }, ['when.start']],
    ['start more than two years ahead', (b) => { b.when = { start: iso(daysAhead(800)), end: iso(daysAhead(800) + HOUR) }; }, ['when.start']],
    ['unknown recurrence', (b) => { b.recurrence = 'monthly'; }, ['recurrence']],
    ['repeatUntil without a recurrence', (b) => { b.recurrence = 'once'; b.repeatUntil = berlinDate(daysAhead(30)); }, ['repeatUntil']],
    ['publish without when', (b) => { delete b.when; b.publish = true; }, ['when']],
    ['an unknown field', (b) => { b.nickname = 'Oma Hertha'; }, ['nickname']],
    ['several at once', (b) => { b.caller.name = ''; b.category = 'x'; b.area = ''; }, ['caller.name', 'category', 'area']],
  ];
  for (const [name, change, fields] of cases) {
    test(`${name} → 422 ${fields.join(', ')}, nothing saved`, async () => {
      const before = (await listAll(coordinator, 'all')).length;
      const body = helpRequestBody(c);
      change(body);
      await expectValidationInBothLanguages((h) => post(coordinator, path(), body, h), fields, name);
      assert.equal((await listAll(coordinator, 'all')).length, before, `${name}: nothing was saved`);
    });
  }

  test('a body that is not JSON → 400', async () => {
    await expectProblem(await post(coordinator, path(), '{"caller": '), 400, 'malformed');
  });

  test('PATCH names a bad field too, and changes nothing', async () => {
    const r = await createHelpRequest(base(), coordinator, M, newCaller('Edit'));
    await expectValidationInBothLanguages(
      (h) => call(base(), 'PATCH', `/api/v1/help-requests/${r.id}`, { as: coordinator, body: { caller: { name: r.caller.name, phone: 'keine' }, area: '' }, headers: h }),
      ['caller.phone', 'area'], 'patch');
    await expectValidationInBothLanguages(
      (h) => call(base(), 'PATCH', `/api/v1/help-requests/${r.id}`, { as: coordinator, body: { publish: true }, headers: h }), ['publish'], 'patch publish');
    const again = await getHelpRequest(base(), coordinator, r.id);
    assert.deepEqual(again.caller, r.caller);
    assert.equal(again.area, r.area);
  });
});

describe('the list', () => {
  test('open requests oldest first, closed newest first, paged with the cursor', async () => {
    const mine: string[] = [];
    for (const tag of ['ListeA', 'ListeB', 'ListeC', 'ListeD']) mine.push((await createHelpRequest(base(), coordinator, M, newCaller(tag))).id);

    const open = await listAll(coordinator, 'open');
    const openIds = open.map((x) => x.id);
    assert.deepEqual(openIds.filter((id) => mine.includes(id)), mine, 'mine, oldest first');
    for (let i = 1; i < open.length; i++) {
      assert.ok(Date.parse(open[i - 1].createdAt) <= Date.parse(open[i].createdAt), 'the open list is oldest first');
      assert.ok(['new', 'published', 'matched'].includes(open[i].status), 'only open requests');
    }
    // The default is `open`.
    const byDefault = await expectJson(await call(base(), 'GET', `/api/v1/municipalities/${M}/help-requests?limit=100`, { as: coordinator }), 200, 'default');
    assert.deepEqual(byDefault.items.map((x: any) => x.id), openIds.slice(0, 100));
    const item = open.find((x) => x.id === mine[0]);
    assert.equal(item.offerCount, 0);
    assert.equal(typeof item.caller.name, 'string', 'the list shows the caller');
    assert.ok(!('offers' in item) && !('notes' in item), 'no offers and notes in the list');

    // Pages of one: the same requests in the same order, no repeats.
    const paged = await listAll(coordinator, 'open', 1);
    assert.deepEqual(paged.map((x) => x.id), openIds, 'paging with limit=1 walks the same list');

    await expectJson(await post(coordinator, `/api/v1/help-requests/${mine[1]}/close`, { outcome: 'cancelled' }), 200, 'cancel B');
    await expectJson(await post(coordinator, `/api/v1/help-requests/${mine[2]}/close`, { outcome: 'done', note: 'Hat sich erledigt.' }), 200, 'done C');

    const closed = (await listAll(coordinator, 'closed')).map((x) => x.id);
    assert.deepEqual(closed.filter((id) => mine.includes(id)), [mine[2], mine[1]], 'closed: newest first');
    const done = (await listAll(coordinator, 'done')).map((x) => x.id);
    assert.ok(done.includes(mine[2]) && !done.includes(mine[1]), 'done has C only');
    const cancelled = (await listAll(coordinator, 'cancelled')).map((x) => x.id);
    assert.ok(cancelled.includes(mine[1]) && !cancelled.includes(mine[2]), 'cancelled has B only');
    const openNow = (await listAll(coordinator, 'open')).map((x) => x.id);
    assert.deepEqual(openNow.filter((id) => mine.includes(id)), [mine[0], mine[3]], 'closed ones leave the open list');
    const newOnes = (await listAll(coordinator, 'new')).map((x) => x.id);
    assert.ok(newOnes.includes(mine[0]) && newOnes.includes(mine[3]));
    const everything = await listAll(coordinator, 'all');
    assert.deepEqual(everything.map((x) => x.id).filter((id) => mine.includes(id)), [...mine].reverse(), 'all: newest first');
    const allPaged = await listAll(coordinator, 'all', 2);
    assert.deepEqual(allPaged.map((x) => x.id), everything.map((x) => x.id), 'all, paged');
  });

  test('bad status, limit and cursor → 422 naming them', async () => {
    for (const [q, field] of [['status=offen', 'status'], ['limit=0', 'limit'], ['limit=101', 'limit'], ['cursor=%21%21kaputt', 'cursor']]) {
      await expectValidationInBothLanguages((h) => call(base(), 'GET', `/api/v1/municipalities/${M}/help-requests?${q}`, { as: coordinator, headers: h }), [field], q);
    }
  });
});

describe('publish, offer, match, rematch, unmatch, notes, close', () => {
  let c: Caller;
  let r: any;
  let need: any;
  let hotlineOrg: string;
  let v1: Actor;
  let v2: Actor;
  let v3: Actor;
  let bystander: Actor;

  before(async () => {
    [v1, v2, v3, bystander] = await Promise.all([
      verifiedFast(server, 'hotline-v1', { displayName: 'Volker Eins' }),
      verifiedFast(server, 'hotline-v2', { displayName: 'Vera Zwei' }),
      verifiedFast(server, 'hotline-v3', { displayName: 'Vito Drei' }),
      verifiedFast(server, 'hotline-by', { displayName: 'Berta Nebenbei' }),
    ]);
  });

  test('publish: 200 with needId; again 409 help-request-state; public fields then 409 help-request-published', async () => {
    c = newCaller('Fluss');
    r = await createHelpRequest(base(), coordinator, M, c, { recurrence: 'weekly' });
    const published = await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/publish`), 200, 'publish');
    expectSchema(published, 'HelpRequest', 'published');
    assert.equal(published.status, 'published');
    assert.ok(published.needId);
    assert.deepEqual(published.publicLocation, r.publicLocation, 'the public point stays as drawn at intake');
    assert.ok(published.notes.some((n: any) => n.kind === 'published'), 'a "published" line');
    r = published;
    await expectConflict(await post(coordinator, `/api/v1/help-requests/${r.id}/publish`), 'help-request-state', 'publish twice');
    for (const body of [{ summary: 'Neu formuliert.' }, { area: 'Avenwedde' }, { category: 'reading' }, { location: { lat: 51.9, lon: 8.4 } }]) {
      await expectConflict(await call(base(), 'PATCH', `/api/v1/help-requests/${r.id}`, { as: coordinator, body }), 'help-request-published', `patch ${Object.keys(body)[0]}`);
    }
    // The caller's data and the details may still change.
    const patched = await expectJson(await call(base(), 'PATCH', `/api/v1/help-requests/${r.id}`, { as: coordinator, body: { details: `${c.details} (zweimal klingeln)` } }), 200, 'patch details');
    assert.equal(patched.details, `${c.details} (zweimal klingeln)`);
    c.details = patched.details;
  });

  test('publish of a request without a time → 422 on when', async () => {
    const body = helpRequestBody(newCaller('OhneZeit'));
    delete body.when;
    const r2 = await expectJson(await post(coordinator, `/api/v1/municipalities/${M}/help-requests`, body), 201, 'without when');
    await expectValidationInBothLanguages((h) => post(coordinator, `/api/v1/help-requests/${r2.id}/publish`, undefined, h), ['when'], 'publish without when');
    assert.equal((await getHelpRequest(base(), coordinator, r2.id)).status, 'new');
  });

  test('the public need: the hotline organisation, the area, no address, ≥ 300 m off, nothing of the caller', async () => {
    const res = await http(base(), `/api/v1/needs/${r.needId}`);
    const text = await res.text();
    assert.equal(res.status, 200, text);
    need = JSON.parse(text);
    assertNoCallerData(text, c, 'GET /needs/{id} (anonymous)');
    assert.equal(need.location.placeName, 'Kattenstroth');
    assert.equal(need.location.address, null);
    const d = metresBetween(KATTENSTROTH, need.location);
    assert.ok(d >= 299.5, `the need is at least 300 m from the caller's point (got ${d.toFixed(1)} m)`);
    assert.ok(need.recurrence?.weekly, 'weekly');
    hotlineOrg = need.organization.id;
    const org = await expectJson(await http(base(), `/api/v1/organizations/${hotlineOrg}`), 200, 'the hotline organisation');
    expectSchema(org, 'Organization', 'hotline organisation');
    assert.equal(org.hotline, true);
    assert.equal(org.municipalityId, M);
    assert.equal(org.status, 'approved');

    const signedIn = await call(base(), 'GET', `/api/v1/needs/${r.needId}`, { as: bystander });
    assertNoCallerData(await signedIn.text(), c, 'GET /needs/{id} (signed in)');

    const search = await http(base(), `/api/v1/needs?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&radiusKm=5&limit=100`);
    const searchText = await search.text();
    assert.equal(search.status, 200, searchText);
    const found = JSON.parse(searchText).items.find((n: any) => n.id === r.needId);
    assert.ok(found, 'the radius search finds the need');
    assert.ok(metresBetween(KATTENSTROTH, found.location) >= 299.5, 'also ≥ 300 m in the search');
    assertNoCallerData(searchText, c, 'GET /needs?lat&lon&radiusKm');

    const byName = await expectJson(await http(base(), `/api/v1/needs?municipalityId=${M}&q=${encodeURIComponent(c.name.split(' ')[1])}&limit=100`), 200, 'search by name');
    assert.ok(!byName.items.some((n: any) => n.id === r.needId), "the caller's name does not find the need");

    const geo = await http(base(), `/api/v1/municipalities/${M}/needs.geojson`);
    const geoText = await geo.text();
    assert.equal(geo.status, 200);
    const feature = JSON.parse(geoText).features.find((f: any) => f.id === r.needId);
    assert.ok(feature, 'the GeoJSON feed has the need');
    const [lon, lat] = feature.geometry.coordinates;
    assert.ok(metresBetween(KATTENSTROTH, { lat, lon }) >= 299.5, 'also ≥ 300 m in the GeoJSON');
    assertNoCallerData(geoText, c, 'needs.geojson');

    const ics = await http(base(), `/api/v1/municipalities/${M}/needs.ics`);
    const icsText = (await ics.text()).replace(/\r?\n[ \t]/g, '').replace(/\\([,;\\])/g, '$1');
    assert.equal(ics.status, 200);
    assert.ok(icsText.includes(`/gesuche/${r.needId}`), 'the calendar has the need');
    assertNoCallerData(icsText, c, 'needs.ics');

    for (const p of [`/api/v1/needs/${r.needId}/calendar.ics`, `/api/v1/organizations/${hotlineOrg}/needs`, `/api/v1/needs/discover?lat=${KATTENSTROTH.lat}&lon=${KATTENSTROTH.lon}&limit=50`]) {
      const res2 = await http(base(), p);
      assert.equal(res2.status, 200, p);
      assertNoCallerData((await res2.text()).replace(/\r?\n[ \t]/g, '').replace(/\\([,;\\])/g, '$1'), c, p);
    }
  });

  test('volunteers offer help (requested); the coordinator sees the offers', async () => {
    const shift = need.shifts[0].id;
    for (const [v, message] of [[v1, 'Ich kann montags.'], [v2, undefined], [v3, undefined]] as const) {
      const s = await expectJson(await post(v, `/api/v1/shifts/${shift}/signups`, message ? { message } : {}), 201, `${v.displayName} offers`);
      assert.equal(s.status, 'requested');
    }
    const detail = await getHelpRequest(base(), coordinator, r.id);
    expectSchema(detail, 'HelpRequest', 'with offers');
    const offers = new Map(detail.offers.map((o: any) => [o.userId, o]));
    for (const v of [v1, v2, v3]) {
      const o: any = offers.get(v.id);
      assert.ok(o, `${v.displayName} is among the offers: ${JSON.stringify(detail.offers)}`);
      assert.equal(o.status, 'requested');
      assert.equal(o.displayName, v.displayName);
      assert.equal(o.email, v.email);
    }
    assert.equal((offers.get(v1.id) as any).message, 'Ich kann montags.');
    const item = (await listAll(coordinator, 'open')).find((x) => x.id === r.id);
    assert.equal(item.offerCount, 3);
    // Offering does not show the caller to anyone.
    const res = await call(base(), 'GET', `/api/v1/help-requests/${r.id}`, { as: v1 });
    assertNoCallerData(await expectProblem(res, 404, 'an offer is no match').then((p) => JSON.stringify(p)), c, 'offerer before the match');
  });

  test('match: 422 for someone who never offered; the helper gets the contact, the others a kind mail without it', async () => {
    await expectValidationInBothLanguages((h) => post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: bystander.id }, h), ['userId'], 'never offered');
    await expectValidationInBothLanguages((h) => post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: '99999999' }, h), ['userId'], 'unknown person');

    const before = mailFiles(server.mailDir);
    const matched = await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: v1.id }), 200, 'match v1');
    expectSchema(matched, 'HelpRequest', 'matched');
    assert.equal(matched.status, 'matched');
    assert.deepEqual(matched.helper, { userId: v1.id, displayName: v1.displayName, email: v1.email });
    assert.ok(matched.matchedAt);

    const mail = await newMailTo(server.mailDir, before, v1.email, c.phone);
    assert.match(mail.subject, /^Sie helfen: /, 'the subject');
    for (const s of [c.name, c.phone, c.address.split(',')[0], c.details]) assert.ok(mail.text.includes(s), `the helper's mail holds ${s}:\n${mail.body}`);
    assert.ok(mail.text.includes(`/hilfeanfragen/${r.id}`), 'a link to the request');

    for (const v of [v2, v3]) {
      await newMailTo(server.mailDir, before, v.email, /jemand anderes/);
      for (const m of await mailsToSince(server.mailDir, before, v.email, 0)) assertNoCallerData(m.raw, c, `mail to ${v.displayName}: ${m.subject}`);
    }

    const mine = async (v: Actor) => (await expectJson(await call(base(), 'GET', '/api/v1/me/signups', { as: v }), 200, 'my sign-ups')).items.filter((s: any) => s.need.id === r.needId);
    assert.ok((await mine(v1)).some((s: any) => s.status === 'confirmed'), 'the helper holds a confirmed place');
    for (const s of await mine(v2)) assert.equal(s.status, 'declined', 'the other offers are declined');
  });

  test('the helper sees the caller (audited as helper), the others 404; /me/help-requests lists it without the caller', async () => {
    const { items: before } = await auditLog(base(), coordinator, M);
    const res = await call(base(), 'GET', `/api/v1/help-requests/${r.id}`, { as: v1 });
    const view = await expectJson(res, 200, 'helper view');
    expectSchema(view, 'HelpRequestHelperView', 'helper view');
    assert.deepEqual(view.caller, { name: c.name, phone: c.phone, address: c.address });
    assert.equal(view.details, c.details);
    assert.equal(view.area, 'Kattenstroth');
    assert.equal(view.needId, r.needId);
    assert.equal(view.municipalityName, municipalityName);
    assert.equal(view.hotlinePhone, hotlinePhone, "the municipality's hotline number");
    assert.ok(!('offers' in view) && !('notes' in view) && !('helper' in view), 'no offers, notes or helper in the helper view');
    const { items: afterRead } = await auditLog(base(), coordinator, M);
    assert.equal(callerViews(afterRead, r.id, 'helper'), callerViews(before, r.id, 'helper') + 1, 'one caller_viewed (helper) for the read');

    for (const v of [v2, v3, bystander]) {
      const p = await expectProblem(await call(base(), 'GET', `/api/v1/help-requests/${r.id}`, { as: v }), 404, `${v.displayName}`);
      assertNoCallerData(JSON.stringify(p), c, `${v.displayName}'s 404`);
    }

    const meRes = await call(base(), 'GET', '/api/v1/me/help-requests', { as: v1 });
    const meText = await meRes.text();
    assert.equal(meRes.status, 200, meText);
    const me = JSON.parse(meText);
    expectSchema(me, 'MyHelpRequestList', 'me/help-requests');
    const entry = me.items.find((x: any) => x.id === r.id);
    assert.ok(entry, 'the helper has the request in /me/help-requests');
    assert.equal(entry.status, 'matched');
    assert.ok(!('caller' in entry) && !('details' in entry), 'without caller and details');
    assertNoCallerData(meText, c, '/me/help-requests');
    const { items: afterMe } = await auditLog(base(), coordinator, M);
    assert.equal(callerViews(afterMe, r.id, 'helper'), callerViews(afterRead, r.id, 'helper'), '/me/help-requests is not audited');
    for (const v of [v2, bystander]) {
      const other = await expectJson(await call(base(), 'GET', '/api/v1/me/help-requests', { as: v }), 200, 'others');
      assert.ok(!other.items.some((x: any) => x.id === r.id), `${v.displayName} does not have it`);
    }
  });

  test('rematch to v2: v1 loses access and is told kindly; v2 gets the contact; matching v2 again is a no-op', async () => {
    const before = mailFiles(server.mailDir);
    const rematched = await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: v2.id }), 200, 'rematch v2');
    assert.equal(rematched.status, 'matched');
    assert.equal(rematched.helper.userId, v2.id);
    await newMailTo(server.mailDir, before, v2.email, c.phone);
    await expectProblem(await call(base(), 'GET', `/api/v1/help-requests/${r.id}`, { as: v1 }), 404, 'the former helper');
    const v1Mails = await mailsToSince(server.mailDir, before, v1.email);
    assert.ok(v1Mails.length >= 1, 'the former helper is told');
    for (const m of v1Mails) assertNoCallerData(m.raw, c, `mail to the former helper: ${m.subject}`);
    assert.equal((await getHelpRequest(base(), v2, r.id)).caller.phone, c.phone);

    const again = await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: v2.id }), 200, 'same helper again');
    assert.equal(again.helper.userId, v2.id);
    assert.equal(again.matchedAt, rematched.matchedAt, 'no change');
  });

  test('unmatch: back to published, the helper loses access and gets no caller data; unmatch again 409', async () => {
    const before = mailFiles(server.mailDir);
    const un = await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/unmatch`, { reason: 'Frau ist im Krankenhaus.' }), 200, 'unmatch');
    expectSchema(un, 'HelpRequest', 'unmatched');
    assert.equal(un.status, 'published');
    assert.equal(un.helper, null);
    await expectProblem(await call(base(), 'GET', `/api/v1/help-requests/${r.id}`, { as: v2 }), 404, 'unmatched helper');
    const mails = await mailsToSince(server.mailDir, before, v2.email);
    assert.ok(mails.length >= 1, 'the unmatched helper is told');
    for (const m of mails) assertNoCallerData(m.raw, c, `mail to the unmatched helper: ${m.subject}`);
    await expectConflict(await post(coordinator, `/api/v1/help-requests/${r.id}/unmatch`, {}), 'help-request-state', 'unmatch twice');
    const me = await expectJson(await call(base(), 'GET', '/api/v1/me/help-requests', { as: v2 }), 200, 'me');
    assert.ok(!me.items.some((x: any) => x.id === r.id), 'no longer listed for v2');
  });

  test('notes: dated, in order, with the status lines; 422 for an empty or long text', async () => {
    const n1 = await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/notes`, { text: 'Rückruf am Dienstag vereinbart.' }), 201, 'note 1');
    expectSchema(n1, 'HelpRequestNote', 'note');
    assert.equal(n1.kind, 'note');
    assert.equal(n1.text, 'Rückruf am Dienstag vereinbart.');
    assert.equal(n1.authorName, coordinator.displayName);
    assert.ok(Math.abs(Date.parse(n1.createdAt) - Date.now()) < 5 * 60_000, 'dated now');
    const n2 = await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/notes`, { text: 'Neue Helferin gesucht.' }), 201, 'note 2');
    await expectValidationInBothLanguages((h) => post(coordinator, `/api/v1/help-requests/${r.id}/notes`, { text: '' }, h), ['text'], 'empty note');
    await expectValidationInBothLanguages((h) => post(coordinator, `/api/v1/help-requests/${r.id}/notes`, { text: 'x'.repeat(2001) }, h), ['text'], 'long note');

    const detail = await getHelpRequest(base(), coordinator, r.id);
    const kinds = detail.notes.map((n: any) => n.kind);
    const order = ['created', 'published', 'matched', 'matched', 'unmatched', 'note', 'note'];
    let at = 0;
    for (const k of kinds) if (k === order[at]) at++;
    assert.equal(at, order.length, `the notes hold ${order.join(', ')} in this order (got ${kinds.join(', ')})`);
    assert.deepEqual(detail.notes.slice(-2).map((n: any) => n.id), [n1.id, n2.id], 'the newest last');
    for (let i = 1; i < detail.notes.length; i++) {
      assert.ok(Date.parse(detail.notes[i - 1].createdAt) <= Date.parse(detail.notes[i].createdAt), 'oldest first');
    }
    const item = (await listAll(coordinator, 'open')).find((x) => x.id === r.id);
    assert.equal(item.lastNoteAt, n2.createdAt, 'lastNoteAt in the list');
  });

  test('close done: the need is completed, the helper thanked without caller data and shut out; then 409s', async () => {
    await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: v3.id }), 200, 'match v3');
    await newMailTo(server.mailDir, new Set(), v3.email, c.phone);
    const before = mailFiles(server.mailDir);
    await expectValidationInBothLanguages((h) => post(coordinator, `/api/v1/help-requests/${r.id}/close`, { outcome: 'vielleicht' }, h), ['outcome'], 'bad outcome');
    const closed = await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/close`, { outcome: 'done', note: 'Einkauf klappt prima.' }), 200, 'close');
    expectSchema(closed, 'HelpRequest', 'closed');
    assert.equal(closed.status, 'done');
    assert.ok(closed.closedAt);
    assert.ok(closed.notes.some((n: any) => n.kind === 'done'), 'a "done" line');
    const needNow = await expectJson(await http(base(), `/api/v1/needs/${r.needId}`), 200, 'need');
    assert.equal(needNow.status, 'completed');
    const mails = await mailsToSince(server.mailDir, before, v3.email);
    assert.ok(mails.length >= 1, 'the helper is thanked');
    for (const m of mails) assertNoCallerData(m.raw, c, `closing mail: ${m.subject}`);
    await expectProblem(await call(base(), 'GET', `/api/v1/help-requests/${r.id}`, { as: v3 }), 404, 'former helper after close');
    const me = await expectJson(await call(base(), 'GET', '/api/v1/me/help-requests', { as: v3 }), 200, 'me');
    assert.ok(!me.items.some((x: any) => x.id === r.id), 'no longer listed after close');

    for (const [what, res] of [
      ['publish', () => post(coordinator, `/api/v1/help-requests/${r.id}/publish`)],
      ['match', () => post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: v1.id })],
      ['unmatch', () => post(coordinator, `/api/v1/help-requests/${r.id}/unmatch`, {})],
      ['close', () => post(coordinator, `/api/v1/help-requests/${r.id}/close`, { outcome: 'cancelled' })],
    ] as const) {
      await expectConflict(await res(), 'help-request-state', `${what} after close`);
    }
    await expectConflict(await call(base(), 'PATCH', `/api/v1/help-requests/${r.id}`, { as: coordinator, body: { caller: { name: c.name, phone: '05241 1111' } } }), 'help-request-closed', 'edit the caller after close');
    await expectConflict(await call(base(), 'PATCH', `/api/v1/help-requests/${r.id}`, { as: coordinator, body: { details: 'Nachtrag' } }), 'help-request-closed', 'edit details after close');
    await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/notes`, { text: 'Nachgefragt: alles gut.' }), 201, 'a note after close');
  });

  test('match on a new request → 409 help-request-state; close from new works', async () => {
    const fresh = await createHelpRequest(base(), coordinator, M, newCaller('Frisch'));
    await expectConflict(await post(coordinator, `/api/v1/help-requests/${fresh.id}/match`, { userId: v1.id }), 'help-request-state', 'match a new one');
    await expectConflict(await post(coordinator, `/api/v1/help-requests/${fresh.id}/unmatch`, {}), 'help-request-state', 'unmatch a new one');
    const closed = await expectJson(await post(coordinator, `/api/v1/help-requests/${fresh.id}/close`, { outcome: 'cancelled' }), 200, 'close new');
    assert.equal(closed.status, 'cancelled');
  });

  test('the audit log: one caller_viewed per read (list, detail, print), nothing of the caller or the notes', async () => {
    const { items: before } = await auditLog(base(), coordinator, M);
    await getHelpRequest(base(), coordinator, r.id);
    await getHelpRequest(base(), coordinator, r.id);
    await getHelpRequest(base(), coordinator, r.id, '?purpose=print');
    const listed = await expectJson(await call(base(), 'GET', `/api/v1/municipalities/${M}/help-requests?status=done&limit=100`, { as: coordinator }), 200, 'list done');
    assert.ok(listed.items.some((x: any) => x.id === r.id), 'listed');
    const { items, texts } = await auditLog(base(), coordinator, M);
    assert.equal(callerViews(items, r.id, 'detail'), callerViews(before, r.id, 'detail') + 2, 'two detail reads');
    assert.equal(callerViews(items, r.id, 'print'), callerViews(before, r.id, 'print') + 1, 'one print read');
    assert.equal(callerViews(items, r.id, 'list'), callerViews(before, r.id, 'list') + 1, 'one list read');
    const mine = items.filter((e) => e.subjectType === 'help_request' && e.subjectId === r.id);
    const actions = new Set(mine.map((e) => e.action));
    for (const a of ['help_request.created', 'help_request.published', 'help_request.matched', 'help_request.unmatched', 'help_request.closed', 'help_request.caller_sent', 'help_request.caller_viewed']) {
      assert.ok(actions.has(a), `the audit log has ${a} (has ${[...actions].join(', ')})`);
    }
    assert.equal(mine.find((e) => e.action === 'help_request.closed').reason, 'done', 'closed with the outcome as reason');
    for (const t of texts) {
      assertNoCallerData(t, c, 'the audit log');
      for (const note of ['Rückruf am Dienstag', 'Einkauf klappt prima', 'Frau ist im Krankenhaus']) {
        assert.ok(!t.includes(note), `the audit log holds the note text ${note}`);
      }
    }
  });

  test("the caller's phone is in no mail but the matched helpers', and in no log line", async () => {
    for (const m of readMails(server.mailDir)) {
      const flat = m.raw.replace(/\s+/g, ' ');
      if (!flat.includes(c.phone) && !flat.includes(c.name)) continue;
      assert.ok([v1, v2, v3].some((v) => m.to.includes(v.email)), `a mail with the caller's data went to ${m.to}: ${m.subject}`);
      assert.match(m.subject, /^Sie helfen: /, `only the matched mail holds the caller (${m.subject} to ${m.to})`);
    }
    assertNoCallerData(server.stderr(), c, 'the server log');
  });
});

describe('a recurring request keeps its helper', () => {
  test('weekly: the helper holds every shift, also those the weekly rule adds later', async () => {
    const c = newCaller('Wiederkehr');
    const r = await createHelpRequest(base(), coordinator, M, c, { publish: true, recurrence: 'weekly' });
    const v = await verifiedFast(server, 'hotline-weekly');
    let need = await expectJson(await http(base(), `/api/v1/needs/${r.needId}`), 200, 'need');
    await expectJson(await post(v, `/api/v1/shifts/${need.shifts[0].id}/signups`, {}), 201, 'offer');
    await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: v.id }), 200, 'match');
    const confirmedShifts = async () => new Set((await expectJson(await call(base(), 'GET', '/api/v1/me/signups', { as: v }), 200, 'my sign-ups'))
      .items.filter((s: any) => s.need.id === r.needId && s.status === 'confirmed').map((s: any) => s.shift.id));
    const before = need.shifts.map((s: any) => s.id);
    assert.deepEqual([...await confirmedShifts()].sort(), [...before].sort(), 'a confirmed place in every shift of the need');

    runJobs(server, Date.now() + 21 * DAY);
    need = await expectJson(await http(base(), `/api/v1/needs/${r.needId}`), 200, 'need');
    const added = need.shifts.map((s: any) => s.id).filter((id: string) => !before.includes(id));
    assert.ok(added.length > 0, `the weekly rule added shifts (had ${before.length}, has ${need.shifts.length})`);
    const mine = await confirmedShifts();
    for (const id of added) assert.ok(mine.has(id), `the helper holds the new shift ${id}`);
  });
});

describe('the need follows its request', () => {
  test('the generic need endpoints refuse to edit, cancel or complete a hotline need (409 help-request-need)', async () => {
    const r = await createHelpRequest(base(), coordinator, M, newCaller('Gesuch'), { publish: true });
    const need = `/api/v1/needs/${r.needId}`;
    await expectConflict(await call(base(), 'PATCH', need, { as: coordinator, body: { location: { lat: KATTENSTROTH.lat, lon: KATTENSTROTH.lon, address: 'Quendelweg 1' } } }), 'help-request-need', 'PATCH');
    await expectConflict(await post(coordinator, `${need}/cancel`, { reason: 'Nicht mehr nötig' }), 'help-request-need', 'cancel');
    await expectConflict(await post(coordinator, `${need}/complete`, {}), 'help-request-need', 'complete');
    const after = await expectJson(await http(base(), need), 200, 'need');
    assert.equal(after.status, 'published', 'the need is unchanged');
    assert.equal(after.location.address ?? null, null, 'no address reached the public need');
  });

  test('a helper who cancels through the reminder link is let go: the request is published again', async () => {
    const c = newCaller('Erinnerung');
    const r = await createHelpRequest(base(), coordinator, M, c, { publish: true });
    const v = await verifiedFast(server, 'hotline-reminder');
    const need = await expectJson(await http(base(), `/api/v1/needs/${r.needId}`), 200, 'need');
    const shift = need.shifts[0];
    await expectJson(await post(v, `/api/v1/shifts/${shift.id}/signups`, {}), 201, 'offer');
    await expectJson(await post(coordinator, `/api/v1/help-requests/${r.id}/match`, { userId: v.id }), 200, 'match');

    const before = mailFiles(server.mailDir);
    runJobs(server, Date.parse(shift.start) - 23 * HOUR);
    const reminder = await newMailTo(server.mailDir, before, v.email, '/einsatz?token=');
    assertNoCallerData(reminder.body, c, 'the reminder');
    const token = /\/einsatz\?token=([A-Za-z0-9_\-.~%]+)/.exec(reminder.body)?.[1];
    assert.ok(token, 'the reminder has a link');
    const res = await post(null, `/api/v1/signup-links/${token}/cancel`, {});
    assert.equal(res.status, 204, 'cancelled through the link');

    const seen = await getHelpRequest(base(), coordinator, r.id);
    assert.equal(seen.status, 'published', 'back to published');
    assert.equal(seen.helper, null, 'no helper');
    assert.ok(seen.notes.some((n: any) => n.kind === 'unmatched'), 'a note says the helper left');
    await expectProblem(await call(base(), 'GET', `/api/v1/help-requests/${r.id}`, { as: v }), 404, 'the former helper');
  });
});

describe('access', () => {
  test('anonymous: 401 everywhere', async () => {
    const r = await createHelpRequest(base(), coordinator, M, newCaller('Anonym'));
    for (const [method, path] of [
      ['GET', `/api/v1/municipalities/${M}/help-requests`], ['POST', `/api/v1/municipalities/${M}/help-requests`],
      ['GET', `/api/v1/help-requests/${r.id}`], ['PATCH', `/api/v1/help-requests/${r.id}`],
      ['POST', `/api/v1/help-requests/${r.id}/publish`], ['POST', `/api/v1/help-requests/${r.id}/match`],
      ['POST', `/api/v1/help-requests/${r.id}/unmatch`], ['POST', `/api/v1/help-requests/${r.id}/close`],
      ['POST', `/api/v1/help-requests/${r.id}/notes`], ['GET', '/api/v1/me/help-requests'], ['GET', `/api/v1/municipalities/${M}/dashboard`],
    ]) {
      await expectProblem(await call(base(), method, path, { body: method === 'GET' ? undefined : {} }), 401, `${method} ${path}`);
    }
  });

  test('an unknown request → 404, an unknown municipality → 404', async () => {
    await expectProblem(await call(base(), 'GET', '/api/v1/help-requests/99999999', { as: coordinator }), 404, 'unknown');
    await expectProblem(await call(base(), 'GET', '/api/v1/help-requests/kein-id', { as: coordinator }), 404, 'malformed id');
    await expectProblem(await call(base(), 'GET', '/api/v1/municipalities/99999999/help-requests', { as: coordinator }), 404, 'unknown municipality');
  });
});
