// Error answers: unknown routes, wrong methods, malformed and oversized bodies, media types,
// and the language of problem texts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { checkProblemBody, expectProblem, hostOf, http, mediaType, postJson, RawConnection, type RawResponse } from './support.ts';

const LIMIT = 1048576; // the default --max-body-bytes

let server: Server;
before(async () => {
  server = await startServer({ demo: true });
});
after(async () => {
  await server?.stop();
});

describe('unknown routes → 404 problem (never the web app)', () => {
  for (const path of ['/api/v1/nope', '/api/v1/nope/deeper', '/api/v1/', '/api/v1', '/api/v1/municipalities/1/extra', '/api/v2/municipalities', '/api/v1/MUNICIPALITIES']) {
    test(`GET ${path}`, async () => {
      const res = await http(server.url, path);
      const p = await expectProblem(res, 404, path);
      assert.equal(p.type, 'urn:helferkarte:problem:not-found');
    });
  }

  test('POST /api/v1/nope with a JSON body → 404', async () => {
    const res = await postJson(server.url, '/api/v1/nope', { a: 1 });
    await expectProblem(res, 404);
  });
});

describe('wrong method → 405 problem with Allow', () => {
  const cases: [string, string, string][] = [
    ['DELETE', '/api/v1/municipalities', 'GET'],
    ['POST', '/api/v1/municipalities/1', 'GET'],
    ['PUT', '/api/v1/municipalities/1', 'PATCH'],
    ['DELETE', '/api/v1/municipalities/1', 'GET'],
    ['PUT', '/api/v1/organizations/1', 'PATCH'],
    ['GET', '/api/v1/organizations/1/approve', 'POST'],
    ['PATCH', '/api/v1/organizations/1/members', 'GET'],
    ['GET', '/api/v1/auth/login', 'POST'],
    ['GET', '/api/v1/auth/logout', 'POST'],
    ['PUT', '/api/v1/me', 'GET'],
    ['POST', '/healthz', 'GET'],
    ['DELETE', '/readyz', 'GET'],
    ['POST', '/api/v1/openapi.json', 'GET'],
  ];
  for (const [method, path, expected] of cases) {
    test(`${method} ${path} → 405, Allow lists ${expected}`, async () => {
      const res = await http(server.url, path, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      const allow = res.headers.get('allow');
      await expectProblem(res, 405, `${method} ${path}`);
      assert.ok(allow, `${method} ${path}: Allow header missing`);
      const methods = allow.split(',').map((m) => m.trim().toUpperCase());
      assert.ok(methods.includes(expected), `Allow contains ${expected} (got ${allow})`);
      assert.ok(!methods.includes(method), `Allow does not contain ${method} (got ${allow})`);
    });
  }
});

describe('language of problems', () => {
  const cases: [string | null, 'de' | 'en'][] = [
    [null, 'de'],
    ['de', 'de'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN', 'en'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['en-US,en;q=0.9,de;q=0.8', 'en'],
    ['de;q=0.1, en;q=0.9', 'en'],
    ['en;q=0.5, de;q=0.9', 'de'],
    ['fr-FR', 'de'],
    ['fr-FR, en;q=0.5', 'en'],
    ['*', 'de'],
    [';;;,,,q=', 'de'],
  ];
  let titles: Record<string, string> = {};
  for (const [header, lang] of cases) {
    test(`Accept-Language ${JSON.stringify(header)} → ${lang}`, async () => {
      const res = await http(server.url, '/api/v1/nope', { headers: header === null ? {} : { 'Accept-Language': header } });
      assert.equal(res.headers.get('content-language'), lang, `Content-Language for ${header}`);
      const p = await expectProblem(res, 404);
      if (titles[lang] === undefined) titles[lang] = p.title;
      assert.equal(p.title, titles[lang], `the same ${lang} title`);
    });
  }
  test('German and English texts differ', async () => {
    const de = await expectProblem(await http(server.url, '/api/v1/nope'), 404);
    const en = await expectProblem(await http(server.url, '/api/v1/nope', { headers: { 'Accept-Language': 'en' } }), 404);
    assert.notEqual(de.title, en.title);
    assert.notEqual(de.detail, en.detail);
    assert.equal(de.type, en.type);
  });
});

describe('malformed JSON → 400 problem', () => {
  for (const body of ['', '{', '{"email":}', "{'email':'a@b.de'}", 'nul', '{"email":"a@b.de","password":"x"}}', '{"email":"a@b.de","password":"x"} trailing', '\u0000', '{"email":"a@b.de",}']) {
    test(`body ${JSON.stringify(body)}`, async () => {
      const res = await postJson(server.url, '/api/v1/auth/login', body);
      await expectProblem(res, 400, JSON.stringify(body));
    });
  }
});

describe('request bodies larger than the limit → 413 problem', () => {
  const head = (extra: string) =>
    `POST /api/v1/auth/login HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\nContent-Type: application/json\r\n${extra}\r\n`;

  /** Sends a request in pieces, tolerating the server closing early, and reads its answer. */
  async function send(headers: string, pieces: Buffer[]): Promise<RawResponse> {
    const c = await RawConnection.open(server.url);
    try {
      await c.write(headers);
      await c.writeUntilAnswered(pieces);
      return await c.readResponse({ timeoutMs: 15_000 });
    } finally {
      c.close();
    }
  }

  function jsonOfSize(size: number): Buffer {
    const prefix = '{"email":"a@b.de","password":"';
    const suffix = '"}';
    return Buffer.from(prefix + 'x'.repeat(size - prefix.length - suffix.length) + suffix);
  }

  function pieces(buf: Buffer, size = 64 * 1024): Buffer[] {
    const out = [];
    for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
    return out;
  }

  test('Content-Length of limit + 1 with the whole body', async () => {
    const body = jsonOfSize(LIMIT + 1);
    const res = await send(head(`Content-Length: ${body.length}\r\n`), pieces(body));
    assert.equal(res.status, 413, `expected 413, got ${res.status}: ${res.body.toString().slice(0, 300)}`);
    checkProblemBody(mediaType(res), res.body.toString('utf8'), 413, 'Content-Length oversize');
  });

  test('Content-Length of 10 MiB', async () => {
    const body = jsonOfSize(10 * LIMIT);
    const res = await send(head(`Content-Length: ${body.length}\r\n`), pieces(body, 256 * 1024));
    assert.equal(res.status, 413);
    checkProblemBody(mediaType(res), res.body.toString('utf8'), 413, '10 MiB');
  });

  test('a declared Content-Length over the limit is refused at once, before the body is sent', async () => {
    const c = await RawConnection.open(server.url);
    try {
      await c.write(head(`Content-Length: ${10 * LIMIT}\r\n`));
      const res = await c.readResponse({ timeoutMs: 5_000 });
      assert.equal(res.status, 413);
      checkProblemBody(mediaType(res), res.body.toString('utf8'), 413, 'declared oversize');
    } finally {
      c.close();
    }
  });

  test('a chunked body that grows beyond the limit', async () => {
    const body = jsonOfSize(LIMIT + 64 * 1024);
    const chunks = pieces(body).map((p) => Buffer.concat([Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n')]));
    chunks.push(Buffer.from('0\r\n\r\n'));
    const res = await send(head('Transfer-Encoding: chunked\r\n'), chunks);
    assert.equal(res.status, 413, `expected 413, got ${res.status}: ${res.body.toString().slice(0, 300)}`);
    checkProblemBody(mediaType(res), res.body.toString('utf8'), 413, 'chunked oversize');
  });

  test('a body of exactly the limit is read (not 413)', async () => {
    const body = jsonOfSize(LIMIT);
    const res = await send(head(`Content-Length: ${body.length}\r\n`), pieces(body));
    assert.ok(res.status !== 413 && res.status < 500, `a body of exactly ${LIMIT} bytes is accepted for processing (got ${res.status})`);
  });

  test('the server keeps serving afterwards', async () => {
    assert.equal((await http(server.url, '/healthz')).status, 200);
  });
});

describe('media type of request bodies', () => {
  for (const type of ['text/plain', 'application/xml', 'text/json', 'application/x-www-form-urlencoded']) {
    test(`POST with Content-Type ${type} → 415 problem`, async () => {
      const res = await http(server.url, '/api/v1/auth/login', {
        method: 'POST', headers: { 'Content-Type': type }, body: '{"email":"a@b.de","password":"x"}',
      });
      await expectProblem(res, 415, type);
    });
  }

  test('Content-Type APPLICATION/JSON (case-insensitive) is JSON', async () => {
    const res = await http(server.url, '/api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'Application/JSON' }, body: '{"email":"a@b.de","password":"x"}',
    });
    await expectProblem(res, 401, 'case-insensitive media type');
  });
});
