// Places from the shipped GeoNames data (GET /api/v1/places): by name, folded ("guetersloh"
// finds Gütersloh), and near a point, biggest first; the installation's site info
// (GET /api/v1/site) without and with a configured tile server, whose origin the CSP then
// allows for images.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { distanceKm, GUETERSLOH, query } from './search-support.ts';
import { checkProblemBody, expectJson, expectValidationInBothLanguages, http, mediaType } from './support.ts';

let server: Server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const base = () => server.url;

async function places(params: Record<string, string | number | undefined>): Promise<any[]> {
  const path = `/api/v1/places?${query(params)}`;
  const body = await expectJson(await http(base(), path), 200, `GET ${path}`);
  assert.deepEqual(Object.keys(body), ['items']);
  for (const p of body.items) {
    assert.deepEqual(Object.keys(p).sort(), ['lat', 'lon', 'name', 'population', 'state'], `${path}: the fields of a place`);
    assert.equal(typeof p.name, 'string');
    assert.ok(Number.isFinite(p.lat) && Number.isFinite(p.lon));
    assert.ok(Number.isInteger(p.population) && p.population >= 0);
    assert.ok(p.state === null || typeof p.state === 'string');
  }
  return body.items;
}

const invalid = (params: string, fields: string[]) =>
  expectValidationInBothLanguages((h) => http(base(), `/api/v1/places?${params}`, { headers: h }), fields, `places?${params}`);

describe('by name', () => {
  test('Gütersloh however it is typed', async () => {
    for (const q of ['Gütersloh', 'guetersloh', 'GÜTERSLOH', 'gutersloh', 'Güters', '  Gütersloh  ']) {
      const items = await places({ q });
      assert.ok(items.length >= 1, `q=${q} finds something`);
      const first = items[0];
      assert.equal(first.name, 'Gütersloh', `q=${q}: Gütersloh first (got ${items.map((p) => p.name).join(', ')})`);
      assert.ok(Math.abs(first.lat - 51.907) < 0.01 && Math.abs(first.lon - 8.379) < 0.01, `q=${q}: at 51.907/8.379 (${first.lat}/${first.lon})`);
      assert.equal(first.state, 'Nordrhein-Westfalen');
      assert.ok(first.population > 50_000, `Gütersloh is a town (${first.population})`);
    }
  });

  test('Rheda finds Rheda-Wiedenbrück; a later word of a name counts too', async () => {
    assert.equal((await places({ q: 'Rheda' }))[0]?.name, 'Rheda-Wiedenbrück');
    assert.equal((await places({ q: 'rheda-wiedenbrueck' }))[0]?.name, 'Rheda-Wiedenbrück');
    assert.ok((await places({ q: 'Wiedenbrück', limit: 20 })).some((p) => p.name === 'Rheda-Wiedenbrück'), 'by its second word');
    assert.equal((await places({ q: 'Bielefeld' }))[0]?.name, 'Bielefeld');
    assert.equal((await places({ q: 'München' }))[0]?.name, 'München');
    assert.equal((await places({ q: 'muenchen' }))[0]?.name, 'München');
  });

  test('exact names first, then the biggest; at most limit (default 8, at most 20)', async () => {
    const many = await places({ q: 'Bad' });
    assert.equal(many.length, 8, 'the default limit');
    assert.equal((await places({ q: 'Bad', limit: 3 })).length, 3);
    assert.equal((await places({ q: 'Bad', limit: 20 })).length, 20);
    const starting = many.filter((p) => p.name !== 'Bad');
    for (let i = 1; i < starting.length; i++) assert.ok(starting[i].population <= starting[i - 1].population, `biggest first: ${starting.map((p) => `${p.name} ${p.population}`)}`);
    for (const p of many) assert.ok(/(^|[\s-])bad/i.test(p.name), `${p.name} has a word beginning with "Bad"`);
  });

  test('only German places; a postal code or nonsense finds nothing (200, empty)', async () => {
    assert.deepEqual(await places({ q: '33330' }), []);
    assert.deepEqual(await places({ q: 'Xyzzyquux' }), []);
    assert.ok(!(await places({ q: 'Paris', limit: 20 })).some((p) => p.name === 'Paris'), 'Paris is not in Germany');
    const wien = await places({ q: 'Wien', limit: 20 });
    assert.ok(!wien.some((p) => p.name === 'Wien'), 'nor is Vienna');
  });

  test('invalid: too long, too many, missing', async () => {
    await invalid(`q=${'a'.repeat(101)}`, ['q']);
    await invalid(`q=${encodeURIComponent('ü'.repeat(101))}`, ['q']);
    await places({ q: 'ü'.repeat(100) });
    await invalid('q=Bad&limit=21', ['limit']);
    await invalid('q=Bad&limit=0', ['limit']);
    await invalid('q=Bad&limit=viele', ['limit']);
    await invalid('', ['q']);
    await invalid('q=', ['q']);
    await invalid('limit=5', ['q']);
  });
});

describe('near a point', () => {
  test('within the radius, the biggest first', async () => {
    const items = await places({ lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 30 });
    assert.ok(items.length > 20 && items.length <= 200, `many places around Gütersloh (${items.length})`);
    for (const p of items) assert.ok(distanceKm(GUETERSLOH, p) <= 30.05, `${p.name} lies within 30 km (${distanceKm(GUETERSLOH, p).toFixed(2)})`);
    for (let i = 1; i < items.length; i++) assert.ok(items[i].population <= items[i - 1].population, `biggest first (${items[i - 1].name}, ${items[i].name})`);
    assert.equal(items[0].name, 'Bielefeld', 'Bielefeld is the biggest within 30 km');
    const names = items.map((p) => p.name);
    for (const n of ['Gütersloh', 'Rheda-Wiedenbrück', 'Verl', 'Harsewinkel']) assert.ok(names.includes(n), `${n} is near`);
    assert.ok(!names.includes('Paderborn'), 'Paderborn (about 33 km) is not');
    assert.ok((await places({ lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, radiusKm: 50, limit: 500 })).some((p) => p.name === 'Paderborn'), 'within 50 km it is');
  });

  test('minPopulation, limit, default radius', async () => {
    const big = await places({ lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, minPopulation: 100000 });
    assert.ok(big.length >= 1 && big.every((p) => p.population >= 100000));
    assert.ok(big.some((p) => p.name === 'Bielefeld') && !big.some((p) => p.name === 'Gütersloh'), 'Bielefeld, not Gütersloh (96,180)');
    assert.equal((await places({ lat: GUETERSLOH.lat, lon: GUETERSLOH.lon, limit: 2 })).length, 2);
    const dflt = await places({ lat: GUETERSLOH.lat, lon: GUETERSLOH.lon });
    assert.ok(dflt.every((p) => distanceKm(GUETERSLOH, p) <= 30.05), 'the default radius is 30 km');
    assert.ok(dflt.length <= 200);
    const sea = await places({ lat: 54.5, lon: 6.0, radiusKm: 10 });
    assert.deepEqual(sea, [], 'nothing in the North Sea');
  });

  test('invalid numbers and a missing coordinate', async () => {
    const g = `lat=${GUETERSLOH.lat}&lon=${GUETERSLOH.lon}`;
    await invalid(`lat=${GUETERSLOH.lat}`, ['lon']);
    await invalid(`lon=${GUETERSLOH.lon}`, ['lat']);
    await invalid('lat=95&lon=8', ['lat']);
    await invalid('lat=51&lon=abc', ['lon']);
    for (const r of ['0.5', '101', 'weit']) await invalid(`${g}&radiusKm=${r}`, ['radiusKm']);
    await invalid(`${g}&minPopulation=-1`, ['minPopulation']);
    await invalid(`${g}&minPopulation=1.5`, ['minPopulation']);
    await invalid(`${g}&limit=501`, ['limit']);
    await invalid(`${g}&limit=0`, ['limit']);
  });

  test('odd input never causes a 500', async () => {
    for (const params of ['q=%00', 'q=%FF%FE', 'q=%C3', `q=${encodeURIComponent('😀')}`, `q=${encodeURIComponent('%_*"\'')}`, 'lat=%00&lon=1',
      'lat=90&lon=180&radiusKm=100', 'lat=-90&lon=-180&radiusKm=100', 'lat=0&lon=0', `lat=51&lon=8&minPopulation=${'9'.repeat(40)}`, 'lat=1e999&lon=1']) {
      const res = await http(base(), `/api/v1/places?${params}`);
      const text = await res.text();
      assert.ok(res.status < 500, `${params}: ${res.status} ${text.slice(0, 200)}`);
      if (res.status >= 400) checkProblemBody(mediaType(res), text, res.status, params);
    }
  });
});

function imgSrc(res: Response): string {
  const csp = res.headers.get('content-security-policy') ?? '';
  return csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src')) ?? '';
}

describe('the site', () => {
  test('without a tile server: no tiles; the GeoNames licence; not cached', async () => {
    const res = await http(base(), '/api/v1/site');
    const body = await expectJson(res.clone(), 200, 'site');
    assert.deepEqual(body, {
      map: { tileUrl: null, attribution: null },
      places: { source: 'GeoNames', sourceUrl: body.places.sourceUrl, license: 'CC BY 4.0', licenseUrl: body.places.licenseUrl },
    });
    assert.match(body.places.sourceUrl, /^https:\/\/(www\.)?geonames\.org\/?$/);
    assert.match(body.places.licenseUrl, /^https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/?/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.ok(!imgSrc(res).includes('tiles.example.org'), `img-src without tiles: ${imgSrc(res)}`);
    assert.ok(!/img-src[^;]*(https?:|\*)/.test(imgSrc(res)), `no foreign image origin: ${imgSrc(res)}`);
  });

  test('with map.tile_url and map.attribution: both, and img-src allows the tile origin', async () => {
    const tiles = await startServer({
      env: { HELFERKARTE_MAP_TILE_URL: 'https://tiles.example.org/osm/{z}/{x}/{y}.png', HELFERKARTE_MAP_ATTRIBUTION: '© Beispiel-Kacheln, Daten © OpenStreetMap' },
    });
    try {
      const res = await http(tiles.url, '/api/v1/site');
      const body = await expectJson(res.clone(), 200, 'site with tiles');
      assert.deepEqual(body.map, { tileUrl: 'https://tiles.example.org/osm/{z}/{x}/{y}.png', attribution: '© Beispiel-Kacheln, Daten © OpenStreetMap' });
      assert.equal(body.places.source, 'GeoNames');
      const src = imgSrc(res).split(/\s+/);
      assert.ok(src.includes('https://tiles.example.org'), `img-src allows the tile origin: ${imgSrc(res)}`);
      assert.ok(src.includes("'self'"));
      assert.ok(!src.some((s) => s.includes('{') || s.includes('/osm')), `the origin only, not the template: ${imgSrc(res)}`);
      // Every answer carries the same policy, the web app's page too.
      const page = await http(tiles.url, '/');
      await page.text();
      if (page.status === 200) assert.ok(imgSrc(page).includes('https://tiles.example.org'), `the page's img-src: ${imgSrc(page)}`);
    } finally {
      await tiles.stop();
    }
  });
});
