// `helferkarte backup` while a server serves and writes go on, `helferkarte restore` into a new
// database, and a server on the restored database answering as the original did, sessions
// included. SQLite copies the file (online backup API); PostgreSQL writes a pg_dump archive
// that pg_restore loads.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { dbKind, dropDatabase, freshDatabaseUrl } from '../support/db.ts';
import { binary, runCli, startServer, type Server } from '../support/server.ts';
import { approvedGroup, createNeed, joinAs } from './needs-support.ts';
import { call, DEMO, demoActor, expectJson, guetersloh, http, MANY_ACCOUNTS, type Actor } from './support.ts';

let dir = '';
let source: Server | undefined;
const made: string[] = []; // databases this file created itself

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'helferkarte-backup-'));
  source = await startServer({ demo: true, env: MANY_ACCOUNTS });
});
after(async () => {
  await source?.stop();
  for (const url of made) dropDatabase(url);
  rmSync(dir, { recursive: true, force: true });
});

/** runCli without blocking the event loop, so that requests go on while it runs. */
function runCliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', rej);
    child.on('close', (status) => res({ status, stdout, stderr }));
  });
}

/** The answers compared before and after: public reads and reads as signed-in people. */
async function answers(base: string, needId: string, volunteer: Actor, groupAdmin: Actor) {
  const get = async (path: string, as: Actor | null = null) =>
    expectJson(await call(base, 'GET', path, { as }), 200, `GET ${path}${as ? ` as ${as.email}` : ''}`);
  return {
    municipalities: await get('/api/v1/municipalities?limit=100'),
    keyword: await get('/api/v1/needs?q=Sicherungskopie'),
    need: await get(`/api/v1/needs/${needId}`, volunteer),
    meVolunteer: await get('/api/v1/me', volunteer),
    meGroupAdmin: await get('/api/v1/me', groupAdmin),
    participants: await get(`/api/v1/needs/${needId}/participants`, groupAdmin),
  };
}

test('a backup taken during writes restores into an empty database that answers as the original', async () => {
  const base = source!.url;
  const municipality = await guetersloh(base);
  const group = await approvedGroup(source!, await demoActor(base, DEMO.coordinator), municipality, 'Sicherung');
  const need = await createNeed(base, group.admin, group.id, { title: 'Sicherungskopie: Einkaufshilfe im Quartier' });
  const volunteer = await demoActor(base, DEMO.volunteer);
  await joinAs(base, volunteer, need.shifts[0].id, 'confirmed');
  const before = await answers(base, need.id, volunteer, group.admin);
  assert.ok(before.keyword.items.some((n: any) => n.id === need.id), 'the keyword search finds the new need');

  // Writes that go on during the backup and do not touch the compared answers.
  const writer = await demoActor(base, DEMO.orgMember);
  let writing = true;
  let writes = 0;
  const failures: string[] = [];
  let started!: () => void;
  const firstWrites = new Promise<void>((res) => { started = res; });
  const loop = (async () => {
    while (writing) {
      const res = await call(base, 'PATCH', '/api/v1/me', { as: writer, body: { displayName: `Tafel-Team ${writes}` } });
      if (res.status !== 200) failures.push(`${res.status}: ${await res.text()}`);
      else await res.body?.cancel();
      writes += 1;
      if (writes === 3) started();
    }
  })();
  await firstWrites;
  const kind = dbKind(source!.database);
  const file = join(dir, kind === 'postgres' ? 'helferkarte.dump' : 'helferkarte.db');
  const backup = await runCliAsync(['backup', file, '--database', source!.database]);
  writing = false;
  await loop;
  assert.equal(backup.status, 0, `backup: ${backup.stderr}`);
  assert.deepEqual(failures, [], 'every write during the backup succeeded');
  assert.ok(existsSync(file) && statSync(file).size > 0, 'the backup file exists');
  assert.ok(!existsSync(`${file}.partial`), 'no partial file is left');

  // Into the live database: refused, nothing changed.
  const over = runCli(['restore', file, '--database', source!.database]);
  assert.equal(over.status, 1, `restore over the live database: ${over.stdout}`);
  assert.match(over.stderr, /empty database|exists; restore into a new file/);

  const target = freshDatabaseUrl(dir, 'restored');
  made.push(target);
  const restore = runCli(['restore', file, '--database', target]);
  assert.equal(restore.status, 0, `restore: ${restore.stderr}`);
  assert.match(restore.stdout, /^restored .*: schema at version \d+$/m);

  const copy = await startServer({ database: target });
  try {
    assert.deepEqual(await answers(copy.url, need.id, volunteer, group.admin), before,
      'the restored database answers as the original did, to the same session cookies');
    const ready = await http(copy.url, '/readyz');
    assert.equal(ready.status, 200, 'the restored schema is current');
    await ready.body?.cancel();
  } finally {
    assert.equal(await copy.stop(), 0);
  }
  assert.deepEqual(await answers(base, need.id, volunteer, group.admin), before, 'the original still answers the same');
});
