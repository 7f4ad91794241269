// A saturated worker pool answers 503 with Retry-After at once instead of queueing without
// limit. One worker and no queue make saturation easy to reach: each login spends tens of
// milliseconds hashing on the single worker, so most of a burst must be refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type Server } from '../support/server.ts';

let server: Server;

before(async () => {
  server = await startServer({
    demo: true,
    env: { HELFERKARTE_WORKERS: '1', HELFERKARTE_QUEUE: '0' },
  });
});

after(async () => {
  await server.stop();
});

test('a burst beyond the pool is refused with 503 and Retry-After, and the rest is served', async () => {
  const login = () =>
    fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: JSON.stringify({ email: 'helferin@guetersloh.example', password: 'Demo-Helferin-2026' }),
    });
  const responses = await Promise.all(Array.from({ length: 20 }, login));
  const statuses = responses.map((r) => r.status);
  const refused = responses.filter((r) => r.status === 503);
  assert.ok(statuses.includes(200), `no login got through: ${statuses}`);
  assert.ok(refused.length > 0, `nothing was refused: ${statuses}`);
  assert.ok(statuses.every((s) => s === 200 || s === 503), `unexpected statuses: ${statuses}`);
  for (const r of refused) {
    assert.equal(r.headers.get('retry-after'), '1');
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    const body = await r.json();
    assert.equal(body.status, 503);
    assert.equal(body.type, 'urn:helferkarte:problem:overloaded');
    assert.match(body.detail, /busy/);
  }

  // Once the burst is over the server answers normally again.
  const again = await login();
  assert.equal(again.status, 200);

  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  assert.match(metrics, /helferkarte_pool_capacity 0/);
  assert.match(metrics, /helferkarte_pool_threads 1/);
  assert.match(metrics, /route="\/api\/v1\/auth\/login",method="POST",status="503"/);
});
