// Groups the municipality already knows: a coordinator adds them directly (approved at once)
// and offers the admin role to the person who runs them, instead of waiting for an application.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  call, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages, guetersloh, http,
  linkToken, login, mailTo, organizationBody, postJson, register, uniqueEmail, verifiedUser, type Actor, startDemoServer } from './support.ts';

let server: Server;
let coordinator: Actor;
let M = '';

before(async () => {
  server = await startDemoServer();
  coordinator = await demoActor(server.url, DEMO.coordinator);
  M = await guetersloh(server.url);
});
after(async () => {
  await server?.stop();
});

async function auditActions(organizationId: string): Promise<string[]> {
  const log = await expectJson(await call(server.url, 'GET', `/api/v1/municipalities/${M}/audit-log?limit=100`, { as: coordinator }), 200, 'audit log');
  return log.items.filter((e: any) => e.organizationId === organizationId).map((e: any) => e.action).reverse();
}

describe('a coordinator adds a known group', () => {
  test('for an address without an account: approved at once, the admin role waits for registration', async () => {
    const adminEmail = uniqueEmail('vorstand');
    const body = organizationBody(M, 'Heimatverein Spexard', { adminEmail });
    const created = await expectJson(await call(server.url, 'POST', '/api/v1/organizations', { as: coordinator, body }), 201, 'add known group');
    assert.equal(created.status, 'approved');
    assert.equal(created.applicant, undefined, 'nobody applied');

    // Public at once.
    const publicView = await expectJson(await http(server.url, `/api/v1/organizations/${created.id}`), 200, 'public detail');
    assert.equal(publicView.name, 'Heimatverein Spexard');
    assert.deepEqual(await auditActions(created.id), ['organization.created', 'role.invited']);

    // The invitation mail leads to registration; verifying the address grants the role.
    const invitation = await mailTo(server.mailDir, adminEmail, '/registrieren?email=');
    assert.match(invitation.text, /Heimatverein Spexard/);
    const password = 'Spexard-Heimat-2026!';
    await expectJson(await register(server.url, adminEmail, password, 'Vera Vorstand'), 201, 'register');
    const verification = await mailTo(server.mailDir, adminEmail, '/konto/bestaetigen?token=');
    await expectJson(await postJson(server.url, '/api/v1/auth/verify', { token: linkToken(verification.body, '/konto/bestaetigen') }), 200, 'verify');
    const session = await login(server.url, adminEmail, password);
    const me = await expectJson(await call(server.url, 'GET', '/api/v1/me', { as: session }), 200, 'me');
    assert.deepEqual(me.roles, [{ role: 'org_admin', organizationId: created.id }]);
    assert.deepEqual(await auditActions(created.id), ['organization.created', 'role.invited', 'role.granted']);
  });

  test('for a verified account: the role is granted at once and the person is told', async () => {
    const person = await verifiedUser(server, 'kassenwart');
    const body = organizationBody(M, 'Förderverein Freibad', { adminEmail: person.email });
    const created = await expectJson(await call(server.url, 'POST', '/api/v1/organizations', { as: coordinator, body }), 201, 'add known group');
    const members = await expectJson(await call(server.url, 'GET', `/api/v1/organizations/${created.id}/members`, { as: person }), 200, 'members');
    assert.deepEqual(members.items.map((m: any) => [m.email, m.role, m.status]), [[person.email, 'admin', 'active']]);
    const mail = await mailTo(server.mailDir, person.email, `/organisationen/${created.id}/verwaltung`);
    assert.match(mail.text, /Förderverein Freibad/);
  });

  test('only coordinators of that municipality may; nothing is created otherwise', async () => {
    const before = await expectJson(await http(server.url, `/api/v1/organizations?municipalityId=${M}&limit=100`), 200, 'list');
    for (const who of [await verifiedUser(server, 'buerger'), await demoActor(server.url, DEMO.orgAdmin), await demoActor(server.url, DEMO.admin)]) {
      const body = organizationBody(M, 'Selbst ernannt e.V.', { adminEmail: who.email });
      await expectProblem(await call(server.url, 'POST', '/api/v1/organizations', { as: who, body }), 403, `${who.email} adds a group`);
    }
    const after = await expectJson(await http(server.url, `/api/v1/organizations?municipalityId=${M}&limit=100`), 200, 'list');
    assert.equal(after.items.length, before.items.length);
  });

  test('a malformed admin address is a field error in both languages', async () => {
    await expectValidationInBothLanguages(
      (headers) => call(server.url, 'POST', '/api/v1/organizations', { as: coordinator, headers, body: organizationBody(M, 'Fehler e.V.', { adminEmail: 'kein-at-zeichen' }) }),
      ['adminEmail'], 'bad adminEmail');
  });
});
