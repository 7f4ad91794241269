// Starts the real helferkarte binary on a free port with a fresh temporary database: a SQLite
// file, or with HELFERKARTE_TEST_DATABASE=postgres a database of its own in the test cluster
// (tests/support/db.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropDatabase, freshDatabaseUrl } from './db.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const binary = process.env.HELFERKARTE_BIN ?? join(repoRoot, 'build', 'helferkarte');
export const webDir = process.env.HELFERKARTE_WEB_DIR ?? join(repoRoot, 'web', 'dist');

export interface StartOptions {
  demo?: boolean; // load the demo data before serving
  args?: string[]; // extra arguments for `serve`
  env?: Record<string, string>;
  mailTransport?: 'log' | 'smtp'; // default log; smtp reads HELFERKARTE_SMTP_* from `env`
  // A command the server runs under, e.g. ['strace', '-f', '-o', FILE] (tests/api/outbound.test.ts).
  // `process` is then the wrapper's; stop() signals the server itself, the wrapper's only child.
  wrap?: string[];
  // An existing database to serve (several servers on one database, tests/cluster): used as
  // given, neither created nor dropped.
  database?: string;
}

export interface Server {
  url: string; // http://127.0.0.1:PORT
  dir: string; // temporary folder holding the database and the mail folder
  mailDir: string; // where the `log` mail transport writes its .eml files (tests/support/mail.ts)
  database: string; // the --database URL (sqlite:FILE or postgres:///NAME?host=..)
  process: ChildProcess;
  stderr(): string; // everything the server logged so far
  stdout(): string; // everything it printed to standard output so far
  stop(signal?: NodeJS.Signals): Promise<number | null>; // resolves with the exit code
}

/** Runs a helferkarte subcommand to completion and returns its output. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(binary, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The routes `helferkarte routes` prints, as "METHOD /template", without HEAD. */
export function registeredRoutes(): Set<string> {
  const r = runCli(['routes']);
  if (r.status !== 0) throw new Error(`helferkarte routes failed: ${r.stderr}`);
  const routes = new Set(
    r.stdout.split('\n').map((l) => l.trim()).filter(Boolean)
      .map((l) => l.split(/\s+/))
      .filter(([m]) => m.toUpperCase() !== 'HEAD')
      .map(([m, p]) => `${m.toUpperCase()} ${p}`),
  );
  if (routes.size === 0) throw new Error(`helferkarte routes printed nothing: ${JSON.stringify(r.stdout)}`);
  return routes;
}

/** The only child process of `pid` (the server under a wrapper), or null. */
function wrappedChild(pid: number): number | null {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length === 1 ? Number(children[0]) : null;
  } catch {
    return null;
  }
}

export async function startServer(options: StartOptions = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'helferkarte-test-'));
  const database = options.database ?? freshDatabaseUrl(dir);
  const mailDir = join(dir, 'mail');
  const discard = () => {
    if (!options.database) dropDatabase(database);
    rmSync(dir, { recursive: true, force: true });
  };
  if (options.demo) {
    const r = runCli(['demo', '--database', database]);
    if (r.status !== 0) {
      discard();
      throw new Error(`helferkarte demo failed: ${r.stderr}`);
    }
  }
  const args = [
    'serve', '--listen', '127.0.0.1:0', '--database', database,
    '--mail-transport', options.mailTransport ?? 'log', '--mail-dir', mailDir,
    '--web-dir', webDir, ...(options.args ?? []),
  ];
  const wrap = options.wrap ?? [];
  const child = spawn(wrap.length ? wrap[0] : binary, wrap.length ? [...wrap.slice(1), binary, ...args] : args, {
    // The background jobs run only when a test drives them (`helferkarte jobs run --at`), so
    // that a reminder or completion never happens at a moment the test did not choose. The
    // response cache is off unless a test turns it on (tests/api/cache.test.ts): a test that
    // writes through another process (`jobs run`, a direct query) would otherwise see its
    // change only once the cache's seconds are over.
    env: {
      ...process.env,
      HELFERKARTE_LOG_FORMAT: 'json',
      HELFERKARTE_JOBS_INTERVAL_SECONDS: '0',
      HELFERKARTE_HTTP_CACHE_SECONDS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => { err += d; });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));

  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start: ${err}`)), 15_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); rej(new Error(`server exited with ${code}: ${err}`)); });
  }).catch(async (e: unknown) => {
    if (child.pid !== undefined) {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    }
    discard();
    throw e;
  });

  return {
    url, dir, mailDir, database, process: child,
    stderr: () => err,
    stdout: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) {
        // A wrapper such as strace would detach on the signal and leave the server running.
        const inner = wrap.length ? wrappedChild(child.pid!) : null;
        if (inner) process.kill(inner, signal);
        else child.kill(signal);
      }
      const code = await exited;
      discard();
      return code;
    },
  };
}
