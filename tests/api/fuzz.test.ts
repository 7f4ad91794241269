// No client input produces a 5xx: odd request lines, paths, headers, bodies and queries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { checkProblemBody, DEMO, hostOf, http, login, mediaType, rawRequest } from './support.ts';

let server: Server;
let host = '';
before(async () => {
  server = await startServer({ demo: true });
  host = hostOf(server.url);
});
after(async () => {
  await server?.stop();
});

function raw(method: string, target: string, headers: string[] = [], body = ''): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...headers];
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1');
}

async function expectBelow500(name: string, data: Buffer | string, { mayClose = false, method = 'GET', halfClose = false } = {}) {
  const res = await rawRequest(server.url, data, { method, timeoutMs: 15_000, halfClose });
  if (res === null) {
    assert.ok(mayClose, `${name}: the server closed the connection without any answer`);
    return;
  }
  assert.ok(res.status < 500, `${name}: got ${res.status} ${res.reason}: ${res.body.toString('utf8').slice(0, 300)}`);
}

describe('odd request targets', () => {
  const targets = [
    '/%00', '/%00/index.html', '/..%2f..%2fetc/passwd', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
    '/%', '/%Z', '/%ZZ/x', '/%E0%A4%A', '/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd', '/%FF%FE%FD',
    '/api/v1/municipalities/%00', '/api/v1/municipalities/%ZZ', '/api/v1/municipalities/..',
    '/api/v1/municipalities/%2e%2e', '/api/v1/./municipalities', '//api//v1//municipalities',
    '/api/v1/municipalities/', '/api/v1/municipalities?limit=%FF%FE', '/api/v1/municipalities?limit=%',
    '/api/v1/municipalities?&&&=&=&limit', '/api/v1/municipalities?limit=1&limit=2',
    '/api/v1/municipalities?limit[]=1', '/api/v1/municipalities?cursor=' + 'A'.repeat(10_000),
    '/api/v1/municipalities#frag', '/?' + '&a=b'.repeat(5_000), '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/index.html%00.js', '/.git/config', '/.env', '/api/v1/openapi.json/..', '/\\..\\..\\etc\\passwd',
    'http://evil.example/healthz', 'https://127.0.0.1/api/v1/me', '/healthz?%00=%00',
  ];
  for (const t of targets) {
    // Characters outside RFC 3986 make the request unparseable: closing without answer is fine.
    const mayClose = /[^A-Za-z0-9\-._~:/?\[\]@!$&'()*+,;=%]/.test(t);
    test(`GET ${t.slice(0, 60)}`, async () => {
      await expectBelow500(t, raw('GET', t), { mayClose });
    });
  }

  test('GET with invalid UTF-8 bytes in the path', async () => {
    await expectBelow500('raw bytes', Buffer.concat([Buffer.from('GET /'), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)]), { mayClose: true });
  });

  test('a 100 000 character URL → 414, 431, 400 or 404', async () => {
    const res = await rawRequest(server.url, raw('GET', '/' + 'a'.repeat(100_000)));
    assert.ok(res, 'an answer, not just a closed connection');
    assert.ok([400, 404, 414, 431].includes(res.status), `got ${res.status}`);
  });

  test('a 100 000 character header → 431 or 400', async () => {
    const res = await rawRequest(server.url, raw('GET', '/healthz', ['X-Fill: ' + 'a'.repeat(100_000)]));
    assert.ok(res, 'an answer, not just a closed connection');
    assert.ok([400, 431].includes(res.status), `got ${res.status}`);
  });

  test('2 000 headers → < 500', async () => {
    await expectBelow500('many headers', raw('GET', '/healthz', Array.from({ length: 2000 }, (_, i) => `X-H-${i}: v`)));
  });
});

describe('odd methods and request lines', () => {
  const lines: [string, string, boolean][] = [
    ['FOO', '/api/v1/municipalities', false], ['BREW', '/', false], ['PROPFIND', '/', false],
    ['TRACE', '/healthz', false], ['OPTIONS', '/api/v1/municipalities', false], ['OPTIONS', '*', false],
    ['CONNECT', '127.0.0.1:80', false], ['DELETE', '/', false], ['PUT', '/index.html', false],
    ['PATCH', '/api/v1/me', false], ['get', '/healthz', true], ['GET', '*', false], ['M-SEARCH', '*', false],
  ];
  for (const [method, target, mayClose] of lines) {
    test(`${method} ${target}`, async () => {
      await expectBelow500(`${method} ${target}`, raw(method, target), { mayClose, method });
    });
  }

  const garbage: [string, string | Buffer][] = [
    ['garbage line', 'GARBAGE\r\n\r\n'],
    ['empty lines', '\r\n\r\n\r\n'],
    ['no version', 'GET /healthz\r\n\r\n'],
    ['bad version', 'GET /healthz HTTP/9\r\nHost: x\r\n\r\n'],
    ['TLS hello', Buffer.from('16030100a5010000a10303' + '00'.repeat(64), 'hex')],
    ['LF only', 'GET /healthz HTTP/1.1\nHost: x\n\n'],
    ['space in target', 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['header without colon', 'GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n'],
    ['obs-fold header', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n'],
    ['NUL in header', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n'],
    ['HTTP/1.0 without Host', 'GET /healthz HTTP/1.0\r\n\r\n'],
    ['HTTP/1.1 without Host', 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n'],
  ];
  for (const [name, data] of garbage) {
    test(name, async () => {
      await expectBelow500(name, data, { mayClose: true });
    });
  }
});

describe('odd framing and headers', () => {
  const login = (headers: string[], body = '') =>
    Buffer.from(`POST /api/v1/auth/login HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\nContent-Type: application/json\r\n${headers.map((h) => h + '\r\n').join('')}\r\n${body}`, 'latin1');
  const body = '{"email":"a@b.de","password":"x"}';
  const cases: [string, Buffer][] = [
    ['negative Content-Length', login(['Content-Length: -1'], body)],
    ['non-numeric Content-Length', login(['Content-Length: abc'], body)],
    ['two different Content-Lengths', login([`Content-Length: ${body.length}`, 'Content-Length: 5'], body)],
    ['huge Content-Length', login(['Content-Length: 99999999999999999999999'], body)],
    ['Content-Length and chunked', login([`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked'], `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`)],
    ['bad chunk size', login(['Transfer-Encoding: chunked'], 'zz\r\nabc\r\n0\r\n\r\n')],
    ['unknown transfer coding', login(['Transfer-Encoding: gzip'], body)],
    ['Expect: 100-continue', login([`Content-Length: ${body.length}`, 'Expect: 100-continue'], body)],
    ['unknown Expect', login([`Content-Length: ${body.length}`, 'Expect: teapot'], body)],
    ['Content-Encoding gzip (not gzipped)', login([`Content-Length: ${body.length}`, 'Content-Encoding: gzip'], body)],
  ];
  for (const [name, data] of cases) {
    test(name, async () => {
      // Half-close after sending, so that a body delimited by the end of the connection ends.
      await expectBelow500(name, data, { mayClose: true, method: 'POST', halfClose: true });
    });
  }

  const headerCases: [string, Record<string, string>][] = [
    ['long cookie', { Cookie: 'hk_session=' + 'a'.repeat(6000) }],
    ['two session cookies', { Cookie: 'hk_session=a; hk_session=b' }],
    ['cookie without value', { Cookie: 'hk_session' }],
    ['latin-1 cookie', { Cookie: 'hk_session=\u00e4\u00f6\u00fc' }],
    ['cookie soup', { Cookie: ';;;=;=x;hk_session==;' }],
    ['long Accept-Language', { 'Accept-Language': 'en;q=0.5,'.repeat(500) }],
    ['odd Accept-Language', { 'Accept-Language': 'q=1;;en;q=-1,de;q=2,*;q=NaN' }],
    ['long X-Request-Id', { 'X-Request-Id': 'r'.repeat(4000) }],
    ['odd X-Request-Id', { 'X-Request-Id': '\u00ff"<script>\'' }],
    ['odd If-None-Match', { 'If-None-Match': '"' + 'x'.repeat(3000) }],
    ['odd Range', { Range: 'bytes=99999999999-1,-0,x' }],
    ['odd Accept', { Accept: '*/*;q=foo, text/html;level=99999999999999999' }],
  ];
  for (const [name, headers] of headerCases) {
    test(`${name} on GET /api/v1/me, / and /api/v1/municipalities`, async () => {
      for (const path of ['/api/v1/me', '/', '/api/v1/municipalities']) {
        const res = await http(server.url, path, { headers });
        assert.ok(res.status < 500, `${name} ${path}: got ${res.status}`);
        await res.body?.cancel();
      }
    });
  }
});

describe('odd JSON bodies on POST /api/v1/auth/login', () => {
  const bodies: [string, string | Buffer][] = [
    ['deeply nested arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['deeply nested objects', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
    ['unterminated nesting', '['.repeat(200_000)],
    ['huge exponents', '{"email": 1e999999, "password": 1e-999999}'],
    ['huge integers', '{"email": 123456789012345678901234567890123456789, "password": -0}'],
    ['a 400-digit number', `{"email":"a@b.de","password":${'9'.repeat(400)}}`],
    ['NaN and Infinity', '{"email": NaN, "password": Infinity}'],
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xff, 0xfe, 0x40, 0x78]), Buffer.from('.de","password":"'), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from('"}')])],
    ['lone surrogates', '{"email":"\\ud800@x.de","password":"\\udfff"}'],
    ['NUL in strings', '{"email":"a\\u0000@x.de","password":"x\\u0000y"}'],
    ['raw control characters', '{"email":"a\u0001@x.de","password":"x\ty"}'],
    ['wrong types', '{"email":["a@b.de"],"password":{"x":1}}'],
    ['null', 'null'], ['array', '[]'], ['string', '"a@b.de"'], ['true', 'true'], ['number', '42'],
    ['duplicate keys', '{"email":"a@b.de","email":"c@d.de","password":"x","password":"y"}'],
    ['10 000 keys', '{' + Array.from({ length: 10_000 }, (_, i) => `"k${i}":${i}`).join(',') + ',"email":"a@b.de","password":"x"}'],
    ['100 000 character e-mail', `{"email":"${'a'.repeat(100_000)}@b.de","password":"x"}`],
    ['900 000 character password', `{"email":"${DEMO.admin.email}","password":"${'p'.repeat(900_000)}"}`],
    ['byte order mark', '\ufeff{"email":"a@b.de","password":"x"}'],
    ['__proto__', '{"__proto__":{"admin":true},"email":"a@b.de","password":"x"}'],
    ['escaped everything', '{"\\u0065mail":"\\u0061@b.de","password":"\\"\\\\\\/\\b\\f\\n\\r\\t"}'],
    ['whitespace only', ' \r\n\t '],
    ['comment', '/* hi */ {"email":"a@b.de","password":"x"}'],
  ];
  for (const [name, body] of bodies) {
    test(name, async () => {
      const res = await http(server.url, '/api/v1/auth/login', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body),
      });
      const text = await res.text();
      assert.ok(res.status < 500, `${name}: got ${res.status}: ${text.slice(0, 300)}`);
      if (res.status >= 400) checkProblemBody(mediaType(res), text, res.status, name);
    });
  }

  test('odd bodies on logout with a session', async () => {
    const s = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
    for (const body of ['[', '{"a":1}', 'null', '']) {
      const res = await http(server.url, '/api/v1/auth/logout', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: s.cookie, 'X-CSRF-Token': 'wrong' }, body,
      });
      assert.ok(res.status < 500, `logout body ${JSON.stringify(body)}: got ${res.status}`);
      await res.body?.cancel();
    }
  });

  test('a POST without Content-Type → < 500', async () => {
    const res = await http(server.url, '/api/v1/auth/login', { method: 'POST', body: new Uint8Array(Buffer.from('{"email":"a@b.de","password":"x"}')) });
    assert.ok(res.status < 500, `got ${res.status}`);
    await res.body?.cancel();
  });
});

describe('the server survived', () => {
  test('still running and healthy', async () => {
    assert.equal(server.process.exitCode, null, `the server exited: ${server.stderr().slice(-2000)}`);
    assert.equal((await http(server.url, '/healthz')).status, 200);
    assert.equal((await http(server.url, '/api/v1/municipalities')).status, 200);
  });
});
