// Open data for municipal websites: the findable needs of a municipality as GeoJSON
// (application/geo+json, [lon, lat], remote without geometry) and as an iCalendar feed (one
// VEVENT per shift to come), readable from any origin; 404 for an unknown municipality; a
// suspended group's needs vanish from both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot, startServer, type Server } from '../support/server.ts';
import { events, parseIcs, prop, utc } from './ics-support.ts';
import { approvedGroup, needBody, shiftAt } from './needs-support.ts';
import { Validator } from './schema.ts';
import { ids, needAt, north, searchAll, town, type Town } from './search-support.ts';
import {
  call, decide, DEMO, demoActor, expectJson, expectProblem, guetersloh, http, MANY_ACCOUNTS, mediaType, uniqueAgs, type Actor,
} from './support.ts';

const BASE_URL = 'https://helferkarte.example';
const doc = JSON.parse(readFileSync(join(repoRoot, 'openapi', 'openapi.json'), 'utf8'));
const validator = new Validator(doc, true);

let server: Server;
let platformAdmin: Actor;
let M = '';
let t: Town; // a municipality of the test's own, near Kassel
const KASSEL = { lat: 51.3127, lon: 9.4797 };

before(async () => {
  server = await startServer({ demo: true, args: ['--base-url', BASE_URL], env: MANY_ACCOUNTS });
  platformAdmin = await demoActor(server.url, DEMO.admin);
  M = await guetersloh(server.url);
  t = await town(server, platformAdmin, 'Offendatenstadt', KASSEL);
});
after(async () => {
  await server?.stop();
});

const base = () => server.url;

async function geojson(municipalityId: string) {
  const res = await http(base(), `/api/v1/municipalities/${municipalityId}/needs.geojson`);
  const text = await res.text();
  assert.equal(res.status, 200, text.slice(0, 300));
  assert.equal(mediaType(res), 'application/geo+json');
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const body = JSON.parse(text);
  const errors = validator.validate(body, { $ref: '#/components/schemas/NeedFeatureCollection' });
  assert.deepEqual(errors, [], 'the documented schema');
  assert.equal(body.type, 'FeatureCollection');
  return body;
}

async function ics(municipalityId: string) {
  const res = await http(base(), `/api/v1/municipalities/${municipalityId}/needs.ics`);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(res.status, 200, bytes.toString('utf8').slice(0, 300));
  assert.equal(mediaType(res), 'text/calendar');
  assert.match(res.headers.get('content-type') ?? '', /charset=utf-8/i);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  return parseIcs(bytes, `needs.ics of ${municipalityId}`);
}

/** The feature a need should give. */
function expectedFeature(n: any) {
  const next = n.shifts.find((s: any) => !s.started);
  return {
    type: 'Feature',
    id: n.id,
    geometry: n.location ? { type: 'Point', coordinates: [n.location.lon, n.location.lat] } : null,
    properties: {
      title: n.title, category: n.category, organization: n.organization.name, url: `${BASE_URL}/gesuche/${n.id}`,
      remote: n.remote, nextStart: next ? next.start : null, placesLeft: n.placesLeft, covered: n.covered, updatedAt: n.updatedAt,
    },
  };
}

describe('GeoJSON', () => {
  test('Gütersloh: exactly its findable needs, newest first, each as a feature', async () => {
    const findable = await searchAll(base(), { municipalityId: M });
    const body = await geojson(M);
    assert.ok(body.features.length >= 30, `the demo needs (${body.features.length})`);
    assert.deepEqual(body.features.map((f: any) => f.id), ids(findable), 'the same needs in the same order as the search (newest first)');
    for (const [i, n] of findable.entries()) assert.deepEqual(body.features[i], expectedFeature(n), `feature of ${n.title}`);
    const remote = body.features.filter((f: any) => f.properties.remote);
    assert.ok(remote.length >= 3 && remote.every((f: any) => f.geometry === null), 'remote needs have no geometry');
    const placed = body.features.find((f: any) => f.properties.title === 'Inklusives Sportfest in Harsewinkel');
    assert.deepEqual(placed.geometry.coordinates, [8.2312, 51.9604], '[longitude, latitude]');
  });

  test('a new need appears, a cancelled one goes; other municipalities\' needs never show', async () => {
    const a = await needAt(base(), t.group, north(KASSEL, 1), { title: 'Offene Daten: Stadtfest', shifts: [shiftAt(5), shiftAt(6)] });
    const r = await needAt(base(), t.group, 'remote', { title: 'Offene Daten: Telefonkette', category: 'phone' });
    let body = await geojson(t.id);
    assert.deepEqual(body.features.map((f: any) => f.id), [r.id, a.id], 'newest first');
    assert.deepEqual(body.features[0].geometry, null);
    assert.deepEqual(body.features[1].geometry.coordinates, [a.location.lon, a.location.lat]);
    assert.equal(body.features[1].properties.nextStart, a.shifts[0].start);
    assert.ok(!(await geojson(M)).features.some((f: any) => f.id === a.id || f.id === r.id), 'not in Gütersloh\'s feed');
    await expectJson(await call(base(), 'POST', `/api/v1/needs/${a.id}/cancel`, { as: t.group.admin, body: { reason: 'Fällt aus.' } }), 200, 'cancel');
    body = await geojson(t.id);
    assert.deepEqual(body.features.map((f: any) => f.id), [r.id], 'the cancelled need is gone');
  });

  test('a municipality without needs: an empty collection', async () => {
    const empty = await expectJson(await call(base(), 'POST', '/api/v1/municipalities', {
      as: platformAdmin, body: { name: 'Leerdorf', ags: uniqueAgs(), center: { lat: 50, lon: 10 }, contactEmail: 'r@leerdorf.example', moderation: 'none' },
    }), 201, 'create');
    assert.deepEqual(await geojson(empty.id), { type: 'FeatureCollection', features: [] });
    assert.equal(events(await ics(empty.id)).length, 0);
  });
});

describe('iCalendar', () => {
  test('Gütersloh: one VEVENT per shift to come of its findable needs, with the need\'s link', async () => {
    const findable = await searchAll(base(), { municipalityId: M });
    const cal = await ics(M);
    const evs = events(cal);
    const expected = new Map<string, any>();
    for (const n of findable) for (const s of n.shifts) if (!s.started) expected.set(s.id, { need: n, shift: s });
    assert.equal(evs.length, expected.size, 'one event per shift to come');
    for (const ev of evs) {
      const uid = prop(ev, 'UID') ?? '';
      const m = /^shift-([^@]+)@helferkarte\.example$/.exec(uid);
      assert.ok(m, `UID shift-{id}@helferkarte.example (${uid})`);
      const e = expected.get(m[1]);
      assert.ok(e, `the event ${uid} is a shift to come of a findable need`);
      assert.equal(utc(prop(ev, 'DTSTART'), 'DTSTART'), e.shift.start);
      assert.equal(utc(prop(ev, 'DTEND'), 'DTEND'), e.shift.end);
      assert.equal(prop(ev, 'URL'), `${BASE_URL}/gesuche/${e.need.id}`);
    }
  });

  test('a need of the test\'s own: both shifts, and only those to come', async () => {
    const n = await needAt(base(), t.group, north(KASSEL, 2), { title: 'Offene Daten: Kalender', shifts: [shiftAt(8, 2, 9), shiftAt(9, 2, 14)] });
    const evs = events(await ics(t.id)).filter((e) => prop(e, 'URL') === `${BASE_URL}/gesuche/${n.id}`);
    assert.deepEqual(evs.map((e) => utc(prop(e, 'DTSTART'), 'DTSTART')).sort(), n.shifts.map((s: any) => s.start).sort());
    assert.ok(evs.every((e) => prop(e, 'SUMMARY')?.includes('Kalender')));
  });
});

describe('visibility', () => {
  test('a suspended group\'s needs vanish from both feeds, and come back when it is reinstated', async () => {
    const g = await approvedGroup(server, t.coordinator, t.id, 'Offener Verein');
    const n = await needAt(base(), g, north(KASSEL, 3), { title: 'Offene Daten: Gesperrt' });
    const inGeo = async () => (await geojson(t.id)).features.some((f: any) => f.id === n.id);
    const inIcs = async () => events(await ics(t.id)).some((e) => prop(e, 'URL') === `${BASE_URL}/gesuche/${n.id}`);
    assert.ok(await inGeo() && await inIcs(), 'listed while approved');
    await decide(base(), t.coordinator, g.id, 'suspend', 'Wird geprüft.');
    assert.equal(await inGeo(), false, 'not in the GeoJSON');
    assert.equal(await inIcs(), false, 'not in the calendar');
    await decide(base(), t.coordinator, g.id, 'reinstate');
    assert.ok(await inGeo() && await inIcs(), 'listed again');
  });

  test('a need waiting for review is in neither feed', async () => {
    const moderate = (moderation: string) => call(base(), 'PATCH', `/api/v1/municipalities/${t.id}`, { as: t.coordinator, body: { moderation } });
    await expectJson(await moderate('pre'), 200, 'pre-moderation');
    let need: any;
    try {
      const res = await call(base(), 'POST', `/api/v1/organizations/${t.group.id}/needs`, {
        as: t.group.admin, body: needBody({ title: 'Offene Daten: Wartet' }),
      });
      need = await expectJson(res, 201, 'create');
    } finally {
      await expectJson(await moderate('none'), 200, 'no pre-moderation');
    }
    assert.equal(need.status, 'pending_review');
    assert.ok(!(await geojson(t.id)).features.some((f: any) => f.id === need.id));
    assert.ok(!events(await ics(t.id)).some((e) => prop(e, 'URL')?.endsWith(`/gesuche/${need.id}`)));
  });

  test('an unknown municipality: 404 problem, readable from any origin', async () => {
    for (const id of ['99999999', 'gibt-es-nicht', '0']) {
      for (const feed of ['needs.geojson', 'needs.ics']) {
        const res = await http(base(), `/api/v1/municipalities/${id}/${feed}`);
        assert.equal(res.headers.get('access-control-allow-origin'), '*', `${id}/${feed}: CORS on the 404 too`);
        await expectProblem(res, 404, `${id}/${feed}`);
      }
    }
  });
});
