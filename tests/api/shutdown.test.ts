// Graceful shutdown: SIGTERM lets a request in flight finish, refuses new connections, does
// not wait for idle keep-alive connections, and exits with 0. Each test needs its own server
// because each ends it.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { DEMO, hostOf, RawConnection, sleep } from './support.ts';

let server: Server | null = null;
afterEach(async () => {
  await server?.stop('SIGKILL');
  server = null;
});

function exitOf(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const started = Date.now();
  return new Promise((res, rej) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return res({ code: child.exitCode, signal: child.signalCode, ms: 0 });
    }
    const timer = setTimeout(() => rej(new Error(`the server did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => { clearTimeout(timer); res({ code, signal, ms: Date.now() - started }); });
  });
}

/** Opens a new connection and asks for /healthz: 'refused', 'closed' (with or without an answer) or 'served'. */
async function tryNewConnection(base: string): Promise<string> {
  const u = new URL(base);
  return new Promise((res) => {
    const s = connect({ host: u.hostname, port: Number(u.port) });
    let data = '';
    const timer = setTimeout(() => { s.destroy(); res(`neither refused nor closed within 3 s; got ${JSON.stringify(data.slice(0, 100))}`); }, 3000);
    s.on('connect', () => s.write(`GET /healthz HTTP/1.1\r\nHost: ${u.host}\r\n\r\n`));
    s.on('data', (d) => { data += d.toString('latin1'); });
    s.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      res(e.code === 'ECONNREFUSED' ? 'refused' : /^HTTP\/1\.[01] 2/.test(data) ? `served ${data.slice(0, 40)}` : 'closed');
    });
    s.on('close', () => {
      clearTimeout(timer);
      res(/^HTTP\/1\.[01] 2/.test(data) ? `served: ${JSON.stringify(data.slice(0, 60))}` : 'closed');
    });
  });
}

describe('SIGTERM', () => {
  test('a request in flight finishes; new connections are refused; exit code 0', async () => {
    server = await startServer({ demo: true });
    const body = JSON.stringify({ email: DEMO.admin.email, password: DEMO.admin.password });
    const half = Math.floor(body.length / 2);
    const c = await RawConnection.open(server.url);
    try {
      await c.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
      await sleep(200);
      const exited = exitOf(server.process, 20_000);
      server.process.kill('SIGTERM');
      await sleep(300);
      assert.equal(server.process.exitCode, null, `the server exited with a request in flight: ${server.stderr().slice(-1500)}`);

      const fresh = await tryNewConnection(server.url);
      assert.ok(fresh === 'refused' || fresh === 'closed', `a new connection during shutdown is refused or closed (got ${fresh})`);

      await c.write(body.slice(half));
      const res = await c.readResponse({ timeoutMs: 10_000 });
      assert.equal(res.status, 200, `the request in flight is answered completely (got ${res.status} ${res.body.toString().slice(0, 300)})`);
      const json = JSON.parse(res.body.toString('utf8'));
      assert.equal(json.user?.email, DEMO.admin.email, 'a complete login answer');

      const { code, signal } = await exited;
      assert.equal(signal, null, `exited by signal ${signal}`);
      assert.equal(code, 0, `exit code after SIGTERM (stderr: ${server.stderr().slice(-1500)})`);
    } finally {
      c.close();
    }
  });

  test('an idle keep-alive connection does not hold up the shutdown', async () => {
    server = await startServer();
    const c = await RawConnection.open(server.url);
    try {
      await c.write(`GET /healthz HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\n\r\n`);
      assert.equal((await c.readResponse()).status, 200);
      assert.ok(!c.isEnded, 'the connection is kept alive');
      const exited = exitOf(server.process, 5_000);
      server.process.kill('SIGTERM');
      const { code, signal, ms } = await exited;
      assert.equal(signal, null, `exited by signal ${signal}`);
      assert.equal(code, 0, 'exit code after SIGTERM');
      assert.ok(ms < 5_000, `exited within 5 s (took ${ms} ms)`);
      assert.ok(await c.waitClosed(1000), 'the idle connection was closed');
    } finally {
      c.close();
    }
  });

  test('without any connection the server exits with 0 at once', async () => {
    server = await startServer();
    const exited = exitOf(server.process, 5_000);
    server.process.kill('SIGTERM');
    const { code, signal } = await exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
  });
});
