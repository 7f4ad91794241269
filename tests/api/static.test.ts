// Serving the web app from web/dist: index.html for client routes, hashed assets with long
// caching and correct types, ETags, HEAD, 404 for missing files, no path traversal.
// The expectations are read from web/dist at test time (built by `make web`).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, webDir, type Server } from '../support/server.ts';
import { assertSecurityHeaders, expectProblem, hostOf, http, RawConnection, rawRequest } from './support.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

function norm(v: string | null) {
  return (v ?? '').toLowerCase().split(/\s*[;,]\s*/).join(';').trim();
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

const indexPath = join(webDir, 'index.html');
let server: Server;
let indexHtml: Buffer;
let assets: string[] = []; // URL paths under /assets/
let rootFiles: string[] = []; // other URL paths except /index.html

before(async () => {
  assert.ok(existsSync(indexPath), `${indexPath} is missing: build the web app first (make web)`);
  indexHtml = readFileSync(indexPath);
  const all = listFiles(webDir).map((p) => '/' + relative(webDir, p).split(sep).join('/'))
    .filter((u) => !u.split('/').some((seg) => seg.startsWith('.'))); // .build-stamp and the like
  assets = all.filter((u) => u.startsWith('/assets/'));
  rootFiles = all.filter((u) => !u.startsWith('/assets/') && u !== '/index.html');
  assert.ok(assets.length > 0, `${webDir}/assets holds files`);
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

function fileOf(url: string) {
  return readFileSync(join(webDir, ...url.slice(1).split('/')));
}

async function expectIndex(path: string) {
  const res = await http(server.url, path);
  assert.equal(res.status, 200, `${path}: status`);
  assert.equal(norm(res.headers.get('content-type')), norm(TYPES['.html']), `${path}: content type`);
  assert.equal(norm(res.headers.get('cache-control')), 'no-cache', `${path}: Cache-Control`);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(indexHtml), `${path}: body is web/dist/index.html`);
  assertSecurityHeaders(res.headers, path);
}

describe('the web app shell', () => {
  test('GET / → index.html, text/html; charset=utf-8, no-cache', async () => {
    await expectIndex('/');
  });

  for (const path of ['/impressum', '/datenschutz', '/foo/bar', '/needs/123', '/karte?lat=51.9&lon=8.38', '/foo/bar/']) {
    test(`client route ${path} → index.html`, async () => {
      await expectIndex(path);
    });
  }
});

describe('files of web/dist', () => {
  test('every file under /assets/ with its type, immutable caching and exact bytes', async () => {
    const problems: string[] = [];
    for (const url of assets) {
      const res = await http(server.url, url);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) { problems.push(`${url}: status ${res.status}`); continue; }
      const want = TYPES[extname(url)];
      if (want && norm(res.headers.get('content-type')) !== norm(want)) problems.push(`${url}: content type ${res.headers.get('content-type')}, expected ${want}`);
      if (!want && !res.headers.get('content-type')) problems.push(`${url}: no content type`);
      if (norm(res.headers.get('cache-control')) !== norm(IMMUTABLE)) problems.push(`${url}: Cache-Control ${res.headers.get('cache-control')}, expected ${IMMUTABLE}`);
      if (!body.equals(fileOf(url))) problems.push(`${url}: body differs from the file`);
      try { assertSecurityHeaders(res.headers, url); } catch (e) { problems.push((e as Error).message); }
    }
    assert.deepEqual(problems, []);
  });

  test('the asset types the app uses are served right', () => {
    // At least scripts and styles exist in every build; report which types were covered.
    const exts = new Set(assets.map((u) => extname(u)));
    assert.ok(exts.has('.js'), 'the build has a script under /assets/');
    assert.ok(exts.has('.css'), 'the build has a style sheet under /assets/');
  });

  test('files outside /assets/ are served with their type and are not immutable', async () => {
    const problems: string[] = [];
    for (const url of rootFiles) {
      const res = await http(server.url, url);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) { problems.push(`${url}: status ${res.status}`); continue; }
      const want = TYPES[extname(url)];
      if (want && norm(res.headers.get('content-type')) !== norm(want)) problems.push(`${url}: content type ${res.headers.get('content-type')}, expected ${want}`);
      if ((res.headers.get('cache-control') ?? '').includes('immutable')) problems.push(`${url}: must not be cached as immutable (its name carries no hash)`);
      if (!body.equals(fileOf(url))) problems.push(`${url}: body differs from the file`);
    }
    assert.deepEqual(problems, []);
  });

  for (const path of ['/nope.js', '/assets/nope-0123abcd.js', '/foo/bar.css', '/assets/nope.woff2', '/nope.webmanifest', '/icons/nope.png']) {
    test(`missing file ${path} → 404 problem`, async () => {
      const res = await http(server.url, path);
      const p = await expectProblem(res, 404, path);
      assert.equal(p.type, 'urn:helferkarte:problem:not-found');
      assertSecurityHeaders(res.headers, path);
    });
  }
});

describe('conditional requests and HEAD', () => {
  const targets = () => ['/', assets.find((u) => u.endsWith('.js'))!, assets.find((u) => u.endsWith('.css'))!];

  test('ETag and If-None-Match → 304 without a body', async () => {
    for (const path of targets()) {
      const first = await http(server.url, path);
      await first.arrayBuffer();
      const etag = first.headers.get('etag');
      assert.ok(etag, `${path}: ETag`);
      assert.match(etag, /^(W\/)?"[^"]*"$/, `${path}: ETag is a quoted string (got ${etag})`);
      const again = await http(server.url, path, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304, `${path}: If-None-Match with the ETag → 304`);
      assert.equal((await again.arrayBuffer()).byteLength, 0, `${path}: 304 has no body`);
      assertSecurityHeaders(again.headers, `${path} 304`);
      const list = await http(server.url, path, { headers: { 'If-None-Match': `"nope", ${etag}` } });
      assert.equal(list.status, 304, `${path}: If-None-Match with a list containing the ETag → 304`);
      await list.arrayBuffer();
      const other = await http(server.url, path, { headers: { 'If-None-Match': '"something-else"' } });
      assert.equal(other.status, 200, `${path}: another ETag → 200`);
      await other.arrayBuffer();
    }
  });

  test('the same content keeps its ETag, different files differ', async () => {
    const tags = [];
    for (const path of targets()) {
      const a = await http(server.url, path);
      const b = await http(server.url, path);
      await a.arrayBuffer();
      await b.arrayBuffer();
      assert.equal(a.headers.get('etag'), b.headers.get('etag'), `${path}: stable ETag`);
      tags.push(a.headers.get('etag'));
    }
    assert.equal(new Set(tags).size, tags.length, `distinct ETags for distinct files: ${tags.join(' ')}`);
  });

  test('HEAD answers like GET without a body', async () => {
    for (const path of [...targets(), '/impressum']) {
      const get = await http(server.url, path);
      const body = Buffer.from(await get.arrayBuffer());
      // fetch hides a body on HEAD; read the raw bytes to see that none is sent.
      const c = await RawConnection.open(server.url);
      let raw;
      try {
        await c.write(`HEAD ${path} HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\nConnection: close\r\n\r\n`);
        raw = await c.readResponse({ method: 'HEAD', timeoutMs: 10_000 });
        await c.waitClosed(5000);
        assert.equal(c.pending.length, 0, `${path}: HEAD sends no body (got ${c.pending.length} more bytes)`);
      } finally {
        c.close();
      }
      assert.equal(raw.status, 200, `${path}: HEAD status`);
      assert.equal(norm(raw.headers['content-type']), norm(get.headers.get('content-type')), `${path}: HEAD content type`);
      if (raw.headers['content-length'] !== undefined) {
        assert.equal(Number(raw.headers['content-length']), body.length, `${path}: HEAD Content-Length is the GET body length`);
      }
    }
  });
});

describe('path traversal never escapes web/dist', () => {
  const targets = [
    '/../package.json', '/../../package.json', '/assets/../../package.json', '/assets/../../../package.json',
    '/%2e%2e/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fpackage.json', '/..%5c..%5cpackage.json',
    '/....//....//package.json', '/.%2e/.%2e/package.json', '/%252e%252e/%252e%252e/package.json',
    '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json', '/../../.git/config', '/%2e%2e/%2e%2e/.git/config',
    '/../../../../../../../../etc/passwd', '/assets/../../../../../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '//etc/passwd', '/%2fetc%2fpasswd',
    '/assets/%2fetc%2fpasswd', '/etc/passwd%00.js', '/..%00/package.json', '/./././../package.json',
  ];
  for (const t of targets) {
    test(t, async () => {
      for (const method of ['GET', 'HEAD']) {
        const res = await rawRequest(server.url, `${method} ${t} HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\nConnection: close\r\n\r\n`, { method });
        if (res === null) continue; // refused by closing: fine
        assert.ok(res.status < 500, `${method} ${t}: got ${res.status}`);
        const text = res.body.toString('latin1');
        assert.ok(!text.includes('root:x:0:0') && !text.includes('root:*:0:0'), `${method} ${t}: leaked /etc/passwd`);
        assert.ok(!text.includes('"devDependencies"'), `${method} ${t}: leaked the repository's package.json`);
        assert.ok(!text.includes('[core]'), `${method} ${t}: leaked .git/config`);
        if (method === 'GET' && res.status === 200) {
          assert.ok(res.body.equals(indexHtml), `${method} ${t}: a 200 can only be the web app shell, got ${text.slice(0, 200)}`);
        }
      }
    });
  }
});
