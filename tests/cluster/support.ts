// Several servers behind nginx for the cluster tests: the shipped proxy snippet
// (deploy/nginx/helferkarte-proxy.conf, location blocks) included in a server block of a
// throw-away nginx that runs unprivileged in a temporary folder, with the http-level names
// the snippet needs taken from deploy/nginx/helferkarte-zones.conf.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/server.ts';

export const nginxBinary = process.env.HELFERKARTE_NGINX ?? '/usr/sbin/nginx';
export const proxySnippet = join(repoRoot, 'deploy', 'nginx', 'helferkarte-proxy.conf');
export const zonesFile = join(repoRoot, 'deploy', 'nginx', 'helferkarte-zones.conf');

/** Marks a request for nginx's rate limits (see zoneLines); without it nothing is limited. */
export const RATE_LIMITED = 'X-Test-Client';

/**
 * The shipped zones with their names, sizes and rates, but keyed on the X-Test-Client header
 * instead of the client address. Every test request comes from 127.0.0.1: keyed on the address,
 * the shipped burst (40 per client) would turn away most of 200 parallel joins. An empty key is
 * not limited by nginx, so a request is limited exactly when it carries the header, and a test
 * of the limits still meets the shipped rates and bursts.
 */
export function zoneLines(zones: string): string[] {
  const out: string[] = [];
  for (const m of zones.replace(/#[^\n]*/g, '').matchAll(/limit_req_zone\s+\S+\s+([^;]*);/g)) {
    out.push(`limit_req_zone $http_x_test_client ${m[1].trim().replace(/\s+/g, ' ')};`);
  }
  if (out.length === 0) throw new Error(`no limit_req_zone in ${zonesFile}`);
  return out;
}

/** The shipped upstream block with the test's servers in place of the shipped ones. */
export function upstreamBlock(zones: string, servers: string[]): string {
  const m = /upstream\s+(\S+)\s*\{([^}]*)\}/.exec(zones.replace(/#[^\n]*/g, ''));
  if (!m) throw new Error(`no upstream block in ${zonesFile}`);
  const kept = m[2].split(';').map((s) => s.trim().replace(/\s+/g, ' ')).filter((s) => s && !/^server\s/.test(s));
  return [
    `upstream ${m[1]} {`,
    ...servers.map((s) => `    server ${s};`),
    ...kept.map((s) => `    ${s};`),
    '}',
  ].join('\n');
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export interface Nginx {
  url: string; // http://127.0.0.1:PORT
  dir: string;
  config: string; // the nginx.conf it runs
  errorLog(): string;
  stop(): Promise<void>;
}

/** An nginx on a free port passing requests round-robin to `backends` (http://host:port URLs). */
export async function startNginx(backends: string[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'helferkarte-nginx-'));
  for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
  const zones = readFileSync(zonesFile, 'utf8');
  const servers = backends.map((b) => new URL(b).host);
  let lastError = '';
  // The free port may be taken between asking and binding; then another.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const config = [
      // As root the workers would run as nobody, who cannot enter the temporary folder.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 2;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 4096; }',
      'http {',
      `  access_log ${join(dir, 'access.log')};`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((d) => `  ${d}_temp_path ${join(dir, d)};`),
      ...zoneLines(zones).map((l) => `  ${l}`),
      upstreamBlock(zones, servers).replace(/^/gm, '  '),
      '  server {',
      `    listen 127.0.0.1:${port};`,
      '    server_name localhost;',
      `    include ${proxySnippet};`,
      '  }',
      '}',
      '',
    ].join('\n');
    const configFile = join(dir, 'nginx.conf');
    writeFileSync(configFile, config);
    const child: ChildProcess = spawn(nginxBinary, ['-p', dir, '-c', configFile, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => { out += d; });
    child.stderr!.on('data', (d) => { out += d; });
    const exited = new Promise<void>((res) => child.on('exit', () => res()));
    const url = `http://127.0.0.1:${port}`;
    const errorLog = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
    const up = await waitUntilServing(url, child);
    if (up) {
      return {
        url, dir, config, errorLog,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM'); // nginx: fast shutdown
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    lastError = `${out}\n${errorLog()}`;
    if (!/Address already in use/.test(lastError)) break;
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`nginx did not start: ${lastError}`);
}

/** Polls /healthz through nginx until it answers 200; false if nginx exits or 15 s pass. */
async function waitUntilServing(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
