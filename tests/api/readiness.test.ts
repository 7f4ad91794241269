// /readyz turns 503 when the database's migrations are no longer current, while /healthz
// (liveness) stays 200. Uses the database's command-line tool (sqlite3 or psql) to roll the
// schema record back behind the running server's back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dbExec, noDatabaseTool } from '../support/db.ts';
import { repoRoot, startServer, type Server } from '../support/server.ts';
import { Validator } from './schema.ts';
import { expectProblem, http } from './support.ts';

let server: Server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test('GET /readyz: 200 while migrations are current, 503 problem once they are not', { skip: noDatabaseTool }, async () => {
  const ready = await http(server.url, '/readyz');
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: 'ready' });

  // The table in which the server records applied migrations (see storage/migrations.cpp).
  dbExec(server.database, 'DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations);');

  const res = await http(server.url, '/readyz');
  const problem = await expectProblem(res, 503, 'readyz with an outdated schema');
  // …and the answer is the one openapi/openapi.json documents.
  const doc = JSON.parse(readFileSync(join(repoRoot, 'openapi', 'openapi.json'), 'utf8'));
  const documented = doc.paths['/readyz'].get.responses['503'];
  assert.ok(documented, '503 documented for GET /readyz');
  const errors = new Validator(doc).validate(problem, { $ref: '#/components/schemas/Problem' });
  assert.deepEqual(errors, [], errors.join('\n'));

  const live = await http(server.url, '/healthz');
  assert.equal(live.status, 200, 'liveness does not depend on the database');
  assert.deepEqual(await live.json(), { status: 'ok' });
});
