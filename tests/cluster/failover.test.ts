// The database goes away and comes back (a PostgreSQL restart, a Patroni failover as the
// server sees it): while it is away every request that needs it is answered 503 with
// Retry-After, never 500, and the server keeps running; once it is back the very first
// requests succeed again, with the sessions made before, without restarting the server.
// The suite runs its own cluster (scripts/test-postgres.sh), since it stops it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pgTool } from '../support/db.ts';
import { repoRoot, runCli, startServer, type Server } from '../support/server.ts';
import { call, DEMO, demoActor, expectJson, expectProblem, http, type Actor } from '../api/support.ts';

const script = join(repoRoot, 'scripts', 'test-postgres.sh');

function cluster(action: 'start' | 'stop' | 'down' | 'up', dir: string) {
  const r = spawnSync(script, [action, dir], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `test-postgres.sh ${action}: ${r.stderr}`);
}

function envOf(dir: string): Record<string, string> {
  const r = spawnSync('cat', [join(dir, 'env')], { encoding: 'utf8' });
  return Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
}

describe('the database goes away and comes back', () => {
  let dir = '';
  let server: Server;
  let volunteer: Actor;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hk-failover-'));
    const pg = join(dir, 'pg');
    cluster('start', pg);
    const env = envOf(pg);
    const host = env.HELFERKARTE_TEST_PG_HOST;
    const port = env.HELFERKARTE_TEST_PG_PORT;
    const made = spawnSync(pgTool('createdb'), ['-h', host, '-p', port, '-U', 'postgres', 'failover'], { encoding: 'utf8' });
    assert.equal(made.status, 0, `createdb: ${made.stderr}`);
    const database = `postgres:///failover?host=${encodeURIComponent(host)}&port=${port}&user=postgres`;
    const demo = runCli(['demo', '--database', database]);
    assert.equal(demo.status, 0, `demo: ${demo.stderr}`);
    server = await startServer({ database });
    volunteer = await demoActor(server.url, DEMO.volunteer);
  });

  after(async () => {
    await server?.stop();
    if (dir) {
      cluster('stop', join(dir, 'pg'));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('while it is away: 503 with Retry-After for reads, writes and readiness; the server lives on', async () => {
    await expectJson(await http(server.url, '/api/v1/municipalities'), 200, 'before');
    cluster('down', join(dir, 'pg'));

    for (let i = 0; i < 3; i++) {
      const read = await http(server.url, '/api/v1/municipalities', { headers: { 'Accept-Language': 'de' } });
      assert.equal(read.headers.get('retry-after'), '1', 'Retry-After on a read');
      const problem = await expectProblem(read, 503, 'a read');
      assert.equal(problem.type, 'urn:helferkarte:problem:unavailable');
      assert.equal(problem.title, 'Vorübergehend nicht verfügbar');
      assert.doesNotMatch(JSON.stringify(problem), /postgres|socket|PGSQL/i, 'no internals in the answer');

      const write = await call(server.url, 'PATCH', '/api/v1/me', { as: volunteer, body: { displayName: 'Während des Ausfalls' } });
      await expectProblem(write, 503, 'a write');
    }
    const ready = await http(server.url, '/readyz');
    assert.equal(ready.status, 503, 'not ready without its database');
    const alive = await http(server.url, '/healthz');
    assert.equal(alive.status, 200, 'alive all the same');
    assert.equal(server.process.exitCode, null, 'the server still runs');
  });

  test('once it is back: the first requests succeed, with the sessions made before', async () => {
    cluster('up', join(dir, 'pg'));
    // Every pooled connection was closed by the restart; none of that reaches a client.
    const lists = await Promise.all([1, 2, 3, 4, 5, 6].map(() => http(server.url, '/api/v1/municipalities')));
    for (const res of lists) await expectJson(res, 200, 'a read right after the restart');
    const me = await expectJson(await call(server.url, 'GET', '/api/v1/me', { as: volunteer }), 200, 'the old session');
    assert.equal(me.email ?? me.user?.email, DEMO.volunteer.email);
    await expectJson(await call(server.url, 'PATCH', '/api/v1/me', { as: volunteer, body: { displayName: 'Nach dem Ausfall' } }), 200, 'a write');
    const again = await expectJson(await call(server.url, 'GET', '/api/v1/me', { as: volunteer }), 200, 'read back');
    assert.equal(again.displayName ?? again.user?.displayName, 'Nach dem Ausfall');
    assert.equal((await http(server.url, '/readyz')).status, 200, 'ready again');
  });

  test('no request was answered 500, and the log says what happened', () => {
    const lines = server.stderr().split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return null; } }).filter(Boolean);
    const statuses = lines.filter((l: any) => typeof l.status === 'number').map((l: any) => l.status);
    assert.ok(statuses.includes(503), 'the access log has the 503s');
    assert.ok(!statuses.includes(500), `no 500 in the access log: ${JSON.stringify(statuses)}`);
    assert.match(server.stderr(), /connection lost, reconnecting/, 'the reconnect is logged');
  });
});
