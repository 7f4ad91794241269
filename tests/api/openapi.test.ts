// The OpenAPI document: served as built into the binary, valid 3.1 with resolvable references,
// describing exactly the routes the server registers, and true to the server's real answers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { registeredRoutes, repoRoot, startServer, type Server } from '../support/server.ts';
import { collectRefs, resolvePointer, Validator } from './schema.ts';
import { DEMO, http, login, mediaType, postJson } from './support.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const repoDoc = JSON.parse(readFileSync(join(repoRoot, 'openapi', 'openapi.json'), 'utf8'));

let server: Server;
before(async () => {
  server = await startServer({ demo: true });
});
after(async () => {
  await server?.stop();
});

function operations(doc: any): { method: string; path: string; op: any }[] {
  const out = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const m of METHODS) if (item[m]) out.push({ method: m.toUpperCase(), path, op: item[m] });
  }
  return out;
}

function deref(node: any): any {
  let cur = node;
  for (let i = 0; cur && typeof cur === 'object' && typeof cur.$ref === 'string' && i < 16; i++) {
    cur = resolvePointer(repoDoc, cur.$ref);
  }
  return cur;
}

describe('the served document', () => {
  test('GET /api/v1/openapi.json is the repository file, as JSON', async () => {
    const res = await http(server.url, '/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(mediaType(res), 'application/json');
    const served = await res.json();
    assert.deepEqual(served, repoDoc, 'the served document differs from openapi/openapi.json (rebuild the binary?)');
  });
});

describe('the document is valid OpenAPI 3.1', () => {
  test('version, info, servers', () => {
    assert.match(repoDoc.openapi, /^3\.1\.\d+$/, 'openapi is 3.1.x');
    assert.equal(typeof repoDoc.info?.title, 'string');
    assert.equal(typeof repoDoc.info?.version, 'string');
    assert.deepEqual(repoDoc.servers, [{ url: '/' }]);
  });

  test('every $ref resolves inside the document', () => {
    const refs = collectRefs(repoDoc);
    assert.ok(refs.length > 0, 'the document uses references');
    const broken = refs.filter(({ ref }) => !ref.startsWith('#/') || resolvePointer(repoDoc, ref) === undefined);
    assert.deepEqual(broken, [], `unresolvable references:\n${broken.map((b) => `  ${b.ref} at ${b.path}`).join('\n')}`);
  });

  test('the reusable components exist', () => {
    const schemas = Object.keys(repoDoc.components?.schemas ?? {});
    for (const name of ['Problem', 'ValidationProblem', 'Municipality', 'MunicipalityList', 'Me', 'Role', 'LoginRequest', 'LoginResponse']) {
      assert.ok(schemas.includes(name), `components.schemas.${name} missing`);
    }
    const session = repoDoc.components?.securitySchemes?.session;
    assert.deepEqual({ type: session?.type, in: session?.in, name: session?.name }, { type: 'apiKey', in: 'cookie', name: 'hk_session' });
  });

  test('operations are well-formed', () => {
    const problems: string[] = [];
    const ids = new Map<string, string>();
    for (const { method, path, op } of operations(repoDoc)) {
      const where = `${method} ${path}`;
      if (!path.startsWith('/')) problems.push(`${where}: path does not start with /`);
      if (typeof op.operationId !== 'string') problems.push(`${where}: no operationId`);
      else if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} also used by ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, where);
      const responses = Object.keys(op.responses ?? {});
      if (!responses.some((s) => /^2\d\d$/.test(s))) problems.push(`${where}: no 2xx response`);
      for (const s of responses) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(s)) problems.push(`${where}: bad response key ${s}`);
        const resp = deref(op.responses[s]);
        if (typeof resp?.description !== 'string') problems.push(`${where} ${s}: response without description`);
      }
      const params = [...(repoDoc.paths[path].parameters ?? []), ...(op.parameters ?? [])].map(deref);
      for (const prm of params) {
        if (!prm?.name || !['query', 'header', 'path', 'cookie'].includes(prm.in)) problems.push(`${where}: bad parameter ${JSON.stringify(prm)}`);
        if (prm?.in === 'path' && prm.required !== true) problems.push(`${where}: path parameter ${prm.name} is not required`);
      }
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = params.filter((p) => p?.in === 'path').map((p) => p.name).sort();
      if (JSON.stringify(templated) !== JSON.stringify(declared)) {
        problems.push(`${where}: path parameters ${JSON.stringify(templated)} but declared ${JSON.stringify(declared)}`);
      }
      for (const req of op.security ?? []) {
        for (const scheme of Object.keys(req)) {
          if (!repoDoc.components?.securitySchemes?.[scheme]) problems.push(`${where}: unknown security scheme ${scheme}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('logout asks for the X-CSRF-Token header and the session cookie', () => {
    const op = repoDoc.paths['/api/v1/auth/logout']?.post;
    assert.ok(op, 'POST /api/v1/auth/logout documented');
    const params = (op.parameters ?? []).map(deref);
    assert.ok(params.some((p: any) => p.in === 'header' && p.name === 'X-CSRF-Token' && p.required), 'X-CSRF-Token header parameter');
    assert.ok((op.security ?? []).some((s: any) => 'session' in s), 'session security requirement');
  });
});

describe('the document describes exactly the registered routes', () => {
  test('paths of the document = `helferkarte routes` (without HEAD)', () => {
    const registered = registeredRoutes();
    const documented = new Set(operations(repoDoc).filter((o) => o.method !== 'HEAD').map((o) => `${o.method} ${o.path}`));
    const notDocumented = [...registered].filter((x) => !documented.has(x)).sort();
    const notRegistered = [...documented].filter((x) => !registered.has(x)).sort();
    assert.ok(
      notDocumented.length === 0 && notRegistered.length === 0,
      'routes and document differ.\n' +
        `  registered by the server but missing in openapi/openapi.json:\n${notDocumented.map((x) => `    ${x}`).join('\n') || '    (none)'}\n` +
        `  documented in openapi/openapi.json but not registered by the server:\n${notRegistered.map((x) => `    ${x}`).join('\n') || '    (none)'}`,
    );
  });
});

describe('real responses match the documented schemas', () => {
  const validator = new Validator(repoDoc, true);

  function findOperation(method: string, path: string) {
    for (const o of operations(repoDoc)) {
      if (o.method !== method) continue;
      const re = new RegExp('^' + o.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
      if (re.test(path)) return o;
    }
    return null;
  }

  async function check(method: string, path: string, res: Response) {
    const where = `${method} ${path} → ${res.status}`;
    const o = findOperation(method, path.split('?')[0]);
    assert.ok(o, `${method} ${path} is not documented`);
    const resp = deref(o.op.responses[String(res.status)] ?? o.op.responses[`${String(res.status)[0]}XX`] ?? o.op.responses.default);
    assert.ok(resp, `${where}: status ${res.status} is not documented for ${o.method} ${o.path} (documented: ${Object.keys(o.op.responses).join(', ')})`);
    const text = await res.text();
    if (!resp.content) {
      assert.equal(text, '', `${where}: documented without a body but has one`);
      return;
    }
    const type = mediaType(res);
    const entry = Object.entries<any>(resp.content).find(([k]) => k.split(';')[0].trim().toLowerCase() === type);
    assert.ok(entry, `${where}: content type ${type} is not documented (documented: ${Object.keys(resp.content).join(', ')})`);
    if (type.endsWith('json')) {
      const errors = validator.validate(JSON.parse(text), entry[1].schema ?? true);
      assert.deepEqual(errors, [], `${where}: body does not match the documented schema:\n  ${errors.join('\n  ')}`);
    }
  }

  test('operations endpoints', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/api/v1/openapi.json']) {
      await check('GET', path, await http(server.url, path));
    }
  });

  test('municipalities', async () => {
    const list = await http(server.url, '/api/v1/municipalities');
    const body = await list.clone().json();
    await check('GET', '/api/v1/municipalities', list);
    await check('GET', '/api/v1/municipalities?limit=1', await http(server.url, '/api/v1/municipalities?limit=1'));
    await check('GET', '/api/v1/municipalities?limit=0', await http(server.url, '/api/v1/municipalities?limit=0'));
    await check('GET', '/api/v1/municipalities?cursor=x', await http(server.url, '/api/v1/municipalities?cursor=%21%21not-a-cursor%21%21'));
    const id = body.items[0].id;
    await check('GET', `/api/v1/municipalities/${id}`, await http(server.url, `/api/v1/municipalities/${encodeURIComponent(id)}`));
    await check('GET', '/api/v1/municipalities/x', await http(server.url, '/api/v1/municipalities/does-not-exist-4711'));
  });

  test('login, me, logout', async () => {
    const path = '/api/v1/auth/login';
    await check('POST', path, await postJson(server.url, path, { email: DEMO.coordinator.email, password: DEMO.coordinator.password }));
    await check('POST', path, await postJson(server.url, path, { email: DEMO.coordinator.email, password: 'wrong-password-1' }));
    await check('POST', path, await postJson(server.url, path, { email: 'not-an-address', password: '' }));
    await check('POST', path, await postJson(server.url, path, '{"email": '));
    await check('POST', path, await http(server.url, path, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }));
    await check('GET', '/api/v1/me', await http(server.url, '/api/v1/me'));

    const s = await login(server.url, DEMO.orgAdmin.email, DEMO.orgAdmin.password);
    await check('GET', '/api/v1/me', await http(server.url, '/api/v1/me', { headers: { Cookie: s.cookie } }));
    await check('POST', '/api/v1/auth/logout', await http(server.url, '/api/v1/auth/logout', { method: 'POST', headers: { Cookie: s.cookie } }));
    await check('POST', '/api/v1/auth/logout', await http(server.url, '/api/v1/auth/logout', {
      method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken },
    }));
  });

  test('the demo roles fit the Role schema', async () => {
    for (const who of Object.values(DEMO)) {
      const s = await login(server.url, who.email, who.password);
      const errors = validator.validate(s.body, { $ref: '#/components/schemas/LoginResponse' });
      assert.deepEqual(errors, [], `login of ${who.email}:\n  ${errors.join('\n  ')}`);
    }
  });
});
