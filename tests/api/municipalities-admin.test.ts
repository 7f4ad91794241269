// Administering municipalities: the platform admin creates them, coordinators and the platform
// admin change them, appoint and remove coordinators (by invitation when the address has no
// account yet) and read the audit log: who did what, when and why, newest first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  call, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages, guetersloh, http,
  linkToken, login, mailTo, postJson, problemCode, register, uniqueAgs, uniqueEmail, verifiedUser, type Actor, startDemoServer } from './support.ts';

let server: Server;
let admin: Actor;
let coordinatorM: Actor;
let M = '';

before(async () => {
  server = await startDemoServer();
  admin = await demoActor(server.url, DEMO.admin);
  coordinatorM = await demoActor(server.url, DEMO.coordinator);
  M = await guetersloh(server.url);
});
after(async () => {
  await server?.stop();
});

const mailDir = () => server.mailDir;

function municipalityBody(extra: Record<string, unknown> = {}) {
  return { name: 'Teststadt', ags: uniqueAgs(), center: { lat: 52.1, lon: 8.6 }, contactEmail: 'rathaus@teststadt.example', moderation: 'none', ...extra };
}

async function createMunicipality(extra: Record<string, unknown> = {}) {
  return expectJson(await call(server.url, 'POST', '/api/v1/municipalities', { as: admin, body: municipalityBody(extra) }), 201, 'create municipality');
}

/** The id of the municipality's hotline organisation, of which its coordinators are members. */
async function hotlineOf(municipalityId: string): Promise<string> {
  const list = await expectJson(await http(server.url, `/api/v1/organizations?municipalityId=${municipalityId}&limit=100`), 200, 'organisations');
  const hotlines = list.items.filter((o: any) => o.hotline);
  assert.equal(hotlines.length, 1, 'one hotline organisation per municipality');
  return hotlines[0].id;
}

/** A municipality with a coordinator of its own (granted to an existing account). */
async function municipalityWithCoordinator(): Promise<{ id: string; ags: string; coordinator: Actor }> {
  const m = await createMunicipality();
  const coordinator = await verifiedUser(server, 'coordinator');
  const res = await call(server.url, 'POST', `/api/v1/municipalities/${m.id}/coordinators`, { as: admin, body: { email: coordinator.email } });
  assert.equal((await expectJson(res, 201, 'appoint coordinator')).status, 'granted');
  return { id: m.id, ags: m.ags, coordinator };
}

async function auditLog(municipalityId: string, who: Actor, query = '') {
  return expectJson(await call(server.url, 'GET', `/api/v1/municipalities/${municipalityId}/audit-log${query}`, { as: who }), 200, 'audit log');
}

async function me(who: Actor) {
  return expectJson(await call(server.url, 'GET', '/api/v1/me', { as: who }), 200, 'me');
}

async function coordinators(municipalityId: string, who: Actor = admin) {
  return (await expectJson(await call(server.url, 'GET', `/api/v1/municipalities/${municipalityId}/coordinators`, { as: who }), 200, 'coordinators')).items as any[];
}

describe('POST /api/v1/municipalities', () => {
  test('the platform admin creates a municipality with every field; it is public at once', async () => {
    const body = municipalityBody({
      name: 'Stadt Harsewinkel', hotlinePhone: '05247 935-0', moderation: 'pre', contactEmail: 'Ehrenamt@Harsewinkel.example',
      imprint: 'Stadt Harsewinkel, Münsterstraße 14', privacy: 'Wir speichern nur, was nötig ist.',
    });
    const m = await expectJson(await call(server.url, 'POST', '/api/v1/municipalities', { as: admin, body }), 201, 'create');
    assert.equal(typeof m.id, 'string');
    assert.deepEqual({ ...m, id: undefined }, {
      id: undefined, name: 'Stadt Harsewinkel', ags: body.ags, center: { lat: 52.1, lon: 8.6 },
      contactEmail: 'ehrenamt@harsewinkel.example', hotlinePhone: '05247 935-0', moderation: 'pre',
      imprint: 'Stadt Harsewinkel, Münsterstraße 14', privacy: 'Wir speichern nur, was nötig ist.',
      accessibility: '', privacyDefault: m.privacyDefault,
    });
    assert.match(m.privacyDefault, /^Datenschutzerklärung der Helferkarte Stadt Harsewinkel\n/);
    assert.deepEqual(await expectJson(await http(server.url, `/api/v1/municipalities/${m.id}`), 200), m, 'GET by id answers the same');
    const list = await expectJson(await http(server.url, '/api/v1/municipalities?limit=100'), 200);
    assert.ok(list.items.some((x: any) => x.id === m.id), 'listed');
  });

  test('optional fields: no hotline, empty imprint and privacy', async () => {
    const m = await createMunicipality();
    assert.equal(m.hotlinePhone, null);
    assert.equal(m.imprint, '');
    assert.equal(m.privacy, '');
  });

  test('a second municipality with the same AGS → 409 conflict', async () => {
    const m = await createMunicipality();
    const res = await call(server.url, 'POST', '/api/v1/municipalities', { as: admin, body: municipalityBody({ ags: m.ags }) });
    assert.equal(problemCode(await expectProblem(res, 409, 'duplicate AGS')), 'conflict');
    const gt = await call(server.url, 'POST', '/api/v1/municipalities', { as: admin, body: municipalityBody({ ags: '05754008' }) });
    assert.equal(problemCode(await expectProblem(gt, 409, 'Gütersloh AGS')), 'conflict');
  });

  test('the creation is in the new municipality\'s audit log', async () => {
    const m = await createMunicipality({ name: 'Auditstadt' });
    const log = await auditLog(m.id, admin);
    assert.equal(log.items.length, 1, `one entry: ${JSON.stringify(log.items)}`);
    const e = log.items[0];
    assert.equal(e.action, 'municipality.created');
    assert.equal(e.subjectType, 'municipality');
    assert.equal(e.subjectId, m.id);
    assert.equal(e.subjectLabel, 'Auditstadt');
    assert.deepEqual(e.actor, { id: admin.id, displayName: admin.displayName });
    assert.equal(e.reason, null);
    assert.equal(e.organizationId, null);
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    assert.ok(Math.abs(Date.parse(e.at) - Date.now()) < 120_000, `at is now (${e.at})`);
  });

  const invalid: [string, Record<string, unknown>, string[]][] = [
    ['an empty body', {}, ['name', 'ags', 'center', 'contactEmail', 'moderation']],
    ['an AGS of 7 digits', { ags: '1234567' }, ['ags']],
    ['an AGS of 9 digits', { ags: '123456789' }, ['ags']],
    ['an AGS with letters', { ags: '0575400a' }, ['ags']],
    ['an AGS as a number', { ags: 5754008 }, ['ags']],
    ['lat 90.5', { center: { lat: 90.5, lon: 8 } }, ['center.lat']],
    ['lat -91', { center: { lat: -91, lon: 8 } }, ['center.lat']],
    ['lon 180.1', { center: { lat: 52, lon: 180.1 } }, ['center.lon']],
    ['lat as text', { center: { lat: '52', lon: 8 } }, ['center.lat']],
    ['no lon', { center: { lat: 52 } }, ['center.lon']],
    ['center as text', { center: '52,8' }, ['center']],
    ['a contact address without @', { contactEmail: 'rathaus.example' }, ['contactEmail']],
    ['moderation "post"', { moderation: 'post' }, ['moderation']],
    ['a hotline with letters', { hotlinePhone: 'ruf mich an' }, ['hotlinePhone']],
    ['a blank name', { name: '   ' }, ['name']],
    ['a name of 201 characters', { name: 'x'.repeat(201) }, ['name']],
    ['several at once', { name: '', ags: '1', center: { lat: 100, lon: 200 } }, ['name', 'ags', 'center.lat', 'center.lon']],
  ];
  for (const [what, patch, fields] of invalid) {
    test(`${what} → 422 naming ${fields.join(', ')} (German, English on request)`, async () => {
      const body = what === 'an empty body' ? {} : municipalityBody(patch);
      await expectValidationInBothLanguages(
        (headers) => call(server.url, 'POST', '/api/v1/municipalities', { as: admin, body, headers }), fields, what);
    });
  }

  test('malformed JSON → 400, a JSON array → 400, another media type → 415', async () => {
    for (const raw of ['{"name": ', '[]', '"x"']) {
      const res = await call(server.url, 'POST', '/api/v1/municipalities', { as: admin, body: raw });
      await expectProblem(res, 400, `body ${raw}`);
    }
    const res = await call(server.url, 'POST', '/api/v1/municipalities', {
      as: admin, body: JSON.stringify(municipalityBody()), headers: { 'Content-Type': 'text/plain' },
    });
    await expectProblem(res, 415, 'text/plain');
  });

  test('without the CSRF token → 403 csrf', async () => {
    const res = await http(server.url, '/api/v1/municipalities', {
      method: 'POST', headers: { Cookie: admin.session.cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(municipalityBody()),
    });
    assert.equal(problemCode(await expectProblem(res, 403)), 'csrf');
  });
});

describe('PATCH /api/v1/municipalities/{id}', () => {
  test('a coordinator changes fields of their municipality; fields not sent keep their value', async () => {
    const { id, coordinator } = await municipalityWithCoordinator();
    const before = await expectJson(await http(server.url, `/api/v1/municipalities/${id}`), 200);
    const changed = await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, {
      as: coordinator, body: { name: 'Neuer Name', hotlinePhone: '+49 5241 1234', moderation: 'pre', imprint: 'Impressum neu' },
    }), 200, 'patch');
    // The default privacy text names the municipality, so it follows the new name.
    assert.deepEqual(changed, {
      ...before, name: 'Neuer Name', hotlinePhone: '+49 5241 1234', moderation: 'pre', imprint: 'Impressum neu',
      privacyDefault: before.privacyDefault.replaceAll(before.name, 'Neuer Name'),
    });
    assert.deepEqual(await expectJson(await http(server.url, `/api/v1/municipalities/${id}`), 200), changed, 'stored');
  });

  test('hotlinePhone null removes the number', async () => {
    const { id, coordinator } = await municipalityWithCoordinator();
    await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: coordinator, body: { hotlinePhone: '05241 1' } }), 200);
    const cleared = await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: coordinator, body: { hotlinePhone: null } }), 200);
    assert.equal(cleared.hotlinePhone, null);
  });

  test('the center moves; a PATCH is audited as municipality.updated by its actor', async () => {
    const { id, coordinator } = await municipalityWithCoordinator();
    const changed = await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: coordinator, body: { center: { lat: 51.5, lon: 7.25 } } }), 200);
    assert.deepEqual(changed.center, { lat: 51.5, lon: 7.25 });
    const log = await auditLog(id, coordinator);
    assert.equal(log.items[0].action, 'municipality.updated');
    assert.deepEqual(log.items[0].actor, { id: coordinator.id, displayName: coordinator.displayName });
  });

  test('the AGS: a coordinator may not change it (403, even to its own value), the platform admin may', async () => {
    const { id, ags, coordinator } = await municipalityWithCoordinator();
    for (const value of [ags, uniqueAgs()]) {
      const res = await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: coordinator, body: { ags: value } });
      assert.equal(problemCode(await expectProblem(res, 403, `coordinator sets ags ${value}`)), 'forbidden');
    }
    const next = uniqueAgs();
    const changed = await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: admin, body: { ags: next } }), 200);
    assert.equal(changed.ags, next);
    const taken = await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: admin, body: { ags: '05754008' } });
    assert.equal(problemCode(await expectProblem(taken, 409, 'AGS of Gütersloh')), 'conflict');
  });

  test('a coordinator of another municipality → 403; an unknown municipality → 404', async () => {
    const { id } = await municipalityWithCoordinator();
    await expectProblem(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: coordinatorM, body: { name: 'Übernahme' } }), 403);
    for (const unknown of ['999999999', 'abc']) {
      await expectProblem(await call(server.url, 'PATCH', `/api/v1/municipalities/${unknown}`, { as: admin, body: { name: 'X' } }), 404, unknown);
    }
  });

  const invalid: [string, Record<string, unknown>, string[]][] = [
    ['lat 95', { center: { lat: 95, lon: 8 } }, ['center.lat']],
    ['moderation "sometimes"', { moderation: 'sometimes' }, ['moderation']],
    ['a bad contact address', { contactEmail: 'rathaus@' }, ['contactEmail']],
    ['an empty name', { name: '' }, ['name']],
    ['the name null', { name: null }, ['name']],
    ['a hotline with letters', { hotlinePhone: 'abc' }, ['hotlinePhone']],
    ['an imprint that is a number', { imprint: 5 }, ['imprint']],
    ['two bad fields', { name: '', moderation: 'x' }, ['name', 'moderation']],
  ];
  for (const [what, body, fields] of invalid) {
    test(`${what} → 422 naming ${fields.join(', ')}`, async () => {
      await expectValidationInBothLanguages(
        (headers) => call(server.url, 'PATCH', `/api/v1/municipalities/${M}`, { as: coordinatorM, body, headers }), fields, what);
    });
  }

  test('malformed JSON → 400, another media type → 415', async () => {
    await expectProblem(await call(server.url, 'PATCH', `/api/v1/municipalities/${M}`, { as: coordinatorM, body: '{"name"' }), 400);
    await expectProblem(await call(server.url, 'PATCH', `/api/v1/municipalities/${M}`, {
      as: coordinatorM, body: '{}', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }), 415);
  });
});

describe('coordinators', () => {
  test('an unknown address is invited, and becomes coordinator when it registers and verifies', async () => {
    const m = await createMunicipality({ name: 'Einladungsstadt' });
    const email = uniqueEmail('invited-coordinator');
    const res = await call(server.url, 'POST', `/api/v1/municipalities/${m.id}/coordinators`, { as: admin, body: { email: `  ${email.toUpperCase()} ` } });
    assert.deepEqual(await expectJson(res, 201, 'invite'), { email, role: 'coordinator', status: 'invited' });

    const invitation = await mailTo(mailDir(), email, '/registrieren?email=');
    assert.ok(invitation.text.includes(`/registrieren?email=${encodeURIComponent(email)}`), `the link names the address:\n${invitation.body}`);
    assert.ok(invitation.text.includes('Einladungsstadt'), 'the mail names the municipality');

    assert.deepEqual(await coordinators(m.id), [{ userId: null, email, displayName: null, status: 'invited' }]);

    // Registering alone grants nothing: the address must be confirmed first.
    const password = 'Koordinieren-ist-schoen-2026';
    await expectJson(await register(server.url, email, password, 'Ina Eingeladen'), 201, 'register');
    const unverified = await login(server.url, email, password);
    assert.deepEqual(unverified.body.user.roles, [], 'no role before the address is verified');

    const token = linkToken((await mailTo(mailDir(), email, '/konto/bestaetigen?token=')).body, '/konto/bestaetigen');
    await expectJson(await postJson(server.url, '/api/v1/auth/verify', { token }), 200, 'verify');
    const verified = await login(server.url, email, password);
    assert.deepEqual(verified.body.user.roles, [{ role: 'coordinator', municipalityId: m.id }, { role: 'org_member', organizationId: await hotlineOf(m.id) }]);
    const list = await coordinators(m.id);
    assert.deepEqual(list, [{ userId: verified.body.user.id, email, displayName: 'Ina Eingeladen', status: 'active' }]);

    // The new coordinator can act at once.
    const log = await expectJson(await call(server.url, 'GET', `/api/v1/municipalities/${m.id}/audit-log`, { as: verified }), 200);
    const actions = log.items.map((e: any) => e.action);
    assert.deepEqual(actions.slice(0, 3), ['role.granted', 'role.invited', 'municipality.created'], `newest first: ${actions}`);
    const invited = log.items[1];
    assert.equal(invited.subjectType, 'invitation');
    assert.ok(invited.subjectLabel.includes(email), `the invitation names the address: ${invited.subjectLabel}`);
    assert.deepEqual(invited.actor, { id: admin.id, displayName: admin.displayName });
    const granted = log.items[0];
    assert.equal(granted.subjectType, 'user');
    assert.equal(granted.subjectId, verified.body.user.id);
  });

  test('an existing account gets the role at once and a mail; asking again changes nothing', async () => {
    const m = await createMunicipality({ name: 'Sofortstadt' });
    const person = await verifiedUser(server, 'existing-coordinator');
    for (let i = 0; i < 2; i++) {
      const res = await call(server.url, 'POST', `/api/v1/municipalities/${m.id}/coordinators`, { as: admin, body: { email: person.email } });
      assert.deepEqual(await expectJson(res, 201, `grant ${i + 1}`), { email: person.email, role: 'coordinator', status: 'granted' });
    }
    const mail = await mailTo(mailDir(), person.email, 'Sofortstadt');
    assert.ok(mail.text.includes('/koordination'), `the mail links to the coordination area:\n${mail.body}`);
    assert.deepEqual((await me(person)).roles, [{ role: 'coordinator', municipalityId: m.id }, { role: 'org_member', organizationId: await hotlineOf(m.id) }]);
    const list = await coordinators(m.id);
    assert.deepEqual(list, [{ userId: person.id, email: person.email, displayName: person.displayName, status: 'active' }], 'listed once');
    const actions = (await auditLog(m.id, admin)).items.map((e: any) => e.action);
    assert.deepEqual(actions, ['role.granted', 'municipality.created'], 'granted once');
  });

  test('a coordinator appoints and removes another coordinator; the removal is audited', async () => {
    const { id, coordinator } = await municipalityWithCoordinator();
    const second = await verifiedUser(server, 'second-coordinator');
    await expectJson(await call(server.url, 'POST', `/api/v1/municipalities/${id}/coordinators`, { as: coordinator, body: { email: second.email } }), 201);
    assert.deepEqual((await me(second)).roles, [{ role: 'coordinator', municipalityId: id }, { role: 'org_member', organizationId: await hotlineOf(id) }]);

    await expectJson(await call(server.url, 'DELETE', `/api/v1/municipalities/${id}/coordinators/${second.id}`, { as: coordinator }), 204, 'remove');
    assert.deepEqual((await me(second)).roles, [], 'the role is gone');
    assert.ok(!(await coordinators(id)).some((c) => c.userId === second.id), 'no longer listed');
    await expectProblem(await call(server.url, 'GET', `/api/v1/municipalities/${id}/coordinators`, { as: second }), 403, 'the former coordinator');

    const e = (await auditLog(id, coordinator)).items[0];
    assert.equal(e.action, 'role.revoked');
    assert.equal(e.subjectType, 'user');
    assert.equal(e.subjectId, second.id);
    assert.deepEqual(e.actor, { id: coordinator.id, displayName: coordinator.displayName });

    await expectProblem(await call(server.url, 'DELETE', `/api/v1/municipalities/${id}/coordinators/${second.id}`, { as: coordinator }), 404, 'again');
  });

  test('removing somebody who is not a coordinator of it → 404', async () => {
    const { id } = await municipalityWithCoordinator();
    const volunteer = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
    for (const userId of [volunteer.body.user.id, coordinatorM.id, '999999999', 'abc']) {
      await expectProblem(await call(server.url, 'DELETE', `/api/v1/municipalities/${id}/coordinators/${userId}`, { as: admin }), 404, `user ${userId}`);
    }
  });

  test('unknown municipality → 404 for every coordinator endpoint and the audit log', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/v1/municipalities/999999999/coordinators', undefined],
      ['POST', '/api/v1/municipalities/999999999/coordinators', { email: 'x@test.example' }],
      ['DELETE', `/api/v1/municipalities/999999999/coordinators/${coordinatorM.id}`, undefined],
      ['GET', '/api/v1/municipalities/999999999/audit-log', undefined],
    ] as const) {
      await expectProblem(await call(server.url, method, path, { as: admin, body }), 404, `${method} ${path}`);
    }
  });

  for (const [what, body, fields] of [
    ['no address', {}, ['email']],
    ['not an address', { email: 'koordination' }, ['email']],
    ['a number', { email: 42 }, ['email']],
    ['an address of 255 characters', { email: `${'a'.repeat(243)}@test.example` }, ['email']],
  ] as [string, unknown, string[]][]) {
    test(`inviting with ${what} → 422 naming email`, async () => {
      await expectValidationInBothLanguages(
        (headers) => call(server.url, 'POST', `/api/v1/municipalities/${M}/coordinators`, { as: coordinatorM, body, headers }), fields, what);
    });
  }

  test('inviting with malformed JSON → 400, another media type → 415', async () => {
    await expectProblem(await call(server.url, 'POST', `/api/v1/municipalities/${M}/coordinators`, { as: coordinatorM, body: '{"email":' }), 400);
    await expectProblem(await call(server.url, 'POST', `/api/v1/municipalities/${M}/coordinators`, {
      as: coordinatorM, body: '{"email":"a@test.example"}', headers: { 'Content-Type': 'text/plain' },
    }), 415);
  });
});

describe('GET /api/v1/municipalities/{id}/audit-log', () => {
  test('newest first, paged with limit and cursor, scoped to the municipality', async () => {
    const { id, coordinator } = await municipalityWithCoordinator();
    for (let i = 1; i <= 4; i++) {
      await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: coordinator, body: { imprint: `Fassung ${i}` } }), 200);
    }
    const full = await auditLog(id, coordinator, '?limit=100');
    assert.equal(full.nextCursor, null);
    const actions = full.items.map((e: any) => e.action);
    assert.deepEqual(actions, ['municipality.updated', 'municipality.updated', 'municipality.updated', 'municipality.updated', 'role.granted', 'municipality.created']);
    const ids = full.items.map((e: any) => Number(e.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'ids descend');
    const times = full.items.map((e: any) => Date.parse(e.at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'times descend');

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const body = await auditLog(id, coordinator, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(body.items.length <= 2);
      seen.push(...body.items.map((e: any) => e.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, full.items.map((e: any) => e.id), 'the pages together are the whole log, in order');

    const other = await auditLog(M, coordinatorM, '?limit=100');
    assert.ok(!other.items.some((e: any) => seen.includes(e.id)), 'entries of another municipality are not in M\'s log');
  });

  for (const q of ['limit=0', 'limit=101', 'limit=x', 'cursor=not-a-cursor']) {
    test(`${q} → 422`, async () => {
      const res = await call(server.url, 'GET', `/api/v1/municipalities/${M}/audit-log?${q}`, { as: coordinatorM });
      await expectProblem(res, 422, q);
    });
  }
});
