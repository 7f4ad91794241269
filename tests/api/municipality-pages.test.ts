// The pages of a municipality (issue 7): Impressum, Datenschutzerklärung and Erklärung zur
// Barrierefreiheit, edited by its coordinators; the default privacy text states this
// installation's configured retention periods; "Barriere melden" reaches the coordinators and
// the contact address, from anyone, validated, limited per client address.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import { readMails } from '../support/mail.ts';
import {
  call, DEMO, demoActor, expectJson, expectProblem, expectValidationInBothLanguages, http, mailTo, postJson,
  problemCode, uniqueAgs, verifiedUser, type Actor, startDemoServer } from './support.ts';

let server: Server;
let admin: Actor;
let coordinator: Actor; // of the municipality below
let otherCoordinator: Actor; // of the demo municipality
let volunteer: Actor;
let id = '';
const contactEmail = 'rathaus@seitenstadt.example';

// Periods unlike every default, so the text can only have them from the configuration.
const RETENTION = {
  HELFERKARTE_RETENTION_UNVERIFIED_ACCOUNT_DAYS: '4',
  HELFERKARTE_RETENTION_TOKEN_DAYS: '9',
  HELFERKARTE_RETENTION_SESSION_DAYS: '12',
  HELFERKARTE_RETENTION_MAIL_BODY_DAYS: '45',
  HELFERKARTE_HOTLINE_RETENTION_DAYS: '17',
};

before(async () => {
  server = await startDemoServer(RETENTION);
  admin = await demoActor(server.url, DEMO.admin);
  otherCoordinator = await demoActor(server.url, DEMO.coordinator);
  const m = await expectJson(await call(server.url, 'POST', '/api/v1/municipalities', {
    as: admin,
    body: { name: 'Seitenstadt', ags: uniqueAgs(), center: { lat: 52.0, lon: 8.4 }, contactEmail, moderation: 'none' },
  }), 201, 'create municipality');
  id = m.id;
  coordinator = await verifiedUser(server, 'pages-coordinator');
  const res = await call(server.url, 'POST', `/api/v1/municipalities/${id}/coordinators`, { as: admin, body: { email: coordinator.email } });
  assert.equal((await expectJson(res, 201, 'appoint coordinator')).status, 'granted');
  volunteer = await verifiedUser(server, 'pages-volunteer');
});
after(async () => {
  await server?.stop();
});

const municipality = async () => expectJson(await http(server.url, `/api/v1/municipalities/${id}`), 200, 'municipality');

describe('the three texts', () => {
  test('a new municipality has empty texts and the default privacy notice', async () => {
    const m = await municipality();
    assert.equal(m.imprint, '');
    assert.equal(m.privacy, '');
    assert.equal(m.accessibility, '');
    assert.match(m.privacyDefault, /^Datenschutzerklärung der Helferkarte Seitenstadt\n/);
  });

  test('its coordinator changes imprint, privacy and accessibility; everyone reads them', async () => {
    const texts = {
      imprint: 'Stadt Seitenstadt\nMarktplatz 1\n33330 Seitenstadt',
      privacy: 'Unsere eigene Datenschutzerklärung.',
      accessibility: 'Erklärung zur Barrierefreiheit: Diese Website ist teilweise barrierefrei.',
    };
    const changed = await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: coordinator, body: texts }), 200, 'patch');
    for (const [k, v] of Object.entries(texts)) assert.equal(changed[k], v, k);
    const read = await municipality();
    for (const [k, v] of Object.entries(texts)) assert.equal(read[k], v, k);
    // The default stays available next to the municipality's own text.
    assert.match(read.privacyDefault, /^Datenschutzerklärung der Helferkarte Seitenstadt\n/);
    const listed = await expectJson(await http(server.url, '/api/v1/municipalities?limit=100'), 200, 'list');
    assert.equal(listed.items.find((x: any) => x.id === id)?.accessibility, texts.accessibility);
    // Emptied again: the default applies once more.
    const cleared = await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: admin, body: { privacy: '', accessibility: '' } }), 200, 'clear');
    assert.equal(cleared.privacy, '');
    assert.equal(cleared.accessibility, '');
    assert.equal(cleared.imprint, texts.imprint);
  });

  test('another municipality\'s coordinator, a volunteer and anonymous callers may not change them', async () => {
    const before = await municipality();
    for (const field of ['imprint', 'privacy', 'accessibility']) {
      const body = { [field]: 'Fremder Text' };
      await expectProblem(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: otherCoordinator, body }), 403, `${field}: other coordinator`);
      await expectProblem(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: volunteer, body }), 403, `${field}: volunteer`);
      await expectProblem(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { body }), 401, `${field}: anonymous`);
    }
    assert.deepEqual(await municipality(), before);
  });

  test('the accessibility statement is at most 50000 characters, a text', async () => {
    await expectJson(await call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, { as: coordinator, body: { accessibility: 'ä'.repeat(50000) } }), 200, '50000');
    await expectValidationInBothLanguages((headers) => call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, {
      as: coordinator, body: { accessibility: 'ä'.repeat(50001) }, headers,
    }), ['accessibility'], '50001 characters');
    await expectValidationInBothLanguages((headers) => call(server.url, 'PATCH', `/api/v1/municipalities/${id}`, {
      as: coordinator, body: { accessibility: 5 }, headers,
    }), ['accessibility'], 'a number');
    assert.equal((await municipality()).accessibility.length, 50000);
  });
});

describe('the default privacy notice', () => {
  test('names the controller and the retention periods configured for this server', async () => {
    const text: string = (await municipality()).privacyDefault;
    assert.ok(text.includes(`Seitenstadt\nE-Mail: ${contactEmail}\n`), 'controller and address');
    assert.ok(text.includes('nie bestätigt wurde, werden nach 4 Tagen gelöscht.'), 'unverified accounts');
    assert.ok(text.includes('werden nach 9 Tagen nach ihrem Ablauf oder ihrer Verwendung gelöscht.'), 'tokens');
    assert.ok(text.includes('Abgelaufene Sitzungen werden nach 12 Tagen gelöscht.'), 'sessions');
    assert.ok(text.includes('Versendete E-Mails werden nach 45 Tagen samt ihrem Text'), 'mail bodies');
    assert.ok(text.includes('werden nach 17 Tagen nach Abschluss der Anfrage gelöscht.'), 'hotline');
    for (const part of ['„hk_session“', 'kein Tracking', 'weder gespeichert noch protokolliert', 'Meine Daten', 'Konto löschen', 'Aufsichtsbehörde']) {
      assert.ok(text.includes(part), part);
    }
    // Without a configured tile server no third party is named.
    assert.ok(text.includes('Die Seiten laden nichts von anderen Servern'));
  });
});

describe('Barriere melden', () => {
  const path = () => `/api/v1/municipalities/${id}/barrier-reports`;
  // Each test reports from an address of its own (the limit counts per client address).
  const from = (n: number) => ({ 'X-Forwarded-For': `203.0.113.${n}` });

  test('anonymous: 202, mailed to the coordinator and the contact address, audited without the address', async () => {
    const marker = `Der Fokus ist auf der Karte unsichtbar ${Date.now()}.`;
    const reporter = 'melderin@example.org';
    const res = await postJson(server.url, path(), { page: '/gesuche?karte', description: marker, email: reporter, name: 'Erika Meldend' }, from(1));
    assert.deepEqual(await expectJson(res, 202, 'report'), { received: true });
    for (const to of [coordinator.email, contactEmail]) {
      const mail = await mailTo(server.mailDir, to, marker);
      assert.match(mail.subject, /Barriere gemeldet: Helferkarte Seitenstadt/);
      assert.ok(mail.text.includes('Seite: /gesuche?karte'), `${to}: the page`);
      assert.ok(mail.text.includes(`Gemeldet von: Erika Meldend <${reporter}>`), `${to}: the reporter`);
    }
    const mails = readMails(server.mailDir).filter((m) => m.body.replace(/\s+/g, ' ').includes(marker));
    assert.deepEqual(mails.map((m) => m.to.replace(/.*</, '').replace(/>.*/, '')).sort(), [coordinator.email, contactEmail].sort(), 'exactly these two');
    const log = await expectJson(await call(server.url, 'GET', `/api/v1/municipalities/${id}/audit-log`, { as: coordinator }), 200, 'audit');
    const entry = log.items.find((e: any) => e.action === 'barrier.reported');
    assert.ok(entry, 'audit entry barrier.reported');
    assert.equal(entry.subjectLabel, '/gesuche?karte');
    assert.equal(entry.subjectType, 'page');
    assert.ok(!JSON.stringify(log).includes(reporter), 'the reporter\'s address is not in the audit log');
    assert.ok(!JSON.stringify(log).includes('Erika Meldend'), 'nor the reporter\'s name');
  });

  test('without contact details and from a signed-in person (who needs the CSRF token)', async () => {
    const marker = `Die Schrift im Kopf ist zu klein ${Date.now()}.`;
    await expectJson(await postJson(server.url, path(), { page: '/', description: marker, email: '', name: null }, from(2)), 202, 'anonymous');
    const mail = await mailTo(server.mailDir, contactEmail, marker);
    assert.ok(mail.text.includes('Die meldende Person hat keine Kontaktdaten angegeben.'));
    const signedIn = await call(server.url, 'POST', path(), { as: volunteer, body: { page: '/', description: marker + ' (angemeldet)' }, headers: from(2) });
    await expectJson(signedIn, 202, 'signed in');
    const noCsrf = await http(server.url, path(), {
      method: 'POST', headers: { ...from(2), 'Content-Type': 'application/json', Cookie: volunteer.session.cookie },
      body: JSON.stringify({ page: '/', description: marker }),
    });
    assert.equal(problemCode(await expectProblem(noCsrf, 403, 'session without CSRF token')), 'csrf');
  });

  test('validation: 422 in German and English', async () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['nothing', {}, ['page', 'description']],
      ['a short description', { page: '/', description: 'zu kurz' }, ['description']],
      ['a long description', { page: '/', description: 'x'.repeat(5001) }, ['description']],
      ['a long page', { page: 'p'.repeat(501), description: 'Eine ausreichend lange Beschreibung.' }, ['page']],
      ['a page over two lines', { page: '/a\n/b', description: 'Eine ausreichend lange Beschreibung.' }, ['page']],
      ['an implausible address', { page: '/', description: 'Eine ausreichend lange Beschreibung.', email: 'keine-adresse' }, ['email']],
      ['a long name', { page: '/', description: 'Eine ausreichend lange Beschreibung.', name: 'n'.repeat(201) }, ['name']],
      ['a number as name', { page: '/', description: 'Eine ausreichend lange Beschreibung.', name: 7 }, ['name']],
    ];
    for (const [what, body, fields] of cases) {
      await expectValidationInBothLanguages((headers) => postJson(server.url, path(), body, { ...from(3), ...headers }), fields, what);
    }
    // Limits count characters: 5000 umlauts and 500 of them in the page are fine.
    await expectJson(await postJson(server.url, path(), { page: 'ü'.repeat(500), description: 'ö'.repeat(5000) }, from(3)), 202, 'at the limits');
    await expectProblem(await postJson(server.url, '/api/v1/municipalities/9999999/barrier-reports', { page: '/', description: 'Eine ausreichend lange Beschreibung.' }, from(3)), 404, 'unknown municipality');
  });

  test('five reports per hour and client address, then 429 with Retry-After', async () => {
    const body = { page: '/', description: 'Eine Barriere, mehrfach gemeldet.' };
    for (let i = 1; i <= 5; i++) {
      await expectJson(await postJson(server.url, path(), body, from(4)), 202, `report ${i}`);
    }
    const refused = await postJson(server.url, path(), body, from(4));
    const problem = await expectProblem(refused, 429, 'the sixth');
    assert.equal(problemCode(problem), 'rate-limited');
    const retry = Number(refused.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 3600, `Retry-After ${refused.headers.get('retry-after')}`);
    // Another address is not affected.
    await expectJson(await postJson(server.url, path(), body, from(5)), 202, 'another address');
  });
});
