// The command line: version, routes, migrate, backup, and the precedence of flags over
// environment variables over the TOML configuration file. Every database is of the suite's
// kind (tests/support/db.ts): SQLite files in a temporary folder, or PostgreSQL databases.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dbKind, dropDatabase, freshDatabaseUrl, restoreBackup, tableNames, testDatabaseKind } from '../support/db.ts';
import { binary, repoRoot, runCli, startServer, webDir } from '../support/server.ts';
import { http, postJson } from './support.ts';

let dir = '';
const databases: string[] = [];
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'helferkarte-cli-'));
});
after(() => {
  for (const db of databases) dropDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

/** A new empty database of the suite's kind, removed after the tests. */
function fresh(name: string): string {
  const db = freshDatabaseUrl(dir, name);
  databases.push(db);
  return db;
}

/** Whether a server or `migrate` made its tables in the database (a SQLite file only then exists). */
function hasSchema(db: string): boolean {
  if (dbKind(db) === 'sqlite') return existsSync(db.replace(/^sqlite:/, ''));
  return tableNames(db).length > 0;
}

/** The environment without any HELFERKARTE_* variable, so that only the test's own count. */
function cleanEnv(extra: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HELFERKARTE_') && v !== undefined) env[k] = v;
  return { ...env, ...extra };
}

function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(args, env);
}

interface Serving { url: string; port: number; child: ChildProcess; stop(): Promise<number | null>; stderr(): string }

/** Runs `helferkarte serve ARGS` with exactly the given environment; resolves once it listens. */
function serve(args: string[], env: Record<string, string> = {}): Promise<Serving> {
  const child = spawn(binary, ['serve', ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => { err += d; });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); rej(new Error(`serve did not start within 15 s: ${err}`)); }, 15_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      const firstLine = out.split('\n')[0];
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      const m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))\s*$/.exec(firstLine);
      if (!m) {
        child.kill('SIGKILL');
        rej(new Error(`the first line of output is not "listening on http://HOST:PORT": ${JSON.stringify(firstLine)}`));
        return;
      }
      res({
        url: m[1], port: Number(m[2]), child, stderr: () => err,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.on('exit', (code) => { clearTimeout(timer); rej(new Error(`serve exited with ${code}: ${err}`)); });
  });
}

const mailArgs = () => ['--mail-transport', 'log', '--mail-dir', join(dir, 'mail'), '--web-dir', webDir];

describe('helferkarte version', () => {
  test('prints "helferkarte 0.1.0" and exits 0', () => {
    const r = cli(['version']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'helferkarte 0.1.0');
  });
});

describe('helferkarte routes', () => {
  test('prints one "METHOD PATH" per line, including the foundation routes', () => {
    const r = cli(['routes']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
    for (const l of lines) assert.match(l, /^[A-Z]+ \/\S*$/, `a route line: ${JSON.stringify(l)}`);
    for (const want of ['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /api/v1/openapi.json', 'GET /api/v1/municipalities',
      'GET /api/v1/municipalities/{id}', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'GET /api/v1/me']) {
      assert.ok(lines.includes(want), `routes lists ${want}`);
    }
    assert.equal(new Set(lines).size, lines.length, 'no route twice');
  });
});

describe('helferkarte migrate', () => {
  test('twice on a fresh database: both exit 0, and the server is ready on it', async () => {
    const db = fresh('migrate');
    const first = cli(['migrate', '--database', db]);
    assert.equal(first.status, 0, `first migrate: ${first.stderr}`);
    assert.ok(hasSchema(db), 'the database has its tables');
    const second = cli(['migrate', '--database', db]);
    assert.equal(second.status, 0, `second migrate: ${second.stderr}`);
    const s = await serve(['--listen', '127.0.0.1:0', '--database', db, ...mailArgs()]);
    try {
      const res = await http(s.url, '/readyz');
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ready' });
    } finally {
      assert.equal(await s.stop(), 0);
    }
  });
});

// SQLite: the backup is a database file; PostgreSQL: a pg_dump archive (custom format). Both
// are restored with `helferkarte restore FILE --database NEW` into a new, empty database, and
// by hand as docs/OPERATIONS.md says: the SQLite file itself, pg_restore into an empty database.
describe('helferkarte backup and restore', () => {
  const file = () => join(dir, testDatabaseKind() === 'postgres' ? 'backup.dump' : 'backup.db');

  async function servesGuetersloh(db: string, what: string) {
    const s = await serve(['--listen', '127.0.0.1:0', '--database', db, ...mailArgs()]);
    try {
      const res = await http(s.url, '/api/v1/municipalities');
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.ok(body.items.some((m: any) => /Gütersloh/.test(m.name) && m.ags === '05754008'),
        `Gütersloh in the database ${what}: ${JSON.stringify(body.items.map((m: any) => m.name))}`);
    } finally {
      assert.equal(await s.stop(), 0);
    }
  }

  test('a backup taken while the demo server runs', async () => {
    const server = await startServer({ demo: true });
    try {
      const r = cli(['backup', file(), '--database', server.database]);
      assert.equal(r.status, 0, `backup: ${r.stderr}`);
      assert.equal((await http(server.url, '/api/v1/municipalities')).status, 200, 'the live server still answers');
      assert.ok(existsSync(file()) && statSync(file()).size > 0, 'the backup file exists and is not empty');
    } finally {
      await server.stop();
    }
  });

  test('helferkarte restore into a new database: it serves Gütersloh', async () => {
    assert.ok(existsSync(file()), 'the backup of the previous test');
    const db = fresh('restored');
    const r = cli(['restore', file(), '--database', db]);
    assert.equal(r.status, 0, `restore: ${r.stderr}`);
    await servesGuetersloh(db, 'restored by helferkarte restore');
  });

  test('restored by hand: it serves Gütersloh', async () => {
    assert.ok(existsSync(file()), 'the backup of the first test');
    const db = testDatabaseKind() === 'postgres' ? fresh('by-hand') : `sqlite:${file()}`;
    restoreBackup(file(), db);
    await servesGuetersloh(db, 'restored by hand');
  });
});

describe('the sample configuration deploy/helferkarte.toml', () => {
  const sample = join(repoRoot, 'deploy', 'helferkarte.toml');

  test('a server starts with it (database, address and mail set as the units set them) and reads it', async () => {
    // The systemd unit sets the address; helferkarte.env the database; the sample's SMTP
    // server does not exist here, so mail goes to files.
    const s = await serve(['--config', sample], {
      HELFERKARTE_DATABASE: fresh('sample'), HELFERKARTE_LISTEN: '127.0.0.1:0',
      HELFERKARTE_MAIL_TRANSPORT: 'log', HELFERKARTE_MAIL_DIR: join(dir, 'mail'), HELFERKARTE_WEB_DIR: webDir,
    });
    try {
      const ready = await http(s.url, '/readyz');
      assert.equal(ready.status, 200);
      // base_url is https:// in the sample: the server sends HSTS only then.
      assert.match(ready.headers.get('strict-transport-security') ?? '', /max-age=/, 'the file was read');
    } finally {
      assert.equal(await s.stop(), 0);
    }
  });

  test('it names every setting of the configuration table in docs/OPERATIONS.md', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'OPERATIONS.md'), 'utf8');
    const keys = [...doc.matchAll(/^\| `([a-z_]+)\.([a-z_]+)` \|/gm)].map((m) => [m[1], m[2]]);
    assert.ok(keys.length > 30, `the table lists the settings (${keys.length})`);
    const text = readFileSync(sample, 'utf8');
    const sections = new Map<string, string>();
    for (const part of text.split(/^\[/m).slice(1)) sections.set(part.slice(0, part.indexOf(']')), part);
    for (const [section, key] of keys) {
      const body = sections.get(section) ?? '';
      // Set, or shown commented out (a secret such as the SMTP password belongs in the env file).
      assert.match(body, new RegExp(`^#? ?${key} =`, 'm'), `${section}.${key} is in the sample`);
    }
  });
});

describe('configuration precedence: flag > environment > TOML file', () => {
  function toml(name: string, text: string) {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  }
  const mailToml = () => `[mail]\ntransport = "log"\ndir = "${join(dir, 'mail')}"\n`;

  test('the TOML file alone: [server] listen and [database] url are used', async () => {
    const db = fresh('from-file');
    const cfg = toml('alone.toml', `[server]\nlisten = "127.0.0.1:0"\nweb_dir = "${webDir}"\n\n[database]\nurl = "${db}"\n\n${mailToml()}`);
    const s = await serve(['--config', cfg]);
    try {
      assert.ok(s.port > 1, `listens on a free port (got ${s.port})`);
      assert.equal((await http(s.url, '/readyz')).status, 200);
      assert.ok(hasSchema(db), "the file's database was created");
    } finally {
      assert.equal(await s.stop(), 0);
    }
  });

  test('HELFERKARTE_LISTEN beats [server] listen of the file', async () => {
    const cfg = toml('listen.toml', `[server]\nlisten = "127.0.0.1:1"\n\n[database]\nurl = "${fresh('listen')}"\n\n${mailToml()}`);
    const s = await serve(['--config', cfg, '--web-dir', webDir], { HELFERKARTE_LISTEN: '127.0.0.1:0' });
    try {
      assert.notEqual(s.port, 1, 'the environment, not the file, chose the address');
      assert.equal((await http(s.url, '/healthz')).status, 200);
    } finally {
      assert.equal(await s.stop(), 0);
    }
  });

  test('--listen beats HELFERKARTE_LISTEN and the file', async () => {
    const cfg = toml('listen2.toml', `[server]\nlisten = "127.0.0.1:1"\n\n[database]\nurl = "${fresh('listen2')}"\n\n${mailToml()}`);
    const s = await serve(['--config', cfg, '--listen', '127.0.0.1:0', '--web-dir', webDir], { HELFERKARTE_LISTEN: '127.0.0.1:1' });
    try {
      assert.notEqual(s.port, 1, 'the flag chose the address');
      assert.equal((await http(s.url, '/healthz')).status, 200);
    } finally {
      assert.equal(await s.stop(), 0);
    }
  });

  test('--database beats HELFERKARTE_DATABASE', async () => {
    const fromEnv = fresh('db-env');
    const fromFlag = fresh('db-flag');
    const s = await serve(['--listen', '127.0.0.1:0', '--database', fromFlag, ...mailArgs()], { HELFERKARTE_DATABASE: fromEnv });
    try {
      assert.equal((await http(s.url, '/readyz')).status, 200);
    } finally {
      assert.equal(await s.stop(), 0);
    }
    assert.ok(hasSchema(fromFlag), "the flag's database was created");
    assert.ok(!hasSchema(fromEnv), "the environment's database was not created");
  });

  test('HELFERKARTE_DATABASE beats [database] url of the file', async () => {
    const fromFile = fresh('db-file2');
    const fromEnv = fresh('db-env2');
    const cfg = toml('db.toml', `[server]\nlisten = "127.0.0.1:0"\n\n[database]\nurl = "${fromFile}"\n\n${mailToml()}`);
    const s = await serve(['--config', cfg, '--web-dir', webDir], { HELFERKARTE_DATABASE: fromEnv });
    try {
      assert.equal((await http(s.url, '/readyz')).status, 200);
    } finally {
      assert.equal(await s.stop(), 0);
    }
    assert.ok(hasSchema(fromEnv), "the environment's database was created");
    assert.ok(!hasSchema(fromFile), "the file's database was not created");
  });

  test('[server] max_body_bytes applies, and --max-body-bytes beats it', async () => {
    const cfg = toml('body.toml', `[server]\nlisten = "127.0.0.1:0"\nmax_body_bytes = 2048\n\n[database]\nurl = "${fresh('body')}"\n\n${mailToml()}`);
    const big = JSON.stringify({ email: 'a@b.de', password: 'x', padding: 'x'.repeat(4000) });
    const small = JSON.stringify({ email: 'a@b.de', password: 'x', padding: 'x'.repeat(1000) });
    const a = await serve(['--config', cfg, '--web-dir', webDir]);
    try {
      const tooBig = await postJson(a.url, '/api/v1/auth/login', big);
      assert.equal(tooBig.status, 413, 'a 4 KB body over a 2 KiB limit from the file');
      await tooBig.body?.cancel();
      const fits = await postJson(a.url, '/api/v1/auth/login', small);
      assert.ok(fits.status !== 413 && fits.status < 500, `a 1 KB body fits (got ${fits.status})`);
      await fits.body?.cancel();
    } finally {
      assert.equal(await a.stop(), 0);
    }
    const b = await serve(['--config', cfg, '--web-dir', webDir, '--max-body-bytes', '100000']);
    try {
      const res = await postJson(b.url, '/api/v1/auth/login', big);
      assert.ok(res.status !== 413 && res.status < 500, `the flag raised the limit (got ${res.status})`);
      await res.body?.cancel();
    } finally {
      assert.equal(await b.stop(), 0);
    }
  });
});
