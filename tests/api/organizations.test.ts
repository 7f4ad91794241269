// Organisations: a verified user applies, the coordinators of the municipality decide
// (approve, reject, suspend, reinstate — each with mails and an audit entry), the admins keep
// the profile and the members. What the public sees follows the status.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  applyOrganization, call, decide, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages,
  guetersloh, http, mailTo, organizationBody, problemCode, uniqueEmail, verifiedUser, type Actor, startDemoServer } from './support.ts';

let server: Server;
let coordinator: Actor; // coordinator of Gütersloh (M)
let admin: Actor; // platform admin
let M = '';
let counter = 0;

before(async () => {
  server = await startDemoServer();
  coordinator = await demoActor(server.url, DEMO.coordinator);
  admin = await demoActor(server.url, DEMO.admin);
  M = await guetersloh(server.url);
});
after(async () => {
  await server?.stop();
});

const mailDir = () => server.mailDir;
const uniqueName = (what: string) => `${what} ${++counter}-${Date.now().toString(36)}`;

async function get(id: string, who: Actor | null = null) {
  return call(server.url, 'GET', `/api/v1/organizations/${id}`, { as: who });
}

async function list(query: string, who: Actor | null = null) {
  return expectJson(await call(server.url, 'GET', `/api/v1/organizations${query}`, { as: who }), 200, `list ${query}`);
}

/** Every page of a list, concatenated. */
async function listAll(query: string, who: Actor | null = null) {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const sep = query.includes('?') ? '&' : '?';
    const body = await list(`${query}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, who);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

async function auditOf(organizationId: string) {
  const log = await expectJson(await call(server.url, 'GET', `/api/v1/municipalities/${M}/audit-log?limit=100`, { as: coordinator }), 200, 'audit log');
  return log.items.filter((e: any) => e.organizationId === organizationId);
}

async function me(who: Actor) {
  return expectJson(await call(server.url, 'GET', '/api/v1/me', { as: who }), 200, 'me');
}

/** An approved organisation with its applicant as admin. */
async function approvedOrganization(prefix = 'Verein'): Promise<{ id: string; name: string; owner: Actor }> {
  const owner = await verifiedUser(server, 'org-owner');
  const name = uniqueName(prefix);
  const o = await applyOrganization(server.url, owner, M, name);
  await decide(server.url, coordinator, o.id, 'approve');
  return { id: o.id, name, owner };
}

describe('the life of an organisation', () => {
  test('apply → pending for the coordinator → approve → admin → suspend → hidden → reinstate', async () => {
    const applicant = await verifiedUser(server, 'lifecycle', { displayName: 'Lea Lebenslauf' });
    const name = uniqueName('Nachbarschaftshilfe');
    const body = organizationBody(M, name, { kind: 'initiative', contactEmail: 'Hallo@Nachbarn.example' });

    // Apply.
    const created = await expectJson(await call(server.url, 'POST', '/api/v1/organizations', { as: applicant, body }), 201, 'apply');
    assert.equal(typeof created.id, 'string');
    assert.equal(created.status, 'pending');
    assert.equal(created.municipalityId, M);
    assert.equal(created.name, name);
    assert.equal(created.kind, 'initiative');
    assert.equal(created.description, body.description);
    assert.equal(created.contactEmail, 'hallo@nachbarn.example');
    assert.equal(created.website, body.website);
    assert.equal(created.address, body.address);
    assert.equal(created.statusReason, null, 'the applicant sees the (empty) reason');
    assert.ok(Math.abs(Date.parse(created.createdAt) - Date.now()) < 120_000, `createdAt is now (${created.createdAt})`);
    const id = created.id;

    // Mails: the applicant gets a receipt, the coordinators a notice with a link to the queue.
    const receipt = await mailTo(mailDir(), applicant.email, name);
    assert.ok(receipt.text.includes('Lea Lebenslauf'), `the receipt greets the applicant:\n${receipt.body}`);
    const notice = await mailTo(mailDir(), DEMO.coordinator.email, `/koordination/organisationen/${id}`);
    assert.ok(notice.text.includes(name), 'the coordinator\'s notice names the organisation');

    // Pending: in the coordinator's queue, nowhere public.
    const queue = await listAll(`?municipalityId=${M}&status=pending`, coordinator);
    const queued = queue.find((o) => o.id === id);
    assert.ok(queued, 'pending in the coordinator\'s list');
    assert.deepEqual(queued.applicant, { id: applicant.id, displayName: 'Lea Lebenslauf', email: applicant.email }, 'the coordinator sees the applicant');
    assert.ok((await listAll(`?municipalityId=${M}`, coordinator)).some((o) => o.id === id), 'in the coordinator\'s list of all statuses');
    assert.ok(!(await listAll(`?municipalityId=${M}`)).some((o) => o.id === id), 'not in the public list');
    assert.ok(!(await listAll('')).some((o) => o.id === id), 'not in the public list without filter');
    await expectProblem(await get(id), 404, 'public detail of a pending organisation');
    const own = await expectJson(await get(id, applicant), 200, 'the applicant sees it');
    assert.equal(own.applicant, undefined, 'only coordinators see the applicant block');
    const mine = await expectJson(await call(server.url, 'GET', '/api/v1/me/organizations', { as: applicant }), 200);
    assert.deepEqual(mine.items.map((o: any) => [o.id, o.myRoles]), [[id, ['applicant']]]);

    // Approve.
    const approved = await decide(server.url, coordinator, id, 'approve');
    assert.equal(approved.status, 'approved');
    const roles = (await me(applicant)).roles;
    assert.deepEqual(roles, [{ role: 'org_admin', organizationId: id }], 'the applicant is its admin now');
    const mineNow = await expectJson(await call(server.url, 'GET', '/api/v1/me/organizations', { as: applicant }), 200);
    const entry = mineNow.items.find((o: any) => o.id === id);
    assert.ok(entry?.myRoles.includes('org_admin'), `myRoles holds org_admin: ${JSON.stringify(entry)}`);
    const approvedMail = await mailTo(mailDir(), applicant.email, `/organisationen/${id}/verwaltung`);
    assert.ok(approvedMail.text.includes(name), `the approval mail names the organisation:\n${approvedMail.body}`);
    const pub = await expectJson(await get(id), 200, 'public detail once approved');
    assert.equal(pub.status, 'approved');
    assert.equal('statusReason' in pub, false, 'the public does not see statusReason');
    assert.equal('applicant' in pub, false, 'the public does not see the applicant');
    assert.ok((await listAll(`?municipalityId=${M}`)).some((o) => o.id === id), 'in the public list');
    assert.ok((await listAll('?status=approved')).some((o) => o.id === id), 'in the public list with status=approved');

    // Suspend.
    const reason = 'Mehrere Beschwerden über nicht erschienene Helfende werden geprüft.';
    const suspended = await decide(server.url, coordinator, id, 'suspend', reason);
    assert.equal(suspended.status, 'suspended');
    assert.equal(suspended.statusReason, reason);
    await expectProblem(await get(id), 404, 'public detail of a suspended organisation');
    const volunteer = await demoActor(server.url, DEMO.volunteer);
    await expectProblem(await get(id, volunteer), 404, 'a volunteer cannot see it either');
    assert.ok(!(await listAll(`?municipalityId=${M}`)).some((o) => o.id === id), 'gone from the public list');
    assert.ok(!(await listAll('')).some((o) => o.id === id), 'gone from the public list without filter');
    assert.ok((await listAll(`?municipalityId=${M}&status=suspended`, coordinator)).some((o) => o.id === id), 'in the coordinator\'s suspended list');
    const seenByAdmin = await expectJson(await get(id, applicant), 200, 'its admin still sees it');
    assert.equal(seenByAdmin.status, 'suspended');
    assert.equal(seenByAdmin.statusReason, reason, 'its admin sees the reason');
    const suspendedMail = await mailTo(mailDir(), applicant.email, reason);
    assert.ok(suspendedMail.text.includes(name));

    // Reinstate.
    const reinstated = await decide(server.url, coordinator, id, 'reinstate');
    assert.equal(reinstated.status, 'approved');
    await expectJson(await get(id), 200, 'public again');
    assert.ok((await listAll(`?municipalityId=${M}`)).some((o) => o.id === id), 'listed again');

    // The audit log tells the whole story, newest first: who, what, when, why.
    const log = await auditOf(id);
    assert.deepEqual(log.map((e: any) => e.action), [
      'organization.reinstated', 'organization.suspended', 'role.granted', 'organization.approved', 'organization.applied',
    ]);
    const applied = log[4];
    assert.deepEqual(applied.actor, { id: applicant.id, displayName: 'Lea Lebenslauf' });
    assert.equal(applied.subjectType, 'organization');
    assert.equal(applied.subjectId, id);
    assert.equal(applied.subjectLabel, name);
    for (const e of [log[0], log[1], log[3]]) assert.deepEqual(e.actor, { id: coordinator.id, displayName: coordinator.displayName });
    assert.equal(log[1].reason, reason, 'the suspension keeps its reason');
    assert.equal(log[0].reason, null);
    assert.equal(log[2].subjectType, 'user');
    assert.equal(log[2].subjectId, applicant.id, 'the role was granted to the applicant');
    for (const e of log) assert.ok(Math.abs(Date.parse(e.at) - Date.now()) < 300_000, `at is recent: ${e.at}`);
  });

  test('reject with a reason: mail to the applicant, visible to them with the reason; approve later', async () => {
    const applicant = await verifiedUser(server, 'rejected');
    const name = uniqueName('Abgelehnter Verein');
    const o = await applyOrganization(server.url, applicant, M, name);
    const reason = 'Bitte reichen Sie die Satzung des Vereins nach.';
    const rejected = await decide(server.url, coordinator, o.id, 'reject', reason);
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.statusReason, reason);
    const mail = await mailTo(mailDir(), applicant.email, reason);
    assert.ok(mail.text.includes(name), `the rejection names the organisation:\n${mail.body}`);
    const own = await expectJson(await get(o.id, applicant), 200);
    assert.equal(own.statusReason, reason);
    await expectProblem(await get(o.id), 404, 'rejected is not public');
    assert.deepEqual((await me(applicant)).roles, [], 'no role for a rejected application');
    const e = (await auditOf(o.id))[0];
    assert.equal(e.action, 'organization.rejected');
    assert.equal(e.reason, reason);

    // A rejected application can still be approved.
    const approved = await decide(server.url, coordinator, o.id, 'approve');
    assert.equal(approved.status, 'approved');
    assert.deepEqual((await me(applicant)).roles, [{ role: 'org_admin', organizationId: o.id }]);
  });
});

describe('decisions from the wrong status → 409 invalid-transition', () => {
  const cases: [string, ('approve' | 'reject' | 'suspend' | 'reinstate')[], 'approve' | 'reject' | 'suspend' | 'reinstate'][] = [
    ['pending', [], 'suspend'],
    ['pending', [], 'reinstate'],
    ['approved', ['approve'], 'approve'],
    ['approved', ['approve'], 'reject'],
    ['approved', ['approve'], 'reinstate'],
    ['rejected', ['reject'], 'reject'],
    ['rejected', ['reject'], 'suspend'],
    ['rejected', ['reject'], 'reinstate'],
    ['suspended', ['approve', 'suspend'], 'suspend'],
    ['suspended', ['approve', 'suspend'], 'approve'],
    ['suspended', ['approve', 'suspend'], 'reject'],
  ];
  for (const [status, steps, decision] of cases) {
    test(`${decision} when ${status}`, async () => {
      const applicant = await verifiedUser(server, 'transition');
      const o = await applyOrganization(server.url, applicant, M, uniqueName('Übergang'));
      for (const s of steps) await decide(server.url, coordinator, o.id, s);
      const body = decision === 'reject' || decision === 'suspend' ? { reason: 'Ein Grund.' } : undefined;
      const res = await call(server.url, 'POST', `/api/v1/organizations/${o.id}/${decision}`, { as: coordinator, body });
      const p = await expectProblem(res, 409, `${decision} from ${status}`);
      assert.equal(problemCode(p), 'invalid-transition');
      const now = await expectJson(await get(o.id, coordinator), 200);
      assert.equal(now.status, status, 'the status is unchanged');
    });
  }
});

describe('reasons are required for reject and suspend', () => {
  for (const decision of ['reject', 'suspend'] as const) {
    for (const [what, body] of [
      ['no body field', {}],
      ['an empty reason', { reason: '' }],
      ['a blank reason', { reason: '   \n ' }],
      ['a reason of 2001 characters', { reason: 'x'.repeat(2001) }],
      ['a number', { reason: 7 }],
      ['null', { reason: null }],
    ] as [string, unknown][]) {
      test(`${decision} with ${what} → 422 naming reason`, async () => {
        const applicant = await verifiedUser(server, 'reason');
        const o = await applyOrganization(server.url, applicant, M, uniqueName('Begründung'));
        if (decision === 'suspend') await decide(server.url, coordinator, o.id, 'approve');
        await expectValidationInBothLanguages(
          (headers) => call(server.url, 'POST', `/api/v1/organizations/${o.id}/${decision}`, { as: coordinator, body, headers }), ['reason'], what);
        const now = await expectJson(await get(o.id, coordinator), 200);
        assert.equal(now.status, decision === 'reject' ? 'pending' : 'approved', 'nothing changed');
      });
    }
  }

  test('a reason of exactly 2000 characters is accepted', async () => {
    const applicant = await verifiedUser(server, 'long-reason');
    const o = await applyOrganization(server.url, applicant, M, uniqueName('Lang'));
    const reason = 'ä'.repeat(1000) + 'b'.repeat(1000);
    const res = await call(server.url, 'POST', `/api/v1/organizations/${o.id}/reject`, { as: coordinator, body: { reason } });
    const body = await expectJson(res, 200, '2000 characters');
    assert.equal(body.statusReason, reason);
  });

  test('reject and suspend with malformed JSON → 400, another media type → 415', async () => {
    const applicant = await verifiedUser(server, 'malformed-reason');
    const o = await applyOrganization(server.url, applicant, M, uniqueName('Kaputt'));
    await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${o.id}/reject`, { as: coordinator, body: '{"reason": "x' }), 400);
    await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${o.id}/reject`, {
      as: coordinator, body: '{"reason":"x"}', headers: { 'Content-Type': 'text/plain' },
    }), 415);
    await decide(server.url, coordinator, o.id, 'approve');
    await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${o.id}/suspend`, { as: coordinator, body: '[1,2' }), 400);
  });
});

describe('POST /api/v1/organizations', () => {
  test('an unverified account → 403 email-unverified; anonymous → 401', async () => {
    const unverified = await verifiedUser(server, 'unverified-applicant', { verify: false });
    const res = await call(server.url, 'POST', '/api/v1/organizations', { as: unverified, body: organizationBody(M, uniqueName('Ungeprüft')) });
    assert.equal(problemCode(await expectProblem(res, 403)), 'email-unverified');
    const anon = await call(server.url, 'POST', '/api/v1/organizations', { body: organizationBody(M, 'Anonym') });
    assert.equal(problemCode(await expectProblem(anon, 401)), 'unauthorized');
  });

  test('website and address are optional', async () => {
    const applicant = await verifiedUser(server, 'minimal');
    const body = organizationBody(M, uniqueName('Schlicht'));
    delete (body as any).website;
    delete (body as any).address;
    const o = await expectJson(await call(server.url, 'POST', '/api/v1/organizations', { as: applicant, body }), 201);
    assert.equal(o.website, null);
    assert.equal(o.address, null);
  });

  let applicant: Actor;
  before(async () => {
    applicant = await verifiedUser(server, 'invalid-applicant');
  });
  const invalid: [string, Record<string, unknown> | null, string[]][] = [
    ['an empty body', null, ['municipalityId', 'name', 'kind', 'description', 'contactEmail']],
    ['an unknown municipality', { municipalityId: '999999999' }, ['municipalityId']],
    ['a malformed municipality id', { municipalityId: 'gt' }, ['municipalityId']],
    ['a municipality id as a number', { municipalityId: 1 }, ['municipalityId']],
    ['kind "firma"', { kind: 'firma' }, ['kind']],
    ['a blank name', { name: '  ' }, ['name']],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, ['name']],
    ['an empty description', { description: '' }, ['description']],
    ['a description of 5001 characters', { description: 'd'.repeat(5001) }, ['description']],
    ['a bad contact address', { contactEmail: 'kontakt(at)verein.example' }, ['contactEmail']],
    ['a website without http(s)', { website: 'verein.example' }, ['website']],
    ['a javascript: website', { website: 'javascript:alert(1)' }, ['website']],
    ['an ftp website', { website: 'ftp://verein.example' }, ['website']],
    ['an address that is a number', { address: 12 }, ['address']],
    ['several at once', { name: '', kind: 'x', website: 'nope' }, ['name', 'kind', 'website']],
  ];
  for (const [what, patch, fields] of invalid) {
    test(`${what} → 422 naming ${fields.join(', ')}`, async () => {
      const body = patch === null ? {} : organizationBody(M, uniqueName('Fehler'), patch);
      await expectValidationInBothLanguages(
        (headers) => call(server.url, 'POST', '/api/v1/organizations', { as: applicant, body, headers }), fields, what);
    });
  }

  test('malformed JSON → 400, not an object → 400, another media type → 415', async () => {
    for (const raw of ['{"name": "x"', 'null', '[]']) {
      await expectProblem(await call(server.url, 'POST', '/api/v1/organizations', { as: applicant, body: raw }), 400, raw);
    }
    await expectProblem(await call(server.url, 'POST', '/api/v1/organizations', {
      as: applicant, body: JSON.stringify(organizationBody(M, 'X')), headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
    }), 415);
  });
});

describe('GET /api/v1/organizations', () => {
  test('filters: status=pending needs municipalityId and being its coordinator', async () => {
    await expectProblem(await call(server.url, 'GET', '/api/v1/organizations?status=pending', { as: coordinator }), 403, 'without municipalityId');
    await expectProblem(await call(server.url, 'GET', `/api/v1/organizations?municipalityId=${M}&status=pending`, { as: admin }), 403, 'platform admin');
    await expectProblem(await call(server.url, 'GET', `/api/v1/organizations?municipalityId=${M}&status=rejected`), 403, 'anonymous');
  });

  test('every listed organisation has the status asked for; the demo groups are approved', async () => {
    const approved = await listAll(`?municipalityId=${M}&status=approved`);
    assert.ok(approved.length >= 9, `the nine demo groups at least (got ${approved.length})`);
    assert.ok(approved.every((o) => o.status === 'approved' && o.municipalityId === M));
    assert.ok(approved.some((o) => o.name === 'DRK Kreisverband Gütersloh e.V.'));
    for (const status of ['pending', 'rejected', 'suspended']) {
      const items = await listAll(`?municipalityId=${M}&status=${status}`, coordinator);
      assert.ok(items.every((o) => o.status === status), `${status}: ${JSON.stringify(items.map((o) => o.status))}`);
    }
  });

  test('paging with limit=2 visits every approved organisation once', async () => {
    const everything = await listAll(`?municipalityId=${M}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 200; page++) {
      const body = await list(`?municipalityId=${M}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(body.items.length <= 2);
      seen.push(...body.items.map((o: any) => o.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, everything.map((o) => o.id));
    assert.equal(new Set(seen).size, seen.length);
  });

  for (const [q, field] of [
    ['status=open', 'status'], ['status=APPROVED', 'status'], ['municipalityId=abc', 'municipalityId'],
    ['limit=0', 'limit'], ['limit=101', 'limit'], ['cursor=%21%21', 'cursor'],
  ]) {
    test(`${q} → 422 naming ${field}`, async () => {
      await expectValidationInBothLanguages((headers) => call(server.url, 'GET', `/api/v1/organizations?${q}`, { headers }), [field], q);
    });
  }
});

describe('PATCH /api/v1/organizations/{id}', () => {
  test('its admin changes the profile; fields not sent keep their value; audited', async () => {
    const { id, owner } = await approvedOrganization('Profil');
    const before = await expectJson(await get(id, owner), 200);
    const changed = await expectJson(await call(server.url, 'PATCH', `/api/v1/organizations/${id}`, {
      as: owner, body: { description: 'Neue Beschreibung des Vereins.', kind: 'einrichtung', website: null },
    }), 200, 'patch');
    assert.deepEqual(changed, { ...before, description: 'Neue Beschreibung des Vereins.', kind: 'einrichtung', website: null });
    const e = (await auditOf(id))[0];
    assert.equal(e.action, 'organization.updated');
    assert.deepEqual(e.actor, { id: owner.id, displayName: owner.displayName });
  });

  test('the coordinator of its municipality may edit too', async () => {
    const { id } = await approvedOrganization('Koordiniert');
    const changed = await expectJson(await call(server.url, 'PATCH', `/api/v1/organizations/${id}`, { as: coordinator, body: { address: 'Rathausplatz 1' } }), 200);
    assert.equal(changed.address, 'Rathausplatz 1');
  });

  test('unknown organisation → 404', async () => {
    for (const unknown of ['999999999', 'xyz']) {
      await expectProblem(await call(server.url, 'PATCH', `/api/v1/organizations/${unknown}`, { as: coordinator, body: { name: 'X' } }), 404, unknown);
    }
  });

  const invalid: [string, Record<string, unknown>, string[]][] = [
    ['an empty name', { name: '' }, ['name']],
    ['kind null', { kind: null }, ['kind']],
    ['kind "gmbh"', { kind: 'gmbh' }, ['kind']],
    ['a bad contact address', { contactEmail: 'x' }, ['contactEmail']],
    ['a website without a scheme', { website: 'www.verein.example' }, ['website']],
    ['a description that is a list', { description: ['a'] }, ['description']],
    ['two bad fields', { name: '', contactEmail: 'y' }, ['name', 'contactEmail']],
  ];
  let target: { id: string; owner: Actor };
  before(async () => {
    target = await approvedOrganization('Ziel');
  });
  for (const [what, body, fields] of invalid) {
    test(`${what} → 422 naming ${fields.join(', ')}`, async () => {
      await expectValidationInBothLanguages(
        (headers) => call(server.url, 'PATCH', `/api/v1/organizations/${target.id}`, { as: target.owner, body, headers }), fields, what);
    });
  }

  test('malformed JSON → 400, another media type → 415', async () => {
    await expectProblem(await call(server.url, 'PATCH', `/api/v1/organizations/${target.id}`, { as: target.owner, body: '{' }), 400);
    await expectProblem(await call(server.url, 'PATCH', `/api/v1/organizations/${target.id}`, {
      as: target.owner, body: '{}', headers: { 'Content-Type': 'text/json' },
    }), 415);
  });
});

describe('members', () => {
  test('invite an unknown address (invited) and an existing account (granted, mail); list; remove', async () => {
    const { id, name, owner } = await approvedOrganization('Mitglieder');
    const stranger = uniqueEmail('future-member');
    const invited = await expectJson(await call(server.url, 'POST', `/api/v1/organizations/${id}/members`, {
      as: owner, body: { email: stranger, role: 'member' },
    }), 201, 'invite');
    assert.deepEqual(invited, { email: stranger, role: 'member', status: 'invited' });
    const invitation = await mailTo(mailDir(), stranger, '/registrieren?email=');
    assert.ok(invitation.text.includes(name), `the invitation names the organisation:\n${invitation.body}`);

    const person = await verifiedUser(server, 'member');
    const granted = await expectJson(await call(server.url, 'POST', `/api/v1/organizations/${id}/members`, {
      as: owner, body: { email: person.email.toUpperCase(), role: 'member' },
    }), 201, 'grant');
    assert.deepEqual(granted, { email: person.email, role: 'member', status: 'granted' });
    const grantedMail = await mailTo(mailDir(), person.email, name);
    assert.ok(grantedMail.text.includes(`/organisationen/${id}/verwaltung`), `the mail links to the group:\n${grantedMail.body}`);
    assert.deepEqual((await me(person)).roles, [{ role: 'org_member', organizationId: id }]);

    const members = (await expectJson(await call(server.url, 'GET', `/api/v1/organizations/${id}/members`, { as: person }), 200)).items;
    const byEmail = Object.fromEntries(members.map((m: any) => [m.email, m]));
    assert.deepEqual(byEmail[owner.email], { userId: owner.id, email: owner.email, displayName: owner.displayName, role: 'admin', status: 'active' });
    assert.deepEqual(byEmail[person.email], { userId: person.id, email: person.email, displayName: person.displayName, role: 'member', status: 'active' });
    assert.deepEqual(byEmail[stranger], { userId: null, email: stranger, displayName: null, role: 'member', status: 'invited' });
    assert.equal(members.length, 3);

    const seenByCoordinator = (await expectJson(await call(server.url, 'GET', `/api/v1/organizations/${id}/members`, { as: coordinator }), 200)).items;
    assert.equal(seenByCoordinator.length, 3, 'the coordinator sees the members too');

    const actions = (await auditOf(id)).map((e: any) => e.action);
    assert.deepEqual(actions.slice(0, 2), ['role.granted', 'role.invited']);

    await expectJson(await call(server.url, 'DELETE', `/api/v1/organizations/${id}/members/${person.id}`, { as: owner }), 204, 'remove');
    assert.deepEqual((await me(person)).roles, []);
    const revoked = (await auditOf(id))[0];
    assert.equal(revoked.action, 'role.revoked');
    assert.equal(revoked.subjectId, person.id);
    await expectProblem(await call(server.url, 'DELETE', `/api/v1/organizations/${id}/members/${person.id}`, { as: owner }), 404, 'again');
    await expectProblem(await call(server.url, 'GET', `/api/v1/organizations/${id}/members`, { as: person }), 403, 'the former member');

    // The invited address registers and confirms it: now a member.
    const newcomer = await verifiedUser(server, 'newcomer', { email: stranger });
    assert.deepEqual(newcomer.session.body.user.roles, [{ role: 'org_member', organizationId: id }]);
    const after = (await expectJson(await call(server.url, 'GET', `/api/v1/organizations/${id}/members`, { as: newcomer }), 200)).items;
    assert.deepEqual(after.find((m: any) => m.email === stranger), {
      userId: newcomer.id, email: stranger, displayName: newcomer.displayName, role: 'member', status: 'active',
    });
    assert.equal(after.filter((m: any) => m.email === stranger).length, 1, 'the invitation is not listed besides the membership');
  });

  test('a second admin; the last admin cannot be removed (409 last-admin)', async () => {
    const { id, owner } = await approvedOrganization('Vorstand');
    await expectProblem(await call(server.url, 'DELETE', `/api/v1/organizations/${id}/members/${owner.id}`, { as: owner }), 409, 'the only admin removes themselves')
      .then((p) => assert.equal(problemCode(p), 'last-admin'));
    const second = await verifiedUser(server, 'second-admin');
    assert.equal((await expectJson(await call(server.url, 'POST', `/api/v1/organizations/${id}/members`, {
      as: owner, body: { email: second.email, role: 'admin' },
    }), 201)).status, 'granted');
    assert.deepEqual((await me(second)).roles, [{ role: 'org_admin', organizationId: id }]);
    await expectJson(await call(server.url, 'DELETE', `/api/v1/organizations/${id}/members/${owner.id}`, { as: second }), 204, 'the second admin removes the first');
    const p = await expectProblem(await call(server.url, 'DELETE', `/api/v1/organizations/${id}/members/${second.id}`, { as: second }), 409, 'now the last admin');
    assert.equal(problemCode(p), 'last-admin');
    assert.deepEqual((await me(second)).roles, [{ role: 'org_admin', organizationId: id }], 'still admin');
  });

  test('a member may leave; a member may not remove others (403)', async () => {
    const { id, owner } = await approvedOrganization('Austritt');
    const [stays, leaves] = [await verifiedUser(server, 'stays'), await verifiedUser(server, 'leaves')];
    for (const m of [stays, leaves]) {
      await expectJson(await call(server.url, 'POST', `/api/v1/organizations/${id}/members`, { as: owner, body: { email: m.email, role: 'member' } }), 201);
    }
    await expectProblem(await call(server.url, 'DELETE', `/api/v1/organizations/${id}/members/${stays.id}`, { as: leaves }), 403, 'a member removes another');
    await expectJson(await call(server.url, 'DELETE', `/api/v1/organizations/${id}/members/${leaves.id}`, { as: leaves }), 204, 'leave');
    assert.deepEqual((await me(leaves)).roles, []);
    assert.deepEqual((await me(stays)).roles, [{ role: 'org_member', organizationId: id }]);
    const e = (await auditOf(id))[0];
    assert.equal(e.action, 'role.revoked');
    assert.deepEqual([e.subjectId, e.actor.id], [leaves.id, leaves.id]);
  });

  test('members only for an approved organisation (409); a member may not invite (403)', async () => {
    const applicant = await verifiedUser(server, 'pending-members');
    const o = await applyOrganization(server.url, applicant, M, uniqueName('Wartet'));
    // The applicant is not yet its admin: they see it but may not manage members.
    await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${o.id}/members`, {
      as: applicant, body: { email: uniqueEmail('x'), role: 'member' },
    }), 403, 'applicant of a pending organisation');

    const { id, owner } = await approvedOrganization('Gesperrt');
    const member = await verifiedUser(server, 'plain-member');
    await expectJson(await call(server.url, 'POST', `/api/v1/organizations/${id}/members`, { as: owner, body: { email: member.email, role: 'member' } }), 201);
    await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${id}/members`, {
      as: member, body: { email: uniqueEmail('y'), role: 'member' },
    }), 403, 'a member invites');
    await decide(server.url, coordinator, id, 'suspend', 'Prüfung läuft.');
    const p = await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${id}/members`, {
      as: owner, body: { email: uniqueEmail('z'), role: 'member' },
    }), 409, 'suspended organisation');
    assert.notEqual(problemCode(p), 'invalid-transition');
  });

  const invalid: [string, unknown, string[]][] = [
    ['an empty body', {}, ['email', 'role']],
    ['a bad address', { email: 'mitglied', role: 'member' }, ['email']],
    ['role "owner"', { email: 'a@test.example', role: 'owner' }, ['role']],
    ['role "org_admin"', { email: 'a@test.example', role: 'org_admin' }, ['role']],
    ['role missing', { email: 'a@test.example' }, ['role']],
  ];
  let group: { id: string; owner: Actor };
  before(async () => {
    group = await approvedOrganization('Einladungen');
  });
  for (const [what, body, fields] of invalid) {
    test(`inviting with ${what} → 422 naming ${fields.join(', ')}`, async () => {
      await expectValidationInBothLanguages(
        (headers) => call(server.url, 'POST', `/api/v1/organizations/${group.id}/members`, { as: group.owner, body, headers }), fields, what);
    });
  }

  test('inviting with malformed JSON → 400, another media type → 415; unknown ids → 404', async () => {
    await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${group.id}/members`, { as: group.owner, body: '{"email"' }), 400);
    await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${group.id}/members`, {
      as: group.owner, body: '{}', headers: { 'Content-Type': 'text/plain' },
    }), 415);
    await expectProblem(await call(server.url, 'GET', '/api/v1/organizations/999999999/members', { as: group.owner }), 404);
    await expectProblem(await call(server.url, 'POST', '/api/v1/organizations/999999999/members', { as: group.owner, body: { email: 'a@test.example', role: 'member' } }), 404);
    for (const userId of ['999999999', 'abc']) {
      await expectProblem(await call(server.url, 'DELETE', `/api/v1/organizations/${group.id}/members/${userId}`, { as: group.owner }), 404, userId);
    }
  });
});

describe('decisions on unknown organisations → 404', () => {
  for (const decision of ['approve', 'reject', 'suspend', 'reinstate']) {
    test(decision, async () => {
      const body = decision === 'reject' || decision === 'suspend' ? { reason: 'x' } : undefined;
      for (const id of ['999999999', 'nope']) {
        await expectProblem(await call(server.url, 'POST', `/api/v1/organizations/${id}/${decision}`, { as: coordinator, body }), 404, `${decision} ${id}`);
      }
    });
  }
  test('GET /api/v1/organizations/{id} unknown → 404', async () => {
    for (const id of ['999999999', '0', '-1', 'abc']) await expectProblem(await http(server.url, `/api/v1/organizations/${id}`), 404, id);
  });
});
