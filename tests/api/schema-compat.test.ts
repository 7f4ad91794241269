// Rolling upgrades (Synapse's schema compatibility version): a database a newer binary
// migrated still serves this binary while its compat version allows it (additive changes);
// once a migration declares `-- compat: N` above this binary's schema, serve and migrate refuse
// (exit 3, both versions named) and a server already running reports not ready. The newer
// binary is simulated by recording its migration in schema_migrations / schema_compat.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dbExec, dbRows, dropDatabase, freshDatabaseUrl, noDatabaseTool } from '../support/db.ts';
import { runCli, startServer, type Server } from '../support/server.ts';
import { expectProblem, http } from './support.ts';

let dir = '';
let database = '';
let running: Server | undefined; // a server of this binary that keeps serving throughout
let latest = 0; // the schema version this binary knows

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'helferkarte-compat-'));
  database = freshDatabaseUrl(dir, 'compat');
  running = await startServer({ database });
});
after(async () => {
  await running?.stop();
  if (database) dropDatabase(database);
  rmSync(dir, { recursive: true, force: true });
});

function recordMigration(version: number, compat: number | null) {
  dbExec(database, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${version}, '${version}_from_a_newer_binary.sql', 0)`);
  if (compat !== null) {
    dbExec(database, `INSERT INTO schema_compat (id, version) VALUES (1, ${compat}) ON CONFLICT (id) DO UPDATE SET version = excluded.version`);
  }
}

describe('schema compatibility version', { skip: noDatabaseTool }, () => {
  test('a fresh database: migrate reports the version this binary knows and compat 0', () => {
    const r = runCli(['migrate', '--database', database]);
    assert.equal(r.status, 0, r.stderr);
    const m = /^schema at version (\d+) \(0 applied\)$/m.exec(r.stdout);
    assert.ok(m, `migrate's first line: ${JSON.stringify(r.stdout)}`);
    latest = Number(m[1]);
    assert.equal(latest, dbRows(database, 'SELECT MAX(version) AS v FROM schema_migrations')[0].v);
    assert.match(r.stdout, /^compat version 0 /m);
    assert.deepEqual(dbRows(database, 'SELECT COUNT(*) AS n FROM schema_compat'), [{ n: 0 }], 'no breaking migration recorded');
  });

  test('newer but compatible (schema L+1, compat L): this binary still starts and serves, migrate has nothing to do', async () => {
    assert.ok(latest > 0, 'the first test read the schema version');
    recordMigration(latest + 1, latest);

    const r = runCli(['migrate', '--database', database]);
    assert.equal(r.status, 0, `migrate: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^schema at version ${latest + 1} \\(0 applied\\)$`, 'm'));
    assert.match(r.stdout, new RegExp(`^compat version ${latest} `, 'm'));
    assert.match(r.stdout, new RegExp(`newer than this binary \\(schema ${latest}\\) and compatible with it: nothing to do`));
    assert.deepEqual(dbRows(database, 'SELECT MAX(version) AS v FROM schema_migrations'), [{ v: latest + 1 }], 'the record is untouched');

    const second = await startServer({ database });
    try {
      assert.match(second.stderr(), new RegExp(`database schema ${latest + 1} is newer than this binary \\(${latest}\\); compatible`));
      for (const s of [second, running!]) {
        const ready = await http(s.url, '/readyz');
        assert.equal(ready.status, 200, `ready on ${s.url}`);
        assert.deepEqual(await ready.json(), { status: 'ready' });
        const list = await http(s.url, '/api/v1/municipalities');
        assert.equal(list.status, 200, 'serves the API');
        await list.body?.cancel();
      }
    } finally {
      assert.equal(await second.stop(), 0, 'a clean shutdown');
    }
  });

  test('a breaking migration (compat L+1): serve and migrate refuse with exit 3 naming both versions; the running server turns not ready', async () => {
    assert.ok(latest > 0, 'the first test read the schema version');
    recordMigration(latest + 2, latest + 1);
    const names = (text: string) => {
      assert.match(text, new RegExp(`schema version ${latest + 2} and needs a binary of schema version ${latest + 1} or newer`), text);
      assert.match(text, new RegExp(`this binary knows schema version ${latest}\\b`), text);
    };

    await assert.rejects(startServer({ database }), (e: Error) => {
      assert.match(e.message, /server exited with 3\b/);
      names(e.message);
      return true;
    });
    const r = runCli(['migrate', '--database', database]);
    assert.equal(r.status, 3, `migrate: ${r.stdout} ${r.stderr}`);
    names(r.stderr);
    assert.deepEqual(dbRows(database, 'SELECT MAX(version) AS v FROM schema_migrations'), [{ v: latest + 2 }], 'nothing written');

    const problem = await expectProblem(await http(running!.url, '/readyz'), 503, 'readyz once the schema locks this binary out');
    assert.match(problem.detail, /neuere Version|newer version/);
    assert.equal((await http(running!.url, '/healthz')).status, 200, 'liveness stays');
  });
});
