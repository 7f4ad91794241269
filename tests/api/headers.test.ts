// Security headers and request ids on every kind of response; persistent connections.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { assertSecurityHeaders, DEMO, hostOf, http, login, postJson, RawConnection, rawRequest, sleep } from './support.ts';

let server: Server;
before(async () => {
  server = await startServer({ demo: true });
});
after(async () => {
  await server?.stop();
});

describe('security headers on every response', () => {
  const cases: [string, () => Promise<Response>, number][] = [
    ['GET /healthz', () => http(server.url, '/healthz'), 200],
    ['HEAD /healthz', () => http(server.url, '/healthz', { method: 'HEAD' }), 200],
    ['GET /readyz', () => http(server.url, '/readyz'), 200],
    ['GET /metrics', () => http(server.url, '/metrics'), 200],
    ['GET /api/v1/openapi.json', () => http(server.url, '/api/v1/openapi.json'), 200],
    ['GET /api/v1/municipalities', () => http(server.url, '/api/v1/municipalities'), 200],
    ['GET /api/v1/municipalities?limit=0 (422)', () => http(server.url, '/api/v1/municipalities?limit=0'), 422],
    ['GET /api/v1/municipalities/nope (404)', () => http(server.url, '/api/v1/municipalities/nope'), 404],
    ['GET /api/v1/nope (404)', () => http(server.url, '/api/v1/nope'), 404],
    ['DELETE /api/v1/municipalities (405)', () => http(server.url, '/api/v1/municipalities', { method: 'DELETE' }), 405],
    ['GET /api/v1/me (401)', () => http(server.url, '/api/v1/me'), 401],
    ['POST login malformed (400)', () => postJson(server.url, '/api/v1/auth/login', '{'), 400],
    ['POST login text/plain (415)', () => http(server.url, '/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' }), 415],
    ['POST login wrong (401)', () => postJson(server.url, '/api/v1/auth/login', { email: DEMO.admin.email, password: 'nope-nope' }), 401],
    ['POST login (200)', () => postJson(server.url, '/api/v1/auth/login', { email: DEMO.admin.email, password: DEMO.admin.password }), 200],
    ['POST logout without token (403)', async () => {
      const s = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
      return http(server.url, '/api/v1/auth/logout', { method: 'POST', headers: { Cookie: s.cookie } });
    }, 403],
    ['POST logout (204)', async () => {
      const s = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
      return http(server.url, '/api/v1/auth/logout', { method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken } });
    }, 204],
    ['GET / (web app)', () => http(server.url, '/'), 200],
    ['GET /impressum (web app route)', () => http(server.url, '/impressum'), 200],
    ['GET /nope.js (404)', () => http(server.url, '/nope.js'), 404],
  ];
  for (const [name, run, status] of cases) {
    test(name, async () => {
      const res = await run();
      assert.equal(res.status, status, `${name}: status`);
      assertSecurityHeaders(res.headers, name);
      await res.body?.cancel();
    });
  }

  test('GET / with If-None-Match (304)', async () => {
    const first = await http(server.url, '/');
    const etag = first.headers.get('etag');
    await first.body?.cancel();
    assert.ok(etag, 'GET / has an ETag');
    const res = await http(server.url, '/', { headers: { 'If-None-Match': etag } });
    assert.equal(res.status, 304);
    assertSecurityHeaders(res.headers, '304');
  });

  test('413 from an oversized body', async () => {
    const size = 2 * 1048576;
    const c = await RawConnection.open(server.url);
    try {
      await c.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`);
      await c.writeUntilAnswered(Array.from({ length: size / (64 * 1024) }, () => Buffer.alloc(64 * 1024, 0x20)));
      const res = await c.readResponse();
      assert.equal(res.status, 413);
      assertSecurityHeaders(res.headers, '413');
    } finally {
      c.close();
    }
  });

  test('400 from an unparseable request, when the server answers one', async () => {
    const res = await rawRequest(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
    if (res) {
      assert.ok(res.status >= 400 && res.status < 500, `got ${res.status}`);
      assertSecurityHeaders(res.headers, `raw ${res.status}`);
    }
  });
});

describe('X-Request-Id', () => {
  test('each response gets its own generated id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await http(server.url, '/healthz');
      const id = res.headers.get('x-request-id');
      assert.ok(id && id.length >= 8, `a generated id of some length (got ${id})`);
      ids.add(id);
      await res.body?.cancel();
    }
    assert.equal(ids.size, 5, 'the ids differ');
  });

  for (const id of ['test-1234_ABC', 'c0a8012e-7b3d-4f6a-9c1e-2d4b6f8a0e13', 'a', 'A1b2C3']) {
    test(`a sane client id ${JSON.stringify(id)} is echoed`, async () => {
      for (const path of ['/healthz', '/api/v1/nope', '/']) {
        const res = await http(server.url, path, { headers: { 'X-Request-Id': id } });
        assert.equal(res.headers.get('x-request-id'), id, `echoed on ${path}`);
        await res.body?.cancel();
      }
    });
  }

  for (const id of ['<script>alert(1)</script>', 'x'.repeat(1000), '\u00e4\u00f6\u00fc-umlauts', 'quote"and\\backslash']) {
    test(`an insane client id ${JSON.stringify(id.slice(0, 30))} is replaced`, async () => {
      const res = await http(server.url, '/healthz', { headers: { 'X-Request-Id': id } });
      const got = res.headers.get('x-request-id');
      assert.ok(got, 'still has an X-Request-Id');
      assert.notEqual(got, id, 'not echoed verbatim');
      await res.body?.cancel();
    });
  }
});

describe('persistent connections', () => {
  const host = () => hostOf(server.url);

  test('two requests one after the other on one connection', async () => {
    const c = await RawConnection.open(server.url);
    try {
      await c.write(`GET /healthz HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
      const a = await c.readResponse();
      assert.equal(a.status, 200);
      assert.deepEqual(JSON.parse(a.body.toString()), { status: 'ok' });
      assert.ok(!c.isEnded, 'the connection stays open after the first response');
      await c.write(`GET /api/v1/municipalities?limit=1 HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
      const b = await c.readResponse();
      assert.equal(b.status, 200);
      assert.equal(JSON.parse(b.body.toString()).items.length, 1);
      const body = JSON.stringify({ email: DEMO.admin.email, password: 'wrong-password' });
      await c.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      assert.equal((await c.readResponse()).status, 401);
      await c.write(`GET /api/v1/nope HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
      assert.equal((await c.readResponse()).status, 404, 'an error answer keeps the connection usable');
      await c.write(`GET /healthz HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
      assert.equal((await c.readResponse()).status, 200);
    } finally {
      c.close();
    }
  });

  test('many API requests on one connection, then the client hangs up: the server lives on', async () => {
    for (const hangup of ['end', 'destroy'] as const) {
      const c = await RawConnection.open(server.url);
      for (let i = 0; i < 12; i++) {
        await c.write(`GET /api/v1/municipalities?limit=${(i % 3) + 1} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
        assert.equal((await c.readResponse()).status, 200, `request ${i + 1} on one connection`);
      }
      if (hangup === 'end') c.socket.end();
      else c.close();
      await sleep(1500);
      assert.equal(server.process.exitCode, null, `the server died after the client hung up (${hangup}); signal ${server.process.signalCode}`);
      assert.equal(server.process.signalCode, null, `the server was killed by ${server.process.signalCode} after the client hung up (${hangup})`);
      const res = await http(server.url, '/healthz');
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
  });

  test('pipelined requests are answered in order', async () => {
    const c = await RawConnection.open(server.url);
    try {
      await c.write(
        `GET /healthz HTTP/1.1\r\nHost: ${host()}\r\n\r\n` +
        `GET /api/v1/nope HTTP/1.1\r\nHost: ${host()}\r\n\r\n` +
        `GET /readyz HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
      const a = await c.readResponse();
      const b = await c.readResponse();
      const d = await c.readResponse();
      assert.deepEqual([a.status, b.status, d.status], [200, 404, 200]);
      assert.deepEqual(JSON.parse(d.body.toString()), { status: 'ready' });
    } finally {
      c.close();
    }
  });

  test('Connection: close is honoured', async () => {
    const c = await RawConnection.open(server.url);
    try {
      await c.write(`GET /healthz HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
      assert.equal((await c.readResponse()).status, 200);
      assert.ok(await c.waitClosed(5000), 'the server closes the connection');
    } finally {
      c.close();
    }
  });

  test('HTTP/1.0 without keep-alive is closed after the response', async () => {
    const c = await RawConnection.open(server.url);
    try {
      await c.write(`GET /healthz HTTP/1.0\r\nHost: ${host()}\r\n\r\n`);
      const res = await c.readResponse();
      assert.equal(res.status, 200);
      assert.ok(await c.waitClosed(5000), 'the server closes the connection');
    } finally {
      c.close();
    }
  });
});

describe('Expect: 100-continue', () => {
  test('the server sends 100 Continue before the client sends the body, then answers', async () => {
    const { createConnection } = await import('node:net');
    const { hostname, port } = new URL(server.url);
    const body = JSON.stringify({ email: 'nobody@example.org', password: 'wrong-password-123' });
    const result = await new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: hostname, port: Number(port) });
      let data = '';
      let sentBody = false;
      const timer = setTimeout(() => { socket.destroy(); reject(new Error(`timed out; got ${JSON.stringify(data)}`)); }, 5000);
      socket.setEncoding('utf8');
      socket.on('connect', () => {
        socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
      });
      socket.on('data', (chunk: string) => {
        data += chunk;
        if (!sentBody && /^HTTP\/1\.1 100 /.test(data) && data.includes('\r\n\r\n')) {
          sentBody = true;
          socket.write(body);
        }
      });
      socket.on('end', () => { clearTimeout(timer); resolve(data); });
      socket.on('error', (e) => { clearTimeout(timer); reject(e); });
    });
    assert.match(result, /^HTTP\/1\.1 100 Continue\r\n\r\n/);
    assert.match(result, /\r\n\r\nHTTP\/1\.1 401 /);
  });
});
