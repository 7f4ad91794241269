// The test's view of a database: which kind the suite runs on (HELFERKARTE_TEST_DATABASE), a
// fresh database of that kind for a server, and direct reads through the databases' own
// command-line tools (sqlite3, psql) for tests that check what is stored, not what is served.
//
// On PostgreSQL every server gets a database of its own in the cluster that
// scripts/test-postgres.sh started (its folder in HELFERKARTE_TEST_PG_DIR, whose `env` file
// names the socket folder and port). Rows come back as JSON on both: numbers as numbers
// (INTEGER columns are BIGINT on PostgreSQL, booleans INTEGER 0/1 on both), text as strings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The kind of database this run of the suite uses for its servers. */
export function testDatabaseKind(): DatabaseKind {
  const kind = process.env.HELFERKARTE_TEST_DATABASE ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`HELFERKARTE_TEST_DATABASE=${kind}: expected sqlite or postgres`);
  return kind;
}

/** The kind of database a --database URL names. */
export function dbKind(url: string): DatabaseKind {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:/.test(url)) return 'postgres';
  throw new Error(`not a database URL: ${url}`);
}

export interface TestPostgres { host: string; port: string }

/**
 * The test cluster: HELFERKARTE_TEST_PG_HOST/PORT if set, else from the `env` file in
 * HELFERKARTE_TEST_PG_DIR. Null when there is none.
 */
export function testPostgres(): TestPostgres | null {
  let host = process.env.HELFERKARTE_TEST_PG_HOST;
  let port = process.env.HELFERKARTE_TEST_PG_PORT;
  const dir = process.env.HELFERKARTE_TEST_PG_DIR;
  if ((!host || !port) && dir && existsSync(join(dir, 'env'))) {
    for (const line of readFileSync(join(dir, 'env'), 'utf8').split('\n')) {
      const m = /^(HELFERKARTE_TEST_PG_HOST|HELFERKARTE_TEST_PG_PORT)=(.*)$/.exec(line.trim());
      if (m && m[1].endsWith('HOST')) host ??= m[2];
      if (m && m[1].endsWith('PORT')) port ??= m[2];
    }
  }
  return host && port ? { host, port } : null;
}

function requireTestPostgres(): TestPostgres {
  const pg = testPostgres();
  if (!pg) {
    throw new Error('no test PostgreSQL: run `scripts/test-postgres.sh start DIR` and set HELFERKARTE_TEST_PG_DIR=DIR ' +
      '(ctest does both through the fixture `postgres`)');
  }
  return pg;
}

/** A PostgreSQL client program: Debian's PostgreSQL 15 one, else the one on PATH. */
export function pgTool(name: string): string {
  const debian = join('/usr/lib/postgresql/15/bin', name);
  return existsSync(debian) ? debian : name;
}

export const haveSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;
export const havePsql = spawnSync(pgTool('psql'), ['--version']).status === 0;

/** Whether this suite's database can be read directly (the kind's command-line tool is there). */
export const haveDatabaseTool = testDatabaseKind() === 'postgres' ? havePsql : haveSqlite3;
/** For `skip` of a test that reads the database: false, or why it cannot. */
export const noDatabaseTool: false | string = !haveDatabaseTool &&
  `the ${testDatabaseKind() === 'postgres' ? 'psql' : 'sqlite3'} tool is not installed`;

interface PgTarget { host: string; port: string; user: string; name: string }

/** Host, port, user and database name of a postgres:// URL in the forms the tests write. */
function pgTarget(url: string): PgTarget {
  const u = new URL(url);
  const pg = testPostgres();
  return {
    host: u.searchParams.get('host') ?? (u.hostname ? decodeURIComponent(u.hostname) : pg?.host ?? ''),
    port: u.searchParams.get('port') ?? (u.port || pg?.port || '5432'),
    user: u.searchParams.get('user') ?? (u.username ? decodeURIComponent(u.username) : 'postgres'),
    name: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
}

function pgArgs(t: PgTarget): string[] {
  return ['-h', t.host, '-p', t.port, '-U', t.user];
}

function run(program: string, args: string[], what: string): string {
  const r = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  assert.equal(r.status, 0, `${what}: ${r.stderr}`);
  return r.stdout;
}

/** Creates an empty PostgreSQL database in the test cluster and returns its URL. */
export function createPostgresDatabase(): string {
  const pg = requireTestPostgres();
  const name = `hk_${randomBytes(8).toString('hex')}`;
  run(pgTool('createdb'), ['-h', pg.host, '-p', pg.port, '-U', 'postgres', name], `createdb ${name}`);
  return `postgres:///${name}?host=${pg.host}&port=${pg.port}&user=postgres`;
}

/**
 * A new, empty database of the suite's kind: a SQLite file `NAME.db` in `dir` (not created
 * yet; the server creates it) or a new database in the test cluster.
 */
export function freshDatabaseUrl(dir: string, name = 'helferkarte'): string {
  return testDatabaseKind() === 'postgres' ? createPostgresDatabase() : `sqlite:${join(dir, `${name}.db`)}`;
}

/**
 * Removes a database made by freshDatabaseUrl, even while connections to it are still open.
 * A SQLite file goes with its folder; nothing to do here.
 */
export function dropDatabase(url: string): void {
  if (dbKind(url) !== 'postgres') return;
  const t = pgTarget(url);
  run(pgTool('dropdb'), [...pgArgs(t), '--force', '--if-exists', t.name], `dropdb ${t.name}`);
}

/**
 * Restores a file written by `helferkarte backup FILE` by hand, as docs/OPERATIONS.md says:
 * for SQLite the file is the database (url must name it), for PostgreSQL a pg_dump archive
 * (custom format) that pg_restore loads into the empty database `url`.
 */
export function restoreBackup(file: string, url: string): void {
  if (dbKind(url) === 'sqlite') {
    assert.equal(sqliteFile(url), file, 'a SQLite backup is restored by using its file');
    return;
  }
  const t = pgTarget(url);
  run(pgTool('pg_restore'), [...pgArgs(t), '--no-owner', '--no-acl', '--single-transaction', '--exit-on-error', '-d', t.name, file], `pg_restore ${file}`);
}

function sqliteFile(url: string): string {
  return url.replace(/^sqlite:/, '');
}

/** Rows of a read-only query as JSON objects, column names as the query names them. */
export function dbRows(url: string, sql: string): any[] {
  const query = sql.trim().replace(/;$/, '');
  if (dbKind(url) === 'sqlite') {
    const out = run('sqlite3', ['-json', '-readonly', sqliteFile(url), '.timeout 5000', query], `sqlite3 ${query}`);
    return out.trim() ? JSON.parse(out) : [];
  }
  const t = pgTarget(url);
  const out = run(pgTool('psql'), [
    '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...pgArgs(t), '-d', t.name,
    '-c', `SELECT COALESCE(json_agg(t), '[]') FROM (${query}) t`,
  ], `psql ${query}`);
  return JSON.parse(out);
}

/** Runs statements that change the database (tests that set up a state the API cannot). */
export function dbExec(url: string, sql: string): void {
  if (dbKind(url) === 'sqlite') {
    run('sqlite3', [sqliteFile(url), '.timeout 5000', sql], `sqlite3 ${sql}`);
    return;
  }
  const t = pgTarget(url);
  run(pgTool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...pgArgs(t), '-d', t.name, '-c', sql], `psql ${sql}`);
}

/** The names of the database's tables (SQLite's own sqlite_* tables included), sorted. */
export function tableNames(url: string): string[] {
  const sql = dbKind(url) === 'sqlite'
    ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    : "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";
  return dbRows(url, sql).map((r) => r.name as string);
}

/** Every table of the database and its rows, as text (one JSON dump per table). */
export function dumpTables(url: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tableNames(url)) {
    out.set(t, JSON.stringify(dbRows(url, `SELECT * FROM "${t.replace(/"/g, '""')}"`)));
  }
  return out;
}
