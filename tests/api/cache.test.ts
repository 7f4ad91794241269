// The response cache of anonymous public reads (search, Entdecken, places, open data): a
// write on this server shows in the next identical read at once; a signed-in read is never
// answered from the anonymous cache nor stored in it; a cached answer carries the same
// headers as the original, with a request id of its own; HELFERKARTE_HTTP_CACHE_SECONDS=0
// switches it off. The TTL is raised here, so that "served from the cache" does not depend
// on how fast the machine is; the tests count hits on /metrics.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbRows } from '../support/db.ts';
import { startServer, type Server } from '../support/server.ts';
import { approvedGroup, joinAs, shiftAt, verifiedFast, type Group } from './needs-support.ts';
import { GUETERSLOH, needAt, north, query } from './search-support.ts';
import { call, DEMO, demoActor, expectJson, guetersloh, http, startDemoServer, type Actor } from './support.ts';

let server: Server;
let coordinator: Actor;
let M = '';
let group: Group;

before(async () => {
  server = await startDemoServer({ HELFERKARTE_HTTP_CACHE_SECONDS: '300' });
  coordinator = await demoActor(server.url, DEMO.coordinator);
  M = await guetersloh(server.url);
  group = await approvedGroup(server, coordinator, M, 'Cacheverein');
});
after(async () => {
  await server?.stop();
});

const base = () => server.url;

async function counters(s: Server): Promise<{ hits: number; misses: number }> {
  const text = await (await http(s.url, '/metrics')).text();
  const value = (name: string) => {
    const m = text.match(new RegExp(`^${name} (\\S+)$`, 'm'));
    assert.ok(m, `${name} on /metrics`);
    return Number(m[1]);
  };
  return { hits: value('helferkarte_http_cache_hits_total'), misses: value('helferkarte_http_cache_misses_total') };
}

/** GET as `who` (null: anonymous): status 200, the headers and the JSON body. */
async function read(path: string, who: Actor | null = null) {
  const res = await call(base(), 'GET', path, { as: who });
  const headers = Object.fromEntries(res.headers.entries());
  const text = await res.text();
  assert.equal(res.status, 200, `GET ${path}: ${text.slice(0, 300)}`);
  return { headers, body: JSON.parse(text) };
}

// A point only this file's needs are near (0.2 km north of Gütersloh's centre lie demo needs
// too, which does not matter: each test looks for its own need).
const spot = north(GUETERSLOH, 0.25);
const searchPath = (extra: Record<string, string | number> = {}) =>
  `/api/v1/needs?${query({ lat: spot.lat, lon: spot.lon, radiusKm: 0.5, limit: 100, ...extra })}`;

describe('anonymous reads', () => {
  test('an identical second read comes from the cache with the same headers and body', async () => {
    await needAt(base(), group, spot, { title: 'Zwischengespeichert 1' });
    const path = searchPath({ category: 'shopping,reading,other' });
    const before = await counters(server);
    const first = await read(path);
    const second = await read(path);
    const now = await counters(server);
    assert.equal(now.misses - before.misses, 1, 'the first read missed');
    assert.equal(now.hits - before.hits, 1, 'the second was answered from the cache');
    assert.deepEqual(second.body, first.body);
    const { 'x-request-id': id1, ...rest1 } = first.headers;
    const { 'x-request-id': id2, ...rest2 } = second.headers;
    assert.deepEqual(rest2, rest1, 'the same headers');
    assert.ok(id1 && id2 && id1 !== id2, 'each answer has its own request id');
  });

  test('a join shows in the next identical search at once', async () => {
    const need = await needAt(base(), group, spot, { title: 'Zwischengespeichert 2', shifts: [shiftAt(3, 2)] });
    const path = searchPath();
    const item = async () => (await read(path)).body.items.find((n: any) => n.id === need.id);
    assert.equal((await item()).shifts[0].taken, 0);
    const hits = (await counters(server)).hits;
    assert.equal((await item()).shifts[0].taken, 0);
    assert.equal((await counters(server)).hits, hits + 1, 'answered from the cache before the join');
    const volunteer = await verifiedFast(server, 'cache-volunteer');
    await joinAs(base(), volunteer, need.shifts[0].id, 'confirmed');
    const after = await item();
    assert.equal(after.shifts[0].taken, 1, 'the join is visible at once');
    assert.equal(after.placesLeft, need.placesLeft - 1);
  });

  test('a new need shows at once in the search, Entdecken and the open-data feed', async () => {
    const paths = [
      searchPath(),
      `/api/v1/needs/discover?${query({ lat: spot.lat, lon: spot.lon, radiusKm: 0.5, limit: 50, seed: 'cache-test' })}`,
      `/api/v1/municipalities/${M}/needs.geojson`,
    ];
    const ids = (p: string, body: any): string[] => (p.includes('geojson') ? body.features : body.items).map((n: any) => n.id);
    for (const p of paths) await read(p);
    const hits = (await counters(server)).hits;
    for (const p of paths) await read(p);
    assert.equal((await counters(server)).hits, hits + paths.length, 'all three answered from the cache');
    const need = await needAt(base(), group, spot, { title: 'Zwischengespeichert 3' });
    for (const p of paths) {
      assert.ok(ids(p, (await read(p)).body).includes(need.id), `the new need in ${p.split('?')[0]}`);
    }
  });
});

/** Waits until the outbox has no mail left to send. */
async function outboxSettled(s: Server) {
  for (let i = 0; i < 300; i++) {
    const [{ n }] = dbRows(s.database, "SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'pending'");
    if (Number(n) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail('the outbox still has pending mails after 15 s');
}

describe('signed-in reads', () => {
  test('are never answered from the anonymous cache, nor stored in it (mySignup)', async () => {
    const need = await needAt(base(), group, spot, { title: 'Zwischengespeichert 4' });
    const volunteer = await verifiedFast(server, 'cache-signed-in');
    await joinAs(base(), volunteer, need.shifts[0].id, 'confirmed');
    const path = searchPath({ remote: 'false' });
    const mySignup = (body: any) => body.items.find((n: any) => n.id === need.id).shifts[0].mySignup;

    // Every write ends what the cache holds, the outbox worker's too: wait until the join's
    // mails are sent, so that nothing but the reads below happens meanwhile.
    await outboxSettled(server);
    // The anonymous answer is in the cache now ...
    assert.equal(mySignup((await read(path)).body), null);
    const before = await counters(server);
    assert.equal(mySignup((await read(path)).body), null);
    // ... yet the signed-in read of the same address gets its own.
    assert.equal(mySignup((await read(path, volunteer)).body)?.status, 'confirmed');
    assert.equal(mySignup((await read(path, volunteer)).body)?.status, 'confirmed');
    const now = await counters(server);
    assert.equal(now.hits - before.hits, 1, 'only the anonymous read was a hit');
    assert.equal(now.misses, before.misses, 'signed-in reads do not use the cache at all');
    // A signed-in answer read first is not handed to an anonymous reader either.
    const other = searchPath({ remote: 'false', limit: 99 });
    assert.equal(mySignup((await read(other, volunteer)).body)?.status, 'confirmed');
    assert.equal(mySignup((await read(other)).body), null);
  });
});

describe('HELFERKARTE_HTTP_CACHE_SECONDS=0', () => {
  test('switches the cache off', async () => {
    const plain = await startServer({ env: { HELFERKARTE_HTTP_CACHE_SECONDS: '0' } });
    try {
      const path = `/api/v1/places?q=G%C3%BCtersloh`;
      for (let i = 0; i < 3; i++) await expectJson(await http(plain.url, path), 200, `GET ${path}`);
      assert.deepEqual(await counters(plain), { hits: 0, misses: 0 });
    } finally {
      await plain.stop();
    }
  });
});
