// Public municipality profiles: list with cursor paging, one by id.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { expectProblem, expectValidation, http, mediaType } from './support.ts';

let server: Server;
before(async () => {
  server = await startServer({ demo: true });
});
after(async () => {
  await server?.stop();
});

function assertMunicipality(m: any, where: string) {
  assert.equal(typeof m, 'object', `${where}: an object`);
  assert.equal(typeof m.id, 'string', `${where}: id is a string (ids are opaque strings)`);
  assert.ok(m.id.length > 0, `${where}: id not empty`);
  assert.equal(typeof m.name, 'string', `${where}: name`);
  assert.match(m.ags, /^\d{8}$/, `${where}: ags is 8 digits`);
  assert.equal(typeof m.center?.lat, 'number', `${where}: center.lat`);
  assert.equal(typeof m.center?.lon, 'number', `${where}: center.lon`);
  assert.ok(Math.abs(m.center.lat) <= 90 && Math.abs(m.center.lon) <= 180, `${where}: center in range`);
  assert.equal(typeof m.contactEmail, 'string', `${where}: contactEmail`);
  assert.ok(m.hotlinePhone === null || typeof m.hotlinePhone === 'string', `${where}: hotlinePhone string|null`);
  assert.ok(m.moderation === 'none' || m.moderation === 'pre', `${where}: moderation none|pre (got ${m.moderation})`);
  assert.equal(typeof m.imprint, 'string', `${where}: imprint`);
  assert.equal(typeof m.privacy, 'string', `${where}: privacy`);
}

async function list(query = '') {
  const res = await http(server.url, `/api/v1/municipalities${query}`);
  assert.equal(res.status, 200, `GET /api/v1/municipalities${query}`);
  assert.equal(mediaType(res), 'application/json');
  const body = await res.json();
  assert.ok(Array.isArray(body.items), 'items is an array');
  assert.ok('nextCursor' in body, 'nextCursor is present (null on the last page)');
  assert.ok(body.nextCursor === null || typeof body.nextCursor === 'string', 'nextCursor string|null');
  return body as { items: any[]; nextCursor: string | null };
}

describe('GET /api/v1/municipalities', () => {
  test('lists the demo municipality Gütersloh with its public profile', async () => {
    const body = await list();
    body.items.forEach((m, i) => assertMunicipality(m, `items[${i}]`));
    const gt = body.items.find((m) => m.ags === '05754008');
    assert.ok(gt, `Gütersloh (AGS 05754008) is listed; got ${JSON.stringify(body.items.map((m) => m.name))}`);
    assert.match(gt.name, /Gütersloh/);
    assert.ok(Math.abs(gt.center.lat - 51.9) < 0.2 && Math.abs(gt.center.lon - 8.38) < 0.2,
      `Gütersloh's centre is near 51.9 N, 8.38 E (got ${JSON.stringify(gt.center)})`);
    assert.match(gt.contactEmail, /^[^@\s]+@[^@\s]+$/);
  });

  test('paging with limit=1 visits every municipality exactly once', async () => {
    const all = await list('?limit=100');
    assert.equal(all.nextCursor, null, 'everything fits into one page of 100');
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 200; page++) {
      const body = await list(`?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(body.items.length <= 1, `limit=1 returns at most one item (got ${body.items.length})`);
      seen.push(...body.items.map((m) => m.id));
      cursor = body.nextCursor;
      if (cursor === null) break;
      assert.equal(body.items.length, 1, 'a page with a nextCursor is not empty');
    }
    assert.equal(cursor, null, 'paging ends');
    assert.equal(new Set(seen).size, seen.length, `no municipality twice: ${seen.join(', ')}`);
    assert.deepEqual([...seen].sort(), all.items.map((m) => m.id).sort(), 'the pages together are the whole list');
  });

  test('the default page holds up to 50', async () => {
    const body = await list();
    assert.ok(body.items.length <= 50);
  });

  test('limit=100 is allowed, limit=1 is allowed', async () => {
    await list('?limit=100');
    await list('?limit=1');
  });

  for (const bad of ['0', '101', '-1', 'abc', '1.5', '1e2', '99999999999999999999', ' 5']) {
    test(`limit=${JSON.stringify(bad)} → 422 naming the field "limit"`, async () => {
      const res = await http(server.url, `/api/v1/municipalities?limit=${encodeURIComponent(bad)}`);
      await expectValidation(res, ['limit'], `limit=${bad}`);
    });
  }

  for (const bad of ['not-a-cursor', '!!!', 'AAAAAAAAAAAAAAAA', '%ff', 'eyJpZCI6ImFiYyJ9']) {
    test(`cursor=${JSON.stringify(bad)} → 422 naming the field "cursor"`, async () => {
      const res = await http(server.url, `/api/v1/municipalities?cursor=${encodeURIComponent(bad)}`);
      await expectValidation(res, ['cursor'], `cursor=${bad}`);
    });
  }

  test('the validation problem is German by default and English on request', async () => {
    const de = await http(server.url, '/api/v1/municipalities?limit=0');
    assert.equal(de.headers.get('content-language'), 'de');
    const pde = await expectValidation(de, ['limit']);
    const en = await http(server.url, '/api/v1/municipalities?limit=0', { headers: { 'Accept-Language': 'en' } });
    assert.equal(en.headers.get('content-language'), 'en');
    const pen = await expectValidation(en, ['limit']);
    assert.notEqual(pde.title, pen.title, 'the titles differ between de and en');
    assert.notEqual(pde.errors![0].message, pen.errors![0].message, 'the field messages differ between de and en');
  });
});

describe('GET /api/v1/municipalities/{id}', () => {
  test('answers the same profile as the list', async () => {
    const body = await list('?limit=100');
    for (const m of body.items) {
      const res = await http(server.url, `/api/v1/municipalities/${encodeURIComponent(m.id)}`);
      assert.equal(res.status, 200);
      assert.equal(mediaType(res), 'application/json');
      const one = await res.json();
      assertMunicipality(one, `municipality ${m.id}`);
      assert.deepEqual(one, m);
    }
  });

  for (const id of ['999999999', 'does-not-exist', '0', '-1', '1.0', '%C3%BC', 'x'.repeat(300)]) {
    test(`unknown id ${JSON.stringify(id.slice(0, 20))} → 404 problem`, async () => {
      const res = await http(server.url, `/api/v1/municipalities/${id}`);
      const p = await expectProblem(res, 404, `id ${id.slice(0, 20)}`);
      assert.equal(p.type, 'urn:helferkarte:problem:not-found');
    });
  }
});
