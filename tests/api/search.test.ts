// The search (GET /api/v1/needs): around a point nearest first with distanceKm, across
// municipal borders, paged with a cursor that stays stable while needs change; the filters
// (category, from/to, remote, municipalityId) and German-friendly keywords; what is never
// found; every invalid query as a problem in German and English; the position stays out of
// the log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import { approvedGroup, createNeed, daysAhead, HOUR, iso, joinAs, shiftAt, verifiedFast, waitUntil, type Group } from './needs-support.ts';
import {
  assertNearestFirst, AUGSBURG, distanceKm, foldGerman, GUETERSLOH, ids, INGOLSTADT, LANDSHUT, MUNICH, municipalityCentre,
  needAt, north, PASSAU, query, REGENSBURG, searchAll, searchPage, town, wordsOf, type Point, type Town,
} from './search-support.ts';
import {
  call, checkProblemBody, decide, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages, guetersloh,
  http, mediaType, problemCode, type Actor, startDemoServer,
} from './support.ts';

let server: Server;
let platformAdmin: Actor;
let coordinatorM: Actor;
let M = ''; // Gütersloh
let groupM: Group; // approved in Gütersloh
let far: Town; // a municipality whose centre is Munich
let centres: Map<string, Point>; // municipality id → centre

before(async () => {
  server = await startDemoServer();
  platformAdmin = await demoActor(server.url, DEMO.admin);
  coordinatorM = await demoActor(server.url, DEMO.coordinator);
  M = await guetersloh(server.url);
  groupM = await approvedGroup(server, coordinatorM, M, 'Suchverein');
  far = await town(server, platformAdmin, 'Fernhausen', MUNICH);
  centres = new Map([[M, await municipalityCentre(server.url, M)], [far.id, MUNICH]]);
});
after(async () => {
  await server?.stop();
});

const base = () => server.url;
const centreOf = (n: any): Point | null => centres.get(n.municipalityId) ?? null;
let counter = 0;
const unique = (word: string) => `${word} ${++counter}`;

/** The same invalid query without Accept-Language and in English: 422 naming `fields`. */
function invalid(params: string, fields: string[]) {
  return expectValidationInBothLanguages((h) => call(base(), 'GET', `/api/v1/needs?${params}`, { headers: h }), fields, `GET /api/v1/needs?${params}`);
}

describe('around a point', () => {
  test('around Gütersloh: nearest first, within the radius, exactly the demo needs there', async () => {
    const everyInM = await searchAll(base(), { municipalityId: M });
    assert.ok(everyInM.length >= 30, `the demo data of Gütersloh is found (${everyInM.length} needs)`);
    for (const radiusKm of [10, 3]) {
      const found = await searchAll(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm });
      assertNearestFirst(found, GUETERSLOH, radiusKm, centreOf, `radius ${radiusKm}`);
      // Every need of Gütersloh in the circle, none outside (a margin for rounding at the edge).
      const distanceOf = (n: any) => distanceKm(GUETERSLOH, n.location ?? centreOf(n)!);
      const inside = everyInM.filter((n) => distanceOf(n) < radiusKm - 0.05).map((n) => n.id).sort();
      const outside = everyInM.filter((n) => distanceOf(n) > radiusKm + 0.05).map((n) => n.id);
      const foundInM = found.filter((n) => n.municipalityId === M).map((n) => n.id);
      assert.deepEqual(foundInM.filter((id) => inside.includes(id)).sort(), inside, `radius ${radiusKm}: every need of Gütersloh within the circle`);
      assert.deepEqual(foundInM.filter((id) => outside.includes(id)), [], `radius ${radiusKm}: none beyond it`);
      assert.equal(new Set(ids(found)).size, found.length, 'no need twice');
    }
    // The demo's nearest need is the Vorlesetag in the Stadtbibliothek, about 0.24 km away.
    const first = (await searchPage(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon })).items;
    assert.ok(first.length > 0 && first.length <= 20, `the default page size is 20 (got ${first.length})`);
    assert.ok(first[0].distanceKm < 0.5, `the nearest need is in the centre (${first[0].title}, ${first[0].distanceKm} km)`);
    // Harsewinkel (about 11 km) is beyond the default radius of 10 km, within 15 km.
    const harsewinkel = everyInM.find((n) => n.title === 'Inklusives Sportfest in Harsewinkel');
    assert.ok(harsewinkel, 'the demo data holds the sports day in Harsewinkel');
    assert.ok(!ids(await searchAll(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon })).includes(harsewinkel.id), 'not within 10 km');
    assert.ok(ids(await searchAll(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 15 })).includes(harsewinkel.id), 'within 15 km');
  });

  test('an item is the need as GET /api/v1/needs/{id} gives it, plus distanceKm; null without a centre', async () => {
    const need = await needAt(base(), groupM, north(GUETERSLOH, 0.3), { title: unique('Vollständig gelistet') });
    const item = (await searchAll(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 1 })).find((n) => n.id === need.id);
    assert.ok(item, 'found');
    const { distanceKm: d, ...rest } = item;
    assert.deepEqual(rest, await expectJson(await call(base(), 'GET', `/api/v1/needs/${need.id}`), 200, 'the need'));
    assert.ok(Math.abs(d - 0.3) <= 0.01, `0.3 km away (${d})`);
    const plain = (await searchAll(base(), { municipalityId: M })).find((n) => n.id === need.id);
    assert.equal(plain.distanceKm, null, 'without a centre distanceKm is null');
  });

  test('a session adds mySignup; the list is otherwise the same', async () => {
    const need = await needAt(base(), groupM, north(GUETERSLOH, 0.2), { title: unique('Mit Anmeldung') });
    const volunteer = await verifiedFast(server, 'search-volunteer');
    await joinAs(base(), volunteer, need.shifts[0].id, 'confirmed');
    const params = { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 0.5, limit: 100 };
    const mine = (await searchPage(base(), params, volunteer)).items.find((n: any) => n.id === need.id);
    const anon = (await searchPage(base(), params)).items.find((n: any) => n.id === need.id);
    assert.equal(mine.shifts[0].mySignup?.status, 'confirmed', 'the own sign-up');
    assert.equal(anon.shifts[0].mySignup, null, 'nobody\'s without a session');
    assert.equal(anon.shifts[0].taken, 1);
  });

  test('a need far away is found only around it', async () => {
    const marienplatz = north(MUNICH, 0.4);
    const need = await needAt(base(), far.group, marienplatz, { title: unique('Weit weg in München') });
    const nearGuetersloh = await searchAll(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 100 });
    assert.ok(nearGuetersloh.length > 30, 'around Gütersloh the demo needs are found');
    assert.ok(!ids(nearGuetersloh).includes(need.id), 'not within 100 km of Gütersloh');
    const nearMunich = await searchAll(base(), { lat: MUNICH.lat, lon: MUNICH.lon, radiusKm: 1 });
    assert.ok(ids(nearMunich).includes(need.id), 'found around Munich');
    assert.ok(nearMunich.every((n) => n.municipalityId !== M), 'no need of Gütersloh around Munich');
    assertNearestFirst(nearMunich, MUNICH, 1, centreOf, 'around Munich');
    // The same group's need placed in Munich is also found there only.
    const moved = await needAt(base(), groupM, marienplatz, { title: unique('Gütersloher Verein in München') });
    assert.ok(ids(await searchAll(base(), { lat: MUNICH.lat, lon: MUNICH.lon, radiusKm: 1 })).includes(moved.id), 'found where it is');
    assert.ok(!ids(await searchAll(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 100 })).includes(moved.id), 'not at home');
  });

  test('crosses municipal borders: a circle between two municipalities finds the needs of both', async () => {
    const bielefeld = { lat: 52.0211, lon: 8.5347 };
    const neighbour = await town(server, platformAdmin, 'Nachbarstadt', bielefeld);
    centres.set(neighbour.id, bielefeld);
    const there = await needAt(base(), neighbour.group, north(bielefeld, -1), { title: unique('Beim Nachbarn') });
    const between = { lat: (GUETERSLOH.lat + bielefeld.lat) / 2, lon: (GUETERSLOH.lon + bielefeld.lon) / 2 };
    const found = await searchAll(base(), { lat: between.lat, lon: between.lon, radiusKm: 12 });
    assertNearestFirst(found, between, 12, centreOf, 'between');
    assert.ok(ids(found).includes(there.id), 'the neighbour\'s need');
    assert.ok(found.some((n) => n.municipalityId === M), 'needs of Gütersloh');
    // Restricted to one municipality, the other's needs go.
    const onlyNeighbour = await searchAll(base(), { lat: between.lat, lon: between.lon, radiusKm: 12, municipalityId: neighbour.id });
    assert.deepEqual(ids(onlyNeighbour), [there.id]);
  });
});

describe('the index follows changes', () => {
  const OLD = { lat: 47.8571, lon: 12.1181 }; // Rosenheim
  const NEW = { lat: 47.5977, lon: 12.9961 }; // Berchtesgaden, about 75 km away

  test('a moved need, a moved municipality centre (its remote needs), a renamed group, new and deleted shifts', async () => {
    const t = await town(server, platformAdmin, 'Wanderstadt', OLD);
    centres.set(t.id, OLD);
    const placed = await needAt(base(), t.group, north(OLD, 0.5), { title: unique('Umzug') });
    const remote = await needAt(base(), t.group, 'remote', { title: unique('Fernhilfe') });
    const near = async (p: Point) => ids(await searchAll(base(), { lat: p.lat, lon: p.lon, radiusKm: 2 }));
    assert.deepEqual((await near(OLD)).sort(), [placed.id, remote.id].sort(), 'both at the old place');

    await expectJson(await call(base(), 'PATCH', `/api/v1/needs/${placed.id}`, {
      as: t.group.admin, body: { location: { lat: NEW.lat, lon: NEW.lon, address: 'Marktplatz 1', placeName: 'Berchtesgaden' } },
    }), 200, 'move the need');
    assert.deepEqual(await near(OLD), [remote.id], 'the moved need left');
    assert.deepEqual(await near(NEW), [placed.id], 'and is found at its new place');

    await expectJson(await call(base(), 'PATCH', `/api/v1/municipalities/${t.id}`, { as: platformAdmin, body: { center: NEW } }), 200, 'move the centre');
    centres.set(t.id, NEW);
    assert.deepEqual(await near(OLD), [], 'the remote need left with the centre');
    assert.deepEqual((await near(NEW)).sort(), [placed.id, remote.id].sort(), 'both at the new centre');

    await expectJson(await call(base(), 'PATCH', `/api/v1/organizations/${t.group.id}`, { as: t.coordinator, body: { name: 'Murmeltierfreunde Wanderstadt' } }), 200, 'rename the group');
    assert.deepEqual(ids(await searchAll(base(), { q: 'Murmeltierfreunde' })).sort(), [placed.id, remote.id].sort(), 'found by the group\'s new name');

    // A need whose only shift is soon gets a later one: it stays findable after the first begins.
    const start = Math.ceil((Date.now() + 5_000) / 1000) * 1000;
    const soon = await needAt(base(), t.group, north(NEW, 0.3), { title: unique('Verlängert'), shifts: [{ start: iso(start), end: iso(start + HOUR), capacity: 2 }] });
    await expectJson(await call(base(), 'POST', `/api/v1/needs/${soon.id}/shifts`, { as: t.group.admin, body: shiftAt(3) }), 201, 'add a shift');
    await waitUntil(start);
    assert.ok((await near(NEW)).includes(soon.id), 'the added shift keeps it findable');
  });
});

describe('paging', () => {
  test('the cursor returns every item exactly once, nearest first, and stays stable while needs change', async () => {
    const g = far.group;
    // Seven needs north of Augsburg, two of them at the same place (a tie, decided by id).
    const km = [0.6, 1.2, 1.2, 1.8, 2.4, 3.0, 3.6];
    const made: any[] = [];
    for (const d of km) made.push(await needAt(base(), g, north(AUGSBURG, d), { title: unique('Seite') }));
    const params = { lat: AUGSBURG.lat, lon: AUGSBURG.lon, radiusKm: 5 };
    const whole = await searchAll(base(), params, 100);
    assert.deepEqual(ids(whole).sort(), ids(made).sort(), 'exactly the seven needs around Augsburg');
    assertNearestFirst(whole, AUGSBURG, 5, centreOf, 'around Augsburg');
    const tie = whole.filter((n) => Math.abs(n.distanceKm - 1.2) < 0.01).map((n) => n.id);
    assert.equal(tie.length, 2, 'two needs at the same distance');
    assert.ok(/^\d+$/.test(tie[0]) ? Number(tie[0]) < Number(tie[1]) : tie[0] < tie[1], `a tie is ordered by id (${tie})`);

    for (const size of [1, 2, 3]) {
      const paged = await searchAll(base(), params, size);
      assert.deepEqual(ids(paged), ids(whole), `pages of ${size} give the same items in the same order`);
    }
    const exact = await searchPage(base(), { ...params, limit: whole.length });
    assert.equal(exact.items.length, whole.length);
    assert.equal(exact.nextCursor, null, 'a page that holds the rest exactly says that nothing follows');

    // First page, then a new nearer need appears and one of the later ones is cancelled.
    const first = await searchPage(base(), { ...params, limit: 3 });
    assert.deepEqual(ids(first.items), ids(whole).slice(0, 3));
    assert.equal(typeof first.nextCursor, 'string');
    const nearer = await needAt(base(), g, north(AUGSBURG, 0.1), { title: unique('Neu und näher') });
    const cancelled = whole[5];
    await expectJson(await call(base(), 'POST', `/api/v1/needs/${cancelled.id}/cancel`, { as: g.admin, body: { reason: 'Fällt aus.' } }), 200, 'cancel');
    const rest: any[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await searchPage(base(), { ...params, limit: 3, cursor });
      rest.push(...page.items);
      cursor = page.nextCursor;
    }
    assert.deepEqual(ids(rest), ids(whole).slice(3).filter((id) => id !== cancelled.id),
      'the next pages continue where the first ended: nothing twice, nothing skipped, the new nearer need not mixed in');
    const now = await searchAll(base(), params, 100);
    assert.deepEqual(ids(now), [nearer.id, ...ids(whole).filter((id) => id !== cancelled.id)], 'a new search starts with the new need');
  });

  test('without a centre: newest first, paged the same way', async () => {
    const all = await searchAll(base(), { municipalityId: far.id }, 100);
    assert.ok(all.length >= 8, `the needs of Fernhausen (${all.length})`);
    const created = all.map((n) => Date.parse(n.createdAt));
    for (let i = 1; i < created.length; i++) assert.ok(created[i] <= created[i - 1], 'newest first');
    assert.ok(all.every((n) => n.distanceKm === null));
    assert.deepEqual(ids(await searchAll(base(), { municipalityId: far.id }, 3)), ids(all), 'pages of 3');
    const newest = await needAt(base(), far.group, 'remote', { title: unique('Ganz neu') });
    assert.equal((await searchPage(base(), { municipalityId: far.id, limit: 1 })).items[0].id, newest.id, 'the newest first');
  });

  test('a cursor of the other kind of search is refused (400 bad-cursor)', async () => {
    const plain = await searchPage(base(), { municipalityId: far.id, limit: 1 });
    const radius = await searchPage(base(), { lat: MUNICH.lat, lon: MUNICH.lon, limit: 1 });
    assert.equal(typeof plain.nextCursor, 'string');
    assert.equal(typeof radius.nextCursor, 'string');
    const p1 = await expectProblem(await http(base(), `/api/v1/needs?${query({ lat: MUNICH.lat, lon: MUNICH.lon, cursor: plain.nextCursor })}`), 400, 'a newest-first cursor');
    const p2 = await expectProblem(await http(base(), `/api/v1/needs?${query({ municipalityId: far.id, cursor: radius.nextCursor })}`), 400, 'a radius cursor');
    assert.deepEqual([problemCode(p1), problemCode(p2)], ['bad-cursor', 'bad-cursor']);
  });
});

describe('filters', () => {
  const berlinDate = (ms: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
  let sport: any, culture: any, animals: any;
  const around = { lat: INGOLSTADT.lat, lon: INGOLSTADT.lon, radiusKm: 5 };

  before(async () => {
    const g = far.group;
    sport = await needAt(base(), g, north(INGOLSTADT, 0.5), { category: 'sport', title: unique('Sportfest'), shifts: [shiftAt(10, 3, 9)] });
    culture = await needAt(base(), g, north(INGOLSTADT, 1), { category: 'culture', title: unique('Konzert'), shifts: [shiftAt(20, 3, 9)] });
    animals = await needAt(base(), g, north(INGOLSTADT, 1.5), { category: 'animals', title: unique('Tierheim'), shifts: [shiftAt(30, 3, 9), shiftAt(31, 3, 9)] });
  });

  test('category: one, several', async () => {
    assert.deepEqual(ids(await searchAll(base(), around)), [sport.id, culture.id, animals.id], 'all three, nearest first');
    assert.deepEqual(ids(await searchAll(base(), { ...around, category: 'sport' })), [sport.id]);
    assert.deepEqual(ids(await searchAll(base(), { ...around, category: 'animals,sport' })), [sport.id, animals.id]);
    assert.deepEqual(ids(await searchAll(base(), { ...around, category: 'reading' })), []);
    const demo = await searchAll(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 20, category: 'animals,reading' });
    assert.ok(demo.length >= 4, 'demo needs of both categories');
    assert.deepEqual([...new Set(demo.map((n) => n.category))].sort(), ['animals', 'reading']);
  });

  test('from and to: dates (Berlin days) and instants', async () => {
    const day = (n: number) => berlinDate(daysAhead(n, 9));
    assert.deepEqual(ids(await searchAll(base(), { ...around, from: day(15) })), [culture.id, animals.id], 'from a date');
    assert.deepEqual(ids(await searchAll(base(), { ...around, to: day(15) })), [sport.id], 'to a date');
    assert.deepEqual(ids(await searchAll(base(), { ...around, from: day(15), to: day(25) })), [culture.id], 'a range');
    assert.deepEqual(ids(await searchAll(base(), { ...around, from: day(20), to: day(20) })), [culture.id], 'one day: its shift that day');
    assert.deepEqual(ids(await searchAll(base(), { ...around, from: day(10), to: day(10) })), [sport.id], 'the last day of a to-date counts');
    assert.deepEqual(ids(await searchAll(base(), { ...around, from: iso(daysAhead(25, 9)) })), [animals.id], 'from an instant');
    assert.deepEqual(ids(await searchAll(base(), { ...around, to: iso(daysAhead(20, 9) + HOUR) })), [sport.id, culture.id], 'to an instant');
    const offset = (ms: number) => iso(ms + 2 * HOUR).replace('Z', '+02:00');
    const tenOClock = daysAhead(20, 10); // within the shift from 09:00Z to 11:00Z
    assert.deepEqual(ids(await searchAll(base(), { ...around, from: offset(tenOClock), to: offset(tenOClock + 60_000) })), [culture.id], 'instants with an offset');
    assert.deepEqual(ids(await searchAll(base(), { ...around, from: iso(daysAhead(20, 11)), to: iso(daysAhead(20, 12)) })), [], 'after its end');
    assert.deepEqual(ids(await searchAll(base(), { ...around, from: day(40) })), [], 'nothing after the last shift');
  });

  test('municipalityId: restricts; an unknown id gives an empty list', async () => {
    assert.deepEqual(ids(await searchAll(base(), { ...around, municipalityId: far.id })), [sport.id, culture.id, animals.id]);
    assert.deepEqual(ids(await searchAll(base(), { ...around, municipalityId: M })), []);
    assert.deepEqual(await searchPage(base(), { municipalityId: '99999999' }), { items: [], nextCursor: null });
  });

  test('remote: found at the municipality\'s centre; true shows only them, false hides them', async () => {
    const remote = await needAt(base(), far.group, 'remote', { title: unique('Telefonkette') });
    const onSite = await needAt(base(), far.group, north(MUNICH, 0.3), { title: unique('Vor Ort') });
    const here = { lat: MUNICH.lat, lon: MUNICH.lon, radiusKm: 1 };
    const all = await searchAll(base(), here);
    assert.ok(ids(all).includes(remote.id) && ids(all).includes(onSite.id), 'both by default');
    const r = all.find((n) => n.id === remote.id);
    assert.equal(r.location, null);
    assert.equal(r.distanceKm, 0, 'a remote need lies at its municipality\'s centre');
    assertNearestFirst(all, MUNICH, 1, centreOf, 'around Munich');
    const onlyRemote = await searchAll(base(), { ...here, remote: true });
    assert.ok(ids(onlyRemote).includes(remote.id) && onlyRemote.every((n) => n.remote === true), 'remote=true: only remote needs');
    const noRemote = await searchAll(base(), { ...here, remote: false });
    assert.ok(ids(noRemote).includes(onSite.id) && noRemote.every((n) => n.remote === false && n.location), 'remote=false: only needs with a place');
    // Remote needs of Gütersloh are found around Gütersloh, not around Munich.
    const demoRemote = await searchAll(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 5, remote: true });
    assert.ok(demoRemote.length >= 3 && demoRemote.every((n) => n.municipalityId === M && n.remote), `the demo's remote needs (${demoRemote.length})`);
  });
});

describe('keywords', () => {
  let upper: any, ascii: any, inDescription: any, inGroupName: any;
  before(async () => {
    upper = await needAt(base(), groupM, north(GUETERSLOH, 0.1), { title: 'BÜCHEREI Vorlesestunde', category: 'reading' });
    ascii = await needAt(base(), groupM, north(GUETERSLOH, 0.2), { title: 'Buecherei', category: 'reading' });
    inDescription = await needAt(base(), groupM, north(GUETERSLOH, 0.3), {
      title: unique('Kleintiere'), description: 'Wir füttern die Zwergkaninchen im Streichelzoo und misten aus.', category: 'animals',
    });
    const quendel = await approvedGroup(server, coordinatorM, M, 'Quendelkraut Leseclub');
    inGroupName = await needAt(base(), quendel, north(GUETERSLOH, 0.4), { title: unique('Lesung') });
  });

  /** Every item has, for each folded query word, a word of title, description or group name beginning with it. */
  function assertMatches(items: any[], q: string) {
    for (const n of items) {
      const words = wordsOf(foldGerman(`${n.title} ${n.description} ${n.organization.name}`));
      for (const w of wordsOf(foldGerman(q))) {
        assert.ok(words.some((x) => x.startsWith(w)), `"${n.title}" matches the word ${w} of q=${q}`);
      }
    }
  }

  test('"Bücherei" finds "BÜCHEREI" and "Buecherei"; "büch" as a prefix too', async () => {
    for (const q of ['Bücherei', 'bücherei', 'BUECHEREI', 'büch', 'Buech']) {
      const found = await searchAll(base(), { q });
      assert.ok(ids(found).includes(upper.id), `q=${q} finds "BÜCHEREI Vorlesestunde"`);
      assert.ok(ids(found).includes(ascii.id), `q=${q} finds "Buecherei"`);
      assertMatches(found, q);
      assert.ok(found.every((n) => n.distanceKm === null), 'no centre, no distance');
    }
    const demo = await searchAll(base(), { q: 'Kinderbücherei' });
    assert.ok(demo.some((n) => n.title === 'Vorlesepatinnen und -paten für die Kinderbücherei'), 'the demo need');
  });

  test('every word must match (AND); description and group name count', async () => {
    assert.deepEqual(ids(await searchAll(base(), { q: 'Bücherei Vorlesestunde' })), [upper.id], 'both words: only the first');
    assert.deepEqual(ids(await searchAll(base(), { q: 'vorlesestunde bücherei' })), [upper.id], 'in any order');
    assert.deepEqual(ids(await searchAll(base(), { q: 'Bücherei Xylophonunterricht' })), [], 'a word nothing has');
    assert.deepEqual(ids(await searchAll(base(), { q: 'zwergkaninchen' })), [inDescription.id], 'a word of the description');
    assert.deepEqual(ids(await searchAll(base(), { q: 'Quendelkraut' })), [inGroupName.id], 'a word of the group\'s name');
    assert.deepEqual(ids(await searchAll(base(), { q: 'ücherei' })).filter((id) => id === upper.id || id === ascii.id), [], 'the middle of a word does not match');
  });

  test('combined with the radius, a category and the municipality', async () => {
    const near = await searchAll(base(), { q: 'Bücherei', lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 1 });
    assert.ok(ids(near).includes(upper.id) && ids(near).includes(ascii.id), 'both in the circle');
    assertNearestFirst(near, GUETERSLOH, 1, centreOf, 'q with a radius');
    assertMatches(near, 'Bücherei');
    assert.ok(ids(near).indexOf(upper.id) < ids(near).indexOf(ascii.id), 'nearest first');
    assert.deepEqual(ids(await searchAll(base(), { q: 'Bücherei', lat: MUNICH.lat, lon: MUNICH.lon, radiusKm: 50 })), [], 'none around Munich');
    assert.deepEqual(ids(await searchAll(base(), { q: 'Bücherei Vorlesestunde', municipalityId: far.id })), []);
    assert.ok(ids(await searchAll(base(), { q: 'Bücherei', municipalityId: M, category: 'reading' })).includes(ascii.id));
    assert.ok(!ids(await searchAll(base(), { q: 'Bücherei', category: 'animals' })).includes(ascii.id));
  });

  test('keyword results page like the others, alone and with a radius', async () => {
    for (const params of [{ q: 'die' }, { q: 'die', lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 20 }]) {
      const whole = await searchAll(base(), params, 100);
      assert.ok(whole.length > 10, `q=die finds many demo needs (${whole.length})`);
      assert.deepEqual(ids(await searchAll(base(), params, 4)), ids(whole), `pages of 4: ${JSON.stringify(params)}`);
    }
  });

  test('a changed title is found by its new words, no longer by the old', async () => {
    await expectJson(await call(base(), 'PATCH', `/api/v1/needs/${ascii.id}`, { as: groupM.admin, body: { title: 'Buecherei Flohmarktstand' } }), 200, 'rename');
    assert.ok(ids(await searchAll(base(), { q: 'flohmarktstand' })).includes(ascii.id), 'the new word');
    await expectJson(await call(base(), 'PATCH', `/api/v1/needs/${ascii.id}`, { as: groupM.admin, body: { title: 'Buecherei' } }), 200, 'back');
    assert.ok(!ids(await searchAll(base(), { q: 'flohmarktstand' })).includes(ascii.id), 'the old word is gone');
  });
});

describe('what is never found', () => {
  async function foundNear(p: Point, id: string, q: string) {
    const byRadius = ids(await searchAll(base(), { lat: p.lat, lon: p.lon, radiusKm: 2 })).includes(id);
    const byWord = ids(await searchAll(base(), { q })).includes(id);
    const byTown = ids(await searchAll(base(), { municipalityId: far.id })).includes(id);
    assert.equal(byWord, byRadius, `found by keyword as by radius (${q})`);
    assert.equal(byTown, byRadius, `found by municipality as by radius (${q})`);
    return byRadius;
  }

  test('cancelled and completed needs', async () => {
    const c = await needAt(base(), far.group, REGENSBURG, { title: 'Abgesagtes Gesuch Regenbogenforelle' });
    const d = await needAt(base(), far.group, REGENSBURG, { title: 'Erledigtes Gesuch Regenpfeifer' });
    assert.ok(await foundNear(REGENSBURG, c.id, 'Regenbogenforelle'), 'found while published');
    assert.ok(await foundNear(REGENSBURG, d.id, 'Regenpfeifer'), 'found while published');
    await expectJson(await call(base(), 'POST', `/api/v1/needs/${c.id}/cancel`, { as: far.group.admin, body: { reason: 'Fällt aus.' } }), 200, 'cancel');
    await expectJson(await call(base(), 'POST', `/api/v1/needs/${d.id}/complete`, { as: far.group.admin }), 200, 'complete');
    assert.equal(await foundNear(REGENSBURG, c.id, 'Regenbogenforelle'), false, 'cancelled');
    assert.equal(await foundNear(REGENSBURG, d.id, 'Regenpfeifer'), false, 'completed');
  });

  test('a need waiting for review, until it is approved', async () => {
    const moderate = (moderation: string) => call(base(), 'PATCH', `/api/v1/municipalities/${far.id}`, { as: far.coordinator, body: { moderation } });
    await expectJson(await moderate('pre'), 200, 'pre-moderation');
    let need: any;
    try {
      need = await createNeed(base(), far.group.admin, far.group.id, { ...{ remote: false, location: { lat: PASSAU.lat, lon: PASSAU.lon, address: null, placeName: 'Passau' } }, title: 'Wartet Zaunkönigfütterung' });
    } finally {
      await expectJson(await moderate('none'), 200, 'no pre-moderation');
    }
    assert.equal(need.status, 'pending_review');
    assert.equal(await foundNear(PASSAU, need.id, 'Zaunkönigfütterung'), false, 'pending_review is not found');
    await expectJson(await call(base(), 'POST', `/api/v1/needs/${need.id}/approve`, { as: far.coordinator }), 200, 'approve');
    assert.ok(await foundNear(PASSAU, need.id, 'Zaunkönigfütterung'), 'found once published');
  });

  test('the needs of a suspended group, until it is reinstated', async () => {
    const group = await approvedGroup(server, far.coordinator, far.id, 'Bald gesperrt');
    const need = await needAt(base(), group, LANDSHUT, { title: 'Gesperrt Wiedehopfzählung' });
    assert.ok(await foundNear(LANDSHUT, need.id, 'Wiedehopfzählung'));
    await decide(base(), far.coordinator, group.id, 'suspend', 'Prüfung');
    assert.equal(await foundNear(LANDSHUT, need.id, 'Wiedehopfzählung'), false, 'suspended');
    await decide(base(), far.coordinator, group.id, 'reinstate');
    assert.ok(await foundNear(LANDSHUT, need.id, 'Wiedehopfzählung'), 'reinstated');
  });

  test('a need whose last shift has begun; one with a shift still to come stays', async () => {
    const place = north(REGENSBURG, 10);
    const start = Math.ceil((Date.now() + 6_000) / 1000) * 1000;
    const soon = { start: iso(start), end: iso(start + HOUR), capacity: 2 };
    const past = await needAt(base(), far.group, place, { title: 'Vorbei Kranichzug', shifts: [soon] });
    const half = await needAt(base(), far.group, place, { title: 'Halb vorbei Kranichzug', shifts: [soon, shiftAt(5)] });
    assert.ok(await foundNear(place, past.id, 'Kranichzug') && await foundNear(place, half.id, 'Kranichzug'), 'both found before the start');
    await waitUntil(start);
    assert.equal(await foundNear(place, past.id, 'Kranichzug'), false, 'its only shift has begun');
    assert.ok(await foundNear(place, half.id, 'Kranichzug'), 'a shift is still to come');
  });
});

describe('invalid queries: problem+json in German and English, never 500', () => {
  const g = `lat=${GUETERSLOH.lat}&lon=${GUETERSLOH.lon}`;

  test('the position', async () => {
    await invalid(`lat=${GUETERSLOH.lat}`, ['lon']);
    await invalid(`lon=${GUETERSLOH.lon}`, ['lat']);
    await invalid(`lat=${GUETERSLOH.lat}&lon=`, ['lon']);
    await invalid(`lat=abc&lon=8`, ['lat']);
    await invalid(`lat=91&lon=8`, ['lat']);
    await invalid(`lat=-90.5&lon=8`, ['lat']);
    await invalid(`lat=51&lon=180.5`, ['lon']);
    await invalid(`lat=NaN&lon=8`, ['lat']);
    await invalid(`lat=51&lon=Infinity`, ['lon']);
    await invalid(`lat=1e999&lon=8`, ['lat']);
  });

  test('the radius', async () => {
    for (const r of ['0.4', '101', 'abc', '0', '-5', '100.01', '']) {
      if (r === '') continue;
      await invalid(`${g}&radiusKm=${r}`, ['radiusKm']);
    }
    await invalid(`municipalityId=1&radiusKm=5`, ['radiusKm']); // a radius without a centre
    for (const r of ['0.5', '100']) await searchPage(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: r });
  });

  test('something to search for is required', async () => {
    await invalid('', NO_FILTER_FIELDS);
    await invalid('category=sport', NO_FILTER_FIELDS);
    await invalid('remote=true&limit=5', NO_FILTER_FIELDS);
  });

  test('category, remote, limit', async () => {
    await invalid(`${g}&category=nonsense`, ['category']);
    await invalid(`${g}&category=sport,nonsense`, ['category']);
    await invalid(`${g}&category=SPORT`, ['category']);
    await invalid(`${g}&remote=yes`, ['remote']);
    await invalid(`${g}&limit=0`, ['limit']);
    await invalid(`${g}&limit=101`, ['limit']);
    await invalid(`${g}&limit=abc`, ['limit']);
    await searchPage(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, limit: 100 });
  });

  test('from and to', async () => {
    await invalid(`${g}&from=morgen`, ['from']);
    await invalid(`${g}&to=2026-13-01`, ['to']);
    await invalid(`${g}&from=2026-02-30`, ['from']);
    await invalid(`${g}&from=2030-06-02&to=2030-06-01`, FROM_AFTER_TO_FIELDS);
    await invalid(`${g}&from=${encodeURIComponent('2030-06-01T12:00:00Z')}&to=${encodeURIComponent('2030-06-01T11:59:59Z')}`, FROM_AFTER_TO_FIELDS);
    await searchPage(base(), { lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, from: '2030-06-01', to: '2030-06-01' });
  });

  test('q: too long, or without a word', async () => {
    await invalid(`q=${'a'.repeat(201)}`, ['q']);
    await invalid(`q=${encodeURIComponent('ä'.repeat(201))}`, ['q']);
    await invalid(`q=${encodeURIComponent('!!! ... ???')}`, ['q']);
    await invalid(`q=${encodeURIComponent('-')}&${g}`, ['q']);
    await searchPage(base(), { q: 'ä'.repeat(200) }); // 200 characters (400 bytes) are fine
  });

  test('a malformed cursor', async () => {
    const titles = new Set<string>();
    for (const cursor of ['kaputt', '!!', '%%%', 'x'.repeat(300), 'd', 'dxyz.1', `d${'0'.repeat(16)}.0`, `d${'f'.repeat(16)}.5`]) {
      for (const headers of [{}, { 'Accept-Language': 'en' }] as Record<string, string>[]) {
        const res = await call(base(), 'GET', `/api/v1/needs?${g}&cursor=${encodeURIComponent(cursor)}`, { headers });
        const p = await expectProblem(res, 400, `cursor=${cursor}`);
        assert.equal(problemCode(p), 'bad-cursor');
        const en = 'Accept-Language' in headers;
        assert.equal(res.headers.get('content-language'), en ? 'en' : 'de');
        titles.add(p.title);
      }
    }
    assert.equal(titles.size, 2, `a German and an English title (${[...titles]})`);
  });

  test('odd input never causes a 500', async () => {
    const odd = [
      'lat=%00&lon=%00', 'lat=51%00&lon=8', `q=%FF%FE`, `q=${encodeURIComponent('\u0000abc')}`, 'q=%C3', 'category=,,,', `${g}&category=`,
      `${g}&category=,`, `${g}&radiusKm=1e308`, `${g}&radiusKm=0x10`, `lat=51.9&lon=8.3&radiusKm=${'9'.repeat(400)}`, `${g}&limit=1e2`,
      `${g}&cursor=${'A'.repeat(5000)}`, `${g}&cursor=%FF`, `${g}&from=0000-00-00`, `${g}&from=9999-12-31&to=9999-12-31`,
      `${g}&from=${encodeURIComponent('2026-01-01T25:00:00Z')}`, `${g}&to=${encodeURIComponent('-2026-01-01T00:00:00Z')}`,
      'municipalityId=%00', `municipalityId=${'9'.repeat(30)}`, 'municipalityId=-1', 'lat=90&lon=180&radiusKm=100', 'lat=-90&lon=-180&radiusKm=100',
      'lat=0&lon=179.99&radiusKm=100', 'lat=89.999&lon=0&radiusKm=100', `q=${encodeURIComponent('"*" OR NEAR(a b) AND -x ^y')}`, `q=${encodeURIComponent("a' OR 1=1 --")}`,
      `q=${encodeURIComponent('😀 Bücherei')}`, 'lat=51.9&lat=52&lon=8.3', 'remote=&q=test', 'seed=x&q=test',
    ];
    for (const params of odd) {
      const res = await http(base(), `/api/v1/needs?${params}`);
      const text = await res.text();
      assert.ok(res.status < 500, `GET /api/v1/needs?${params.slice(0, 80)}: ${res.status} ${text.slice(0, 200)}`);
      if (res.status >= 400) checkProblemBody(mediaType(res), text, res.status, params.slice(0, 80));
      else assert.equal(res.status, 200);
    }
  });
});

describe('privacy', () => {
  test('the search position appears nowhere in the server\'s log', async () => {
    const lat = '51.91234567';
    const lon = '8.38765432';
    const before = server.stderr().length;
    await searchPage(base(), { lat, lon, radiusKm: 7 });
    await searchPage(base(), { lat, lon, radiusKm: 7, q: 'Bücherei' });
    await expectJson(await http(base(), `/api/v1/needs/discover?lat=${lat}&lon=${lon}`), 200, 'discover');
    await expectJson(await http(base(), `/api/v1/places?lat=${lat}&lon=${lon}`), 200, 'places near');
    await http(base(), `/api/v1/needs?lat=${lat}&lon=${lon}&radiusKm=1000`); // an invalid one too
    await new Promise((r) => setTimeout(r, 300));
    const log = server.stderr().slice(before);
    assert.ok(log.includes('/api/v1/needs/discover') && log.includes('/api/v1/needs'), `the access log recorded the requests:\n${log.slice(0, 500)}`);
    for (const secret of ['51.91234567', '8.38765432', '91234567', '38765432', '51.9123', '8.3876']) {
      assert.ok(!log.includes(secret), `the log holds ${secret} of the position:\n${log.split('\n').filter((l) => l.includes(secret)).join('\n')}`);
    }
  });

  test('answers with a position are not stored by caches', async () => {
    const res = await http(base(), `/api/v1/needs?lat=${GUETERSLOH.lat}&lon=${GUETERSLOH.lon}`);
    await res.text();
    assert.match(res.headers.get('cache-control') ?? '', /no-store|private/, 'Cache-Control keeps the position out of shared caches');
  });
});

// What the server names when nothing to search for is given, and when from lies after to
// (the contract says 422; the fields are the implementation's choice, fixed here).
const NO_FILTER_FIELDS = ['lat'];
const FROM_AFTER_TO_FIELDS = ['to'];
