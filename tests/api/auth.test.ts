// Sessions: login, the current user, CSRF protection and logout.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { DEMO, expectProblem, expectValidation, http, login, mediaType, postJson } from './support.ts';

let server: Server;
let guetersloh = '';
before(async () => {
  server = await startServer({ demo: true });
  const list = await (await http(server.url, '/api/v1/municipalities?limit=100')).json();
  guetersloh = list.items.find((m: any) => m.ags === '05754008')?.id ?? '';
});
after(async () => {
  await server?.stop();
});

function assertMe(me: any, email: string, where: string) {
  assert.equal(typeof me.id, 'string', `${where}: id is a string`);
  assert.equal(me.email, email, `${where}: email`);
  assert.equal(typeof me.displayName, 'string', `${where}: displayName`);
  assert.ok(me.displayName.length > 0, `${where}: displayName not empty`);
  assert.equal(typeof me.emailVerified, 'boolean', `${where}: emailVerified is a boolean`);
  assert.ok(['de', 'en'].includes(me.language), `${where}: language is de or en (got ${me.language})`);
  assert.ok(Array.isArray(me.roles), `${where}: roles is an array`);
  for (const r of me.roles) {
    assert.ok(['platform_admin', 'coordinator', 'org_admin', 'org_member'].includes(r.role), `${where}: known role ${r.role}`);
    if ('municipalityId' in r) assert.equal(typeof r.municipalityId, 'string', `${where}: municipalityId is a string when present`);
    if ('organizationId' in r) assert.equal(typeof r.organizationId, 'string', `${where}: organizationId is a string when present`);
  }
  assert.equal(typeof me.csrfToken, 'string', `${where}: csrfToken`);
  assert.ok(me.csrfToken.length >= 16, `${where}: csrfToken is long enough to be unguessable`);
}

function cookieAttributes(setCookie: string) {
  const [pair, ...attrs] = setCookie.split(';').map((s) => s.trim());
  const map = new Map<string, string>();
  for (const a of attrs) {
    const eq = a.indexOf('=');
    map.set((eq < 0 ? a : a.slice(0, eq)).toLowerCase(), eq < 0 ? '' : a.slice(eq + 1));
  }
  return { name: pair.split('=')[0], value: pair.slice(pair.indexOf('=') + 1), attrs: map };
}

describe('POST /api/v1/auth/login', () => {
  for (const [key, who] of Object.entries(DEMO)) {
    test(`demo login ${who.email} (${who.role ?? 'no role'})`, async () => {
      const s = await login(server.url, who.email, who.password);
      assertMe(s.body.user, who.email, `login ${key}`);
      assert.equal(typeof s.body.csrfToken, 'string');
      assert.equal(s.body.user.csrfToken, s.body.csrfToken, 'user.csrfToken equals csrfToken');
      const roles = s.body.user.roles.map((r: any) => r.role);
      if (who.role === null) assert.deepEqual(roles, [], 'the volunteer has no role');
      else assert.ok(roles.includes(who.role), `has role ${who.role} (got ${JSON.stringify(s.body.user.roles)})`);
      if (who.role === 'coordinator') {
        const c = s.body.user.roles.find((r: any) => r.role === 'coordinator');
        assert.equal(c.municipalityId, guetersloh, 'the coordinator role is for Gütersloh');
      }
      if (who.role === 'org_admin' || who.role === 'org_member') {
        const o = s.body.user.roles.find((r: any) => r.role === who.role);
        assert.equal(typeof o.organizationId, 'string', `${who.role} names its organisation`);
      }
    });
  }

  test('the session cookie is hk_session; Path=/; HttpOnly; SameSite=Lax, not Secure over HTTP', async () => {
    const s = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
    const c = cookieAttributes(s.setCookie);
    assert.equal(c.name, 'hk_session');
    assert.ok(c.value.length >= 20, `the session token is long (got ${c.value.length} characters)`);
    assert.equal(c.attrs.get('path'), '/', `Path=/ (${s.setCookie})`);
    assert.ok(c.attrs.has('httponly'), `HttpOnly (${s.setCookie})`);
    assert.equal(c.attrs.get('samesite')?.toLowerCase(), 'lax', `SameSite=Lax (${s.setCookie})`);
    assert.ok(!c.attrs.has('secure'), `no Secure over plain HTTP (${s.setCookie})`);
  });

  test('each login starts a new session with its own tokens', async () => {
    const a = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
    const b = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
    assert.notEqual(a.cookie, b.cookie);
    assert.notEqual(a.csrfToken, b.csrfToken);
  });

  test('Content-Type application/json; charset=utf-8 is accepted', async () => {
    const res = await http(server.url, '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ email: DEMO.volunteer.email, password: DEMO.volunteer.password }),
    });
    assert.equal(res.status, 200);
  });

  test('wrong password and unknown e-mail → the same 401 problem, no cookie', async () => {
    const wrong = await postJson(server.url, '/api/v1/auth/login', { email: DEMO.admin.email, password: 'Demo-Admin-2025' });
    assert.deepEqual(wrong.headers.getSetCookie().filter((c) => c.startsWith('hk_session=') && !/max-age=0|expires=thu, 01 jan 1970/i.test(c)), []);
    const pw = await expectProblem(wrong, 401, 'wrong password');
    const unknown = await postJson(server.url, '/api/v1/auth/login', { email: 'nobody@helferkarte.example', password: 'Demo-Admin-2026' });
    const pu = await expectProblem(unknown, 401, 'unknown e-mail');
    assert.deepEqual({ type: pu.type, title: pu.title, detail: pu.detail }, { type: pw.type, title: pw.title, detail: pw.detail },
      'wrong e-mail and wrong password are answered alike (no account enumeration)');
  });

  test('the 401 is German by default and English with Accept-Language: en', async () => {
    const body = { email: DEMO.admin.email, password: 'falsch-falsch' };
    const de = await postJson(server.url, '/api/v1/auth/login', body);
    assert.equal(de.headers.get('content-language'), 'de');
    const pde = await expectProblem(de, 401);
    const en = await postJson(server.url, '/api/v1/auth/login', body, { 'Accept-Language': 'en-GB,en;q=0.9' });
    assert.equal(en.headers.get('content-language'), 'en');
    const pen = await expectProblem(en, 401);
    assert.equal(pde.type, pen.type);
    assert.notEqual(pde.detail, pen.detail);
  });

  const invalid: [string, unknown, string[]][] = [
    ['email not an address', { email: 'not-an-address', password: 'x' }, ['email']],
    ['email empty', { email: '', password: 'x' }, ['email']],
    ['email missing', { password: 'x' }, ['email']],
    ['email a number', { email: 42, password: 'x' }, ['email']],
    ['password missing', { email: DEMO.admin.email }, ['password']],
    ['password empty', { email: DEMO.admin.email, password: '' }, ['password']],
    ['password null', { email: DEMO.admin.email, password: null }, ['password']],
    ['password a number', { email: DEMO.admin.email, password: 12345678 }, ['password']],
    ['both missing', {}, ['email', 'password']],
    ['both invalid', { email: 'x@', password: '' }, ['email', 'password']],
  ];
  for (const [name, body, fields] of invalid) {
    test(`${name} → 422 naming ${fields.join(', ')}`, async () => {
      const res = await postJson(server.url, '/api/v1/auth/login', body);
      await expectValidation(res, fields, name);
    });
  }

  test('a body that is not JSON → 400 problem', async () => {
    const res = await postJson(server.url, '/api/v1/auth/login', '{"email": "a@b.de", "password": ');
    await expectProblem(res, 400);
  });

  test('a body that is not application/json → 415 problem', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const res = await http(server.url, '/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: JSON.stringify({ email: DEMO.admin.email, password: DEMO.admin.password }),
      });
      await expectProblem(res, 415, type);
    }
  });
});

describe('GET /api/v1/me', () => {
  test('with the session → the user of the login, with the same CSRF token', async () => {
    const s = await login(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
    const res = await http(server.url, '/api/v1/me', { headers: { Cookie: s.cookie } });
    assert.equal(res.status, 200);
    assert.equal(mediaType(res), 'application/json');
    const me = await res.json();
    assertMe(me, DEMO.coordinator.email, 'GET /api/v1/me');
    assert.deepEqual(me, s.body.user);
    assert.equal(me.csrfToken, s.csrfToken);
  });

  test('without a session → 401 problem', async () => {
    await expectProblem(await http(server.url, '/api/v1/me'), 401);
  });

  test('with a made-up or malformed session cookie → 401 problem', async () => {
    for (const cookie of ['hk_session=0123456789abcdef0123456789abcdef', 'hk_session=', 'hk_session="x"', 'other=1', 'hk_session=%00%ff']) {
      await expectProblem(await http(server.url, '/api/v1/me', { headers: { Cookie: cookie } }), 401, cookie);
    }
  });
});

describe('POST /api/v1/auth/logout', () => {
  test('without X-CSRF-Token → 403, with a wrong one → 403; the session stays valid', async () => {
    const s = await login(server.url, DEMO.orgMember.email, DEMO.orgMember.password);
    await expectProblem(await http(server.url, '/api/v1/auth/logout', { method: 'POST', headers: { Cookie: s.cookie } }), 403, 'no token');
    await expectProblem(await http(server.url, '/api/v1/auth/logout', {
      method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': 'wrong-token' },
    }), 403, 'wrong token');
    await expectProblem(await http(server.url, '/api/v1/auth/logout', {
      method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': '' },
    }), 403, 'empty token');
    const other = await login(server.url, DEMO.orgMember.email, DEMO.orgMember.password);
    await expectProblem(await http(server.url, '/api/v1/auth/logout', {
      method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': other.csrfToken },
    }), 403, "another session's token");
    assert.equal((await http(server.url, '/api/v1/me', { headers: { Cookie: s.cookie } })).status, 200, 'still logged in');
  });

  test('with the token → 204 without a body, and the session is invalid afterwards', async () => {
    const s = await login(server.url, DEMO.orgAdmin.email, DEMO.orgAdmin.password);
    const keep = await login(server.url, DEMO.orgAdmin.email, DEMO.orgAdmin.password);
    const res = await http(server.url, '/api/v1/auth/logout', {
      method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken },
    });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    await expectProblem(await http(server.url, '/api/v1/me', { headers: { Cookie: s.cookie } }), 401, 'after logout');
    // Logging out again with the dead session is no longer a session.
    const again = await http(server.url, '/api/v1/auth/logout', {
      method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken },
    });
    assert.ok(again.status === 401 || again.status === 403, `logout with a dead session → 401/403 (got ${again.status})`);
    await again.body?.cancel();
    // Another session of the same user is unaffected.
    assert.equal((await http(server.url, '/api/v1/me', { headers: { Cookie: keep.cookie } })).status, 200, 'the other session lives');
  });

  test('without any session → 401 or 403 problem', async () => {
    const res = await http(server.url, '/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': 'x' } });
    assert.ok(res.status === 401 || res.status === 403, `got ${res.status}`);
    await expectProblem(res, res.status);
  });
});
