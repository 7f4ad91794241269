// Entdecken (GET /api/v1/needs/discover): the findable needs around a point, ordered so that
// the first screen mixes categories; the same seed gives the same order; covered needs come
// after the uncovered ones of their category; invalid queries are problems in both languages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import { joinAs, shiftAt, verifiedFast } from './needs-support.ts';
import { GUETERSLOH, ids, needAt, north, query, searchAll, town, type Point } from './search-support.ts';
import {
  call, checkProblemBody, DEMO, demoActor, expectJson, expectValidationInBothLanguages, http, mediaType, type Actor, startDemoServer,
} from './support.ts';

let server: Server;
let platformAdmin: Actor;

before(async () => {
  server = await startDemoServer();
  platformAdmin = await demoActor(server.url, DEMO.admin);
});
after(async () => {
  await server?.stop();
});

const base = () => server.url;

async function discover(params: Record<string, string | number | undefined>, who: Actor | null = null): Promise<any[]> {
  const path = `/api/v1/needs/discover?${query(params)}`;
  const body = await expectJson(await call(base(), 'GET', path, { as: who }), 200, `GET ${path}`);
  assert.deepEqual(Object.keys(body), ['items'], 'only items, no cursor');
  return body.items;
}

const around = (p: Point, extra: Record<string, string | number | undefined> = {}) => ({ lat: p.lat, lon: p.lon, ...extra });

describe('around Gütersloh on the demo data', () => {
  test('findable needs within the radius (default 25 km, 20 items), each once, with distanceKm', async () => {
    const items = await discover({ ...around(GUETERSLOH), seed: 'demo-seed-1' });
    assert.equal(items.length, 20, 'the default limit of 20 (the demo has more needs within 25 km)');
    assert.equal(new Set(ids(items)).size, items.length, 'no need twice');
    const findable = new Map((await searchAll(base(), { ...around(GUETERSLOH), radiusKm: 25 })).map((n) => [n.id, n]));
    for (const n of items) {
      assert.ok(findable.has(n.id), `${n.title} is findable within 25 km`);
      assert.equal(n.distanceKm, findable.get(n.id).distanceKm, `${n.title}: the same distance as the search gives`);
      assert.ok(n.distanceKm <= 25);
      assert.equal(n.status, 'published');
    }
    const wide = await discover({ ...around(GUETERSLOH), seed: 'demo-seed-1', limit: 50 });
    assert.ok(wide.length > 20 && wide.length <= 50, `up to 50 (${wide.length})`);
    const near = await discover({ ...around(GUETERSLOH), seed: 'demo-seed-1', radiusKm: 2, limit: 50 });
    assert.ok(near.length > 0 && near.every((n) => n.distanceKm <= 2), 'a smaller radius');
    assert.ok(near.length < wide.length);
  });

  test('the first six cover at least five categories, for any seed and also without one', async () => {
    for (const seed of ['a', 'demo-seed-1', 'Zufall_42', 'x'.repeat(64), undefined]) {
      const items = await discover({ ...around(GUETERSLOH), seed });
      const categories = new Set(items.slice(0, 6).map((n) => n.category));
      assert.ok(categories.size >= 5, `seed ${seed}: ${categories.size} categories among the first six (${[...categories]})`);
    }
  });

  test('the same seed gives the same order; a signed-in user without a seed too', async () => {
    for (const seed of ['stabil', 'noch-ein-Seed']) {
      const one = ids(await discover({ ...around(GUETERSLOH), seed, limit: 50 }));
      const two = ids(await discover({ ...around(GUETERSLOH), seed, limit: 50 }));
      assert.deepEqual(two, one, `seed ${seed}: the same order twice`);
      const first = ids(await discover({ ...around(GUETERSLOH), seed, limit: 3 }));
      assert.deepEqual(first, one.slice(0, 3), 'a smaller limit gives the beginning of the same order');
    }
    const volunteer = await demoActor(base(), DEMO.volunteer);
    const a = ids(await discover(around(GUETERSLOH), volunteer));
    const b = ids(await discover(around(GUETERSLOH), volunteer));
    assert.deepEqual(b, a, 'a user\'s order is stable without a seed');
    const anonymous = ids(await discover(around(GUETERSLOH)));
    assert.deepEqual(ids(await discover(around(GUETERSLOH))), anonymous, 'without seed and session: the order of the day');
  });

  test('a category filter', async () => {
    const items = await discover({ ...around(GUETERSLOH), category: 'animals,reading', limit: 50 });
    assert.ok(items.length >= 4, `demo needs of both (${items.length})`);
    assert.deepEqual([...new Set(items.map((n) => n.category))].sort(), ['animals', 'reading']);
  });

  test('a session only adds mySignup', async () => {
    const volunteer = await demoActor(base(), DEMO.volunteer);
    const items = await discover({ ...around(GUETERSLOH), seed: 's', limit: 50 }, volunteer);
    assert.ok(items.some((n) => n.shifts.some((s: any) => s.mySignup !== null)), 'the demo volunteer sees her sign-ups');
    const anon = await discover({ ...around(GUETERSLOH), seed: 's', limit: 50 });
    assert.ok(anon.every((n) => n.shifts.every((s: any) => s.mySignup === null)));
    assert.deepEqual(ids(anon), ids(items), 'the same order with a seed');
  });
});

describe('ranking on needs a test owns', () => {
  const NUREMBERG = { lat: 49.4521, lon: 11.0767 };

  test('covered needs come after the uncovered ones of their category; nothing outside the radius', async () => {
    const t = await town(server, platformAdmin, 'Entdeckhausen', NUREMBERG);
    const volunteer = await verifiedFast(server, 'discover-volunteer');
    // Two sport needs at the same place and time, one of them full.
    const full = await needAt(base(), t.group, north(NUREMBERG, 0.2), { category: 'sport', title: 'Voll besetzt', shifts: [shiftAt(3, 1)] });
    await joinAs(base(), volunteer, full.shifts[0].id, 'confirmed');
    const open = await needAt(base(), t.group, north(NUREMBERG, 0.2), { category: 'sport', title: 'Noch Plätze frei', shifts: [shiftAt(3, 1)] });
    const other = await needAt(base(), t.group, north(NUREMBERG, 1), { category: 'culture', title: 'Anderes Thema', shifts: [shiftAt(4, 2)] });
    const outside = await needAt(base(), t.group, north(NUREMBERG, 8), { category: 'sport', title: 'Zu weit', shifts: [shiftAt(3, 2)] });
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const items = await discover({ ...around(NUREMBERG), radiusKm: 5, seed });
      assert.deepEqual(ids(items).sort(), [full.id, open.id, other.id].sort(), `seed ${seed}: the three within 5 km`);
      assert.ok(ids(items).indexOf(open.id) < ids(items).indexOf(full.id), `seed ${seed}: the uncovered before the covered one`);
      assert.equal(items.find((n) => n.id === full.id).covered, true);
    }
    const wide = await discover({ ...around(NUREMBERG), radiusKm: 10 });
    assert.ok(ids(wide).includes(outside.id), 'found with a wider radius');
  });
});

describe('invalid queries: problem+json in German and English, never 500', () => {
  const invalid = (params: string, fields: string[]) =>
    expectValidationInBothLanguages((h) => call(base(), 'GET', `/api/v1/needs/discover?${params}`, { headers: h }), fields, `discover?${params}`);
  const g = `lat=${GUETERSLOH.lat}&lon=${GUETERSLOH.lon}`;

  test('position, radius, category, seed, limit', async () => {
    await invalid('', ['lat', 'lon']);
    await invalid('seed=abc', ['lat', 'lon']);
    await invalid(`lat=${GUETERSLOH.lat}`, ['lon']);
    await invalid(`lon=${GUETERSLOH.lon}`, ['lat']);
    await invalid('lat=91&lon=8', ['lat']);
    await invalid('lat=51&lon=x', ['lon']);
    for (const r of ['0.4', '101', 'abc', '-1']) await invalid(`${g}&radiusKm=${r}`, ['radiusKm']);
    await invalid(`${g}&category=nonsense`, ['category']);
    for (const seed of ['x'.repeat(65), 'mit Leerzeichen', 'ä', 'a.b', 'a/b']) await invalid(`${g}&seed=${encodeURIComponent(seed)}`, ['seed']);
    for (const limit of ['0', '51', 'zehn']) await invalid(`${g}&limit=${limit}`, ['limit']);
    await invalid(`lat=91&${g.split('&')[1]}&radiusKm=0&limit=0&seed=%20`, ['lat', 'radiusKm', 'limit', 'seed']);
    for (const ok of ['radiusKm=0.5', 'radiusKm=100', 'limit=1', 'limit=50', 'seed=A-z_0']) {
      await expectJson(await http(base(), `/api/v1/needs/discover?${g}&${ok}`), 200, ok);
    }
  });

  test('odd input never causes a 500', async () => {
    for (const params of [`${g}&seed=%00`, `${g}&seed=%FF`, 'lat=%00&lon=1', `${g}&category=,,`, 'lat=90&lon=180&radiusKm=100', 'lat=-90&lon=0&radiusKm=100',
      `${g}&radiusKm=1e400`, `${g}&limit=99999999999999999999`, `${g}&cursor=x`]) {
      const res = await http(base(), `/api/v1/needs/discover?${params}`);
      const text = await res.text();
      assert.ok(res.status < 500, `${params}: ${res.status} ${text.slice(0, 200)}`);
      if (res.status >= 400) checkProblemBody(mediaType(res), text, res.status, params);
    }
  });
});
