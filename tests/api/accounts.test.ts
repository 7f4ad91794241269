// Accounts: registration, e-mail verification, password reset and change, the profile, and
// the rate limits that protect them. Mails are read from the log transport's folder.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type Server } from '../support/server.ts';
import { readMails, waitForMail, type ReceivedMail as Mail } from '../support/mail.ts';
import { DEMO, expectProblem, expectValidation, http, login, mediaType, postJson, type Session } from './support.ts';

// Every test here comes from 127.0.0.1; the per-address limits are raised so that the tests
// do not throttle each other. The limits themselves are tested on servers with the defaults.
const RAISED = {
  HELFERKARTE_AUTH_REGISTRATIONS_PER_IP: '10000',
  HELFERKARTE_AUTH_MAIL_REQUESTS_PER_IP: '10000',
  HELFERKARTE_AUTH_LOGIN_FAILURES_PER_IP: '10000',
  HELFERKARTE_AUTH_MAIL_REQUESTS_PER_ACCOUNT: '50',
};

let server: Server;
let mailDir = '';
const secrets: string[] = []; // passwords and tokens that must never be logged

before(async () => {
  server = await startServer({ demo: true, env: RAISED });
  mailDir = join(server.dir, 'mail');
});
after(async () => {
  await server?.stop();
});

let counter = 0;
/** A fresh address for each use, so tests don't share accounts. */
function address(tag: string) {
  counter += 1;
  return `${tag}-${process.pid}-${counter}@example.org`;
}

function password(tag = '') {
  const p = `Wiesen-Salbei-${tag}-${Math.random().toString(36).slice(2, 10)}`;
  secrets.push(p);
  return p;
}

const VERIFY = /\/konto\/bestaetigen\?token=([A-Za-z0-9_-]+)/;
const RESET = /\/passwort-neu\?token=([A-Za-z0-9_-]+)/;

/** Waits for a mail to `to` whose body matches `pattern`, skipping (and extending) `seen`. */
async function mailTo(to: string, pattern: RegExp, seen: Set<string> = new Set()): Promise<Mail> {
  const wanted = to.toLowerCase();
  const mail = await waitForMail(mailDir, (m) => m.to.toLowerCase().includes(wanted) && pattern.test(m.body) && !seen.has(m.file));
  seen.add(mail.file);
  return mail;
}

function tokenOf(mail: Mail, pattern: RegExp): string {
  const m = pattern.exec(mail.body);
  assert.ok(m, `mail ${mail.file} has a link matching ${pattern}:\n${mail.body}`);
  secrets.push(m[1]);
  return m[1];
}

/** The mails to `to` so far (only complete ones). */
function mailsTo(to: string): Mail[] {
  return readMails(mailDir).filter((m) => m.to.toLowerCase().includes(to.toLowerCase()));
}

async function register(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return postJson(server.url, '/api/v1/auth/register', body, headers);
}

/** Registers and verifies a fresh account; returns its address and password. */
async function verifiedAccount(tag: string) {
  const email = address(tag);
  const pw = password(tag);
  const res = await register({ email, password: pw, displayName: `Test ${tag}` });
  assert.equal(res.status, 201, await res.text());
  const token = tokenOf(await mailTo(email, VERIFY), VERIFY);
  const v = await postJson(server.url, '/api/v1/auth/verify', { token });
  assert.equal(v.status, 200, await v.text());
  return { email, password: pw };
}

function sessionCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith('hk_session='));
}

async function me(s: { cookie: string }) {
  return http(server.url, '/api/v1/me', { headers: { Cookie: s.cookie } });
}

function withSession(s: Session, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return http(server.url, path, {
    method,
    headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('registration and verification', () => {
  test('register → 201, verification mail, login while unverified, verify → 200, /me verified', async () => {
    const email = address('flow');
    const pw = password('flow');
    const res = await register({ email: `  ${email.toUpperCase()} `, password: pw, displayName: '  Erika Muster  ' });
    assert.equal(res.status, 201);
    assert.equal(mediaType(res), 'application/json');
    assert.deepEqual(await res.json(), { email, verificationSent: true }, 'the address comes back normalised');

    const mail = await mailTo(email, VERIFY);
    assert.match(mail.body, /Erika Muster/, 'the mail greets by the trimmed name');
    assert.match(mail.body, /^https?:\/\/[^\s]+\/konto\/bestaetigen\?token=/m, 'the link is absolute');
    const token = tokenOf(mail, VERIFY);

    const s = await login(server.url, email, pw);
    assert.equal(s.body.user.emailVerified, false, 'an unverified account may log in');
    assert.equal(s.body.user.displayName, 'Erika Muster');
    assert.equal(s.body.user.language, 'de', 'language defaults to the negotiated one');

    const v = await postJson(server.url, '/api/v1/auth/verify', { token });
    assert.equal(v.status, 200);
    assert.deepEqual(await v.json(), { email, emailVerified: true });

    const after = await me(s);
    assert.equal(after.status, 200);
    const body = await after.json();
    assert.equal(body.emailVerified, true);
    assert.equal(body.email, email);
    assert.deepEqual(body.roles, []);
  });

  test('a verification token works once: the second use → 422 naming token', async () => {
    const email = address('reuse');
    await register({ email, password: password(), displayName: 'Reuse' });
    const token = tokenOf(await mailTo(email, VERIFY), VERIFY);
    assert.equal((await postJson(server.url, '/api/v1/auth/verify', { token })).status, 200);
    await expectValidation(await postJson(server.url, '/api/v1/auth/verify', { token }), ['token'], 'second use');
  });

  test('unknown, empty, missing or non-string token → 422 naming token', async () => {
    for (const body of [{ token: 'A'.repeat(43) }, { token: '' }, {}, { token: 42 }, { token: null }, { token: 'x'.repeat(5000) }]) {
      await expectValidation(await postJson(server.url, '/api/v1/auth/verify', body), ['token'], JSON.stringify(body).slice(0, 40));
    }
  });

  test('a reset token does not verify, a verification token does not reset', async () => {
    const email = address('purpose');
    await register({ email, password: password(), displayName: 'Purpose' });
    const verifyToken = tokenOf(await mailTo(email, VERIFY), VERIFY);
    assert.equal((await postJson(server.url, '/api/v1/auth/password-reset', { email })).status, 202);
    const resetToken = tokenOf(await mailTo(email, RESET), RESET);
    await expectValidation(await postJson(server.url, '/api/v1/auth/verify', { token: resetToken }), ['token']);
    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token: verifyToken, password: password() }), ['token']);
  });

  test('the address of a verified account → the same 201, an "already registered" mail, nothing changes', async () => {
    const taken = DEMO.volunteer.email;
    const pw = password('taken');
    const fresh = await register({ email: address('fresh'), password: password(), displayName: 'Neu' });
    const dup = await register({ email: taken, password: pw, displayName: 'Eindringling' });
    assert.equal(dup.status, fresh.status, 'same status');
    const a = await fresh.json();
    const b = await dup.json();
    assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort(), 'same shape');
    assert.deepEqual(b, { email: taken, verificationSent: true });

    const mail = await mailTo(taken, /\/anmelden/);
    assert.match(mail.body, /\/passwort-vergessen/, 'the mail offers a password reset');
    assert.doesNotMatch(mail.body, VERIFY, 'no verification link for a verified account');
    // The existing account keeps its password and name.
    const s = await login(server.url, taken, DEMO.volunteer.password);
    assert.notEqual(s.body.user.displayName, 'Eindringling');
    await expectProblem(await postJson(server.url, '/api/v1/auth/login', { email: taken, password: pw }), 401);
  });

  test('registering an unverified address again: the latest registration wins, older links die', async () => {
    const email = address('again');
    const first = password('first');
    const second = password('second');
    const seen = new Set<string>();
    assert.equal((await register({ email, password: first, displayName: 'Erste' })).status, 201);
    const firstToken = tokenOf(await mailTo(email, VERIFY, seen), VERIFY);
    const early = await login(server.url, email, first);
    assert.equal((await register({ email, password: second, displayName: 'Zweite' })).status, 201);
    const secondToken = tokenOf(await mailTo(email, VERIFY, seen), VERIFY);
    assert.notEqual(firstToken, secondToken);

    await expectProblem(await me(early), 401, 'the session of the earlier registration ended');
    await expectValidation(await postJson(server.url, '/api/v1/auth/verify', { token: firstToken }), ['token'], 'the older link');
    assert.equal((await postJson(server.url, '/api/v1/auth/verify', { token: secondToken })).status, 200);
    await expectProblem(await postJson(server.url, '/api/v1/auth/login', { email, password: first }), 401, 'old password');
    const s = await login(server.url, email, second);
    assert.equal(s.body.user.displayName, 'Zweite');
    assert.equal(s.body.user.emailVerified, true);
  });

  test('language: from the body, else from Accept-Language; the mail is in that language', async () => {
    const en = address('lang-en');
    assert.equal((await register({ email: en, password: password(), displayName: 'Eve', language: 'en' })).status, 201);
    const enMail = await mailTo(en, VERIFY);
    assert.match(enMail.subject + enMail.body, /confirm/i, 'an English mail');
    const negotiated = address('lang-neg');
    const pw = password();
    assert.equal((await register({ email: negotiated, password: pw, displayName: 'Neg' }, { 'Accept-Language': 'en-GB,en;q=0.9' })).status, 201);
    await mailTo(negotiated, VERIFY);
    assert.equal((await login(server.url, negotiated, pw)).body.user.language, 'en');
    const de = address('lang-de');
    assert.equal((await register({ email: de, password: password(), displayName: 'Dora', language: 'de' }, { 'Accept-Language': 'en' })).status, 201);
    const deMail = await mailTo(de, VERIFY);
    assert.match(deMail.subject + deMail.body, /bestätigen/, 'a German mail');
  });

  const invalid: [string, Record<string, unknown>, string[]][] = [
    ['everything missing', {}, ['email', 'password', 'displayName']],
    ['email not an address', { email: 'nobody', password: 'Wiesen-Salbei-42', displayName: 'A' }, ['email']],
    ['password too short', { email: 'a@example.org', password: 'Kurz-1234', displayName: 'A' }, ['password']],
    ['password too long', { email: 'a@example.org', password: 'x'.repeat(1025), displayName: 'A' }, ['password']],
    ['password common', { email: 'a@example.org', password: 'Passwort123', displayName: 'A' }, ['password']],
    ['password common (another)', { email: 'a@example.org', password: 'qwertz1234', displayName: 'A' }, ['password']],
    ['password equals the address', { email: 'lange.adresse@example.org', password: 'Lange.Adresse@example.org', displayName: 'A' }, ['password']],
    ['password a number', { email: 'a@example.org', password: 12345678901, displayName: 'A' }, ['password']],
    ['displayName empty', { email: 'a@example.org', password: 'Wiesen-Salbei-42', displayName: '   ' }, ['displayName']],
    ['displayName too long', { email: 'a@example.org', password: 'Wiesen-Salbei-42', displayName: 'ä'.repeat(101) }, ['displayName']],
    ['displayName with a line break', { email: 'a@example.org', password: 'Wiesen-Salbei-42', displayName: 'Eva\nBcc: x@y.z' }, ['displayName']],
    ['language unknown', { email: 'a@example.org', password: 'Wiesen-Salbei-42', displayName: 'A', language: 'fr' }, ['language']],
    ['several at once', { email: 'x@', password: 'kurz', displayName: '', language: 7 }, ['email', 'password', 'displayName', 'language']],
  ];
  for (const [name, body, fields] of invalid) {
    test(`register: ${name} → 422 naming ${fields.join(', ')}`, async () => {
      await expectValidation(await register(body), fields, name);
    });
  }

  test('register accepts exactly 100 characters of name and 10 of password', async () => {
    const res = await register({ email: address('edge'), password: 'Kx7!pq2Lmz', displayName: 'ä'.repeat(100) });
    assert.equal(res.status, 201, await res.text());
  });

  test('a weak password is explained in German and, with Accept-Language: en, in English', async () => {
    const body = { email: 'a@example.org', password: 'passwort123', displayName: 'A' };
    const de = await expectValidation(await register(body), ['password']);
    const en = await expectValidation(await register(body, { 'Accept-Language': 'en' }), ['password']);
    assert.match(de.errors![0].message, /Passwort/);
    assert.match(en.errors![0].message, /password/i);
    assert.notEqual(de.errors![0].message, en.errors![0].message);
    assert.notEqual(de.title, en.title);
  });

  test('resend: 202 {} alike for unknown, unverified and verified addresses; a new link only for the unverified', async () => {
    const unverified = address('resend');
    await register({ email: unverified, password: password(), displayName: 'Resend' });
    const seen = new Set<string>();
    const firstToken = tokenOf(await mailTo(unverified, VERIFY, seen), VERIFY);
    const verified = await verifiedAccount('resend-verified');
    const before = mailsTo(verified.email).length;

    // The verified address goes first: a mail to it would be written before the awaited one.
    for (const email of [verified.email, address('resend-unknown'), unverified]) {
      const res = await postJson(server.url, '/api/v1/auth/verify/resend', { email });
      assert.equal(res.status, 202, email);
      assert.deepEqual(await res.json(), {}, email);
    }
    const token = tokenOf(await mailTo(unverified, VERIFY, seen), VERIFY);
    assert.notEqual(token, firstToken, 'a fresh link');
    assert.equal((await postJson(server.url, '/api/v1/auth/verify', { token })).status, 200);
    assert.equal(mailsTo(verified.email).length, before, 'no mail to a verified address');
  });
});

describe('password reset', () => {
  test('unknown and known address → the same 202 {}; the known one gets a link', async () => {
    const known = await verifiedAccount('reset-known');
    const a = await postJson(server.url, '/api/v1/auth/password-reset', { email: address('reset-unknown') });
    const b = await postJson(server.url, '/api/v1/auth/password-reset', { email: known.email });
    assert.equal(a.status, 202);
    assert.equal(b.status, 202);
    assert.deepEqual(await a.json(), await b.json());
    const mail = await mailTo(known.email, RESET);
    assert.match(mail.body, /^https?:\/\/[^\s]+\/passwort-neu\?token=/m, 'the link is absolute');
  });

  test('confirm sets the password, ends every session, verifies the address and mails "password changed"', async () => {
    const email = address('reset');
    const old = password('old');
    await register({ email, password: old, displayName: 'Rita Reset' });
    await mailTo(email, VERIFY);
    const s1 = await login(server.url, email, old);
    const s2 = await login(server.url, email, old);
    assert.equal(s1.body.user.emailVerified, false);

    assert.equal((await postJson(server.url, '/api/v1/auth/password-reset', { email: email.toUpperCase() })).status, 202);
    const token = tokenOf(await mailTo(email, RESET), RESET);
    const fresh = password('new');

    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token, password: 'passwort1234' }), ['password'], 'common password');
    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token, password: email }), ['password'], 'the address as password');
    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token, password: 'kurz' }), ['password'], 'too short');
    assert.equal((await me(s1)).status, 200, 'refused attempts change nothing');

    // With a session cookie and without a CSRF token: these endpoints need none.
    const res = await http(server.url, '/api/v1/auth/password-reset/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: s1.cookie },
      body: JSON.stringify({ token, password: fresh }),
    });
    assert.equal(res.status, 200, 'the token still works after refused attempts');
    assert.deepEqual(await res.json(), { email });
    const cleared = sessionCookie(res);
    assert.ok(cleared && /max-age=0/i.test(cleared), `the dead cookie is cleared (got ${cleared})`);

    await expectProblem(await me(s1), 401, 'session 1 ended');
    await expectProblem(await me(s2), 401, 'session 2 ended');
    await expectProblem(await postJson(server.url, '/api/v1/auth/login', { email, password: old }), 401, 'old password');
    const s3 = await login(server.url, email, fresh);
    assert.equal(s3.body.user.emailVerified, true, 'the reset proved the mailbox');

    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token, password: password() }), ['token'], 'reuse');
    const changed = await mailTo(email, /\/passwort-vergessen/);
    assert.doesNotMatch(changed.body, RESET);
  });

  test('a newer reset link does not revive used ones; after a reset every open link is dead', async () => {
    const acc = await verifiedAccount('reset-two');
    const seen = new Set<string>();
    await postJson(server.url, '/api/v1/auth/password-reset', { email: acc.email });
    const t1 = tokenOf(await mailTo(acc.email, RESET, seen), RESET);
    await postJson(server.url, '/api/v1/auth/password-reset', { email: acc.email });
    const t2 = tokenOf(await mailTo(acc.email, RESET, seen), RESET);
    assert.equal((await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token: t2, password: password() })).status, 200);
    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token: t1, password: password() }), ['token'], 'the older link');
  });

  test('confirm: bad token and weak password are both named', async () => {
    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset/confirm', { token: 'nope', password: 'kurz' }), ['token', 'password']);
    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset/confirm', {}), ['token', 'password']);
    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset', { email: 'kein-at' }), ['email']);
    await expectValidation(await postJson(server.url, '/api/v1/auth/password-reset', {}), ['email']);
    await expectValidation(await postJson(server.url, '/api/v1/auth/verify/resend', { email: 3 }), ['email']);
  });
});

describe('PUT /api/v1/me/password', () => {
  test('changes the password, ends other sessions, starts a new one for this client', async () => {
    const acc = await verifiedAccount('change');
    const a = await login(server.url, acc.email, acc.password);
    const b = await login(server.url, acc.email, acc.password);
    const fresh = password('changed');

    await expectProblem(await http(server.url, '/api/v1/me/password', {
      method: 'PUT', headers: { Cookie: a.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword: acc.password, newPassword: fresh }),
    }), 403, 'without X-CSRF-Token');
    await expectProblem(await http(server.url, '/api/v1/me/password', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword: acc.password, newPassword: fresh }),
    }), 401, 'without a session');

    await expectValidation(await withSession(a, 'PUT', '/api/v1/me/password', { currentPassword: 'Falsch-Falsch-1', newPassword: fresh }), ['currentPassword'], 'wrong current');
    await expectValidation(await withSession(a, 'PUT', '/api/v1/me/password', { currentPassword: acc.password, newPassword: 'hallo12345' }), ['newPassword'], 'common new');
    await expectValidation(await withSession(a, 'PUT', '/api/v1/me/password', { currentPassword: acc.password, newPassword: acc.email }), ['newPassword'], 'the address');
    await expectValidation(await withSession(a, 'PUT', '/api/v1/me/password', {}), ['currentPassword', 'newPassword'], 'empty');
    assert.equal((await me(b)).status, 200, 'refused attempts end nothing');

    const res = await withSession(a, 'PUT', '/api/v1/me/password', { currentPassword: acc.password, newPassword: fresh });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.email, acc.email);
    assert.equal(typeof body.csrfToken, 'string');
    assert.notEqual(body.csrfToken, a.csrfToken, 'a new CSRF token');
    const setCookie = sessionCookie(res);
    assert.ok(setCookie, 'a new session cookie');
    const cookie = setCookie.split(';')[0];
    assert.notEqual(cookie, a.cookie);
    assert.match(setCookie, /HttpOnly/i);

    await expectProblem(await me(a), 401, 'the old cookie of this client');
    await expectProblem(await me(b), 401, 'the other session');
    const now = await me({ cookie });
    assert.equal(now.status, 200);
    assert.equal((await now.json()).csrfToken, body.csrfToken);
    await expectProblem(await postJson(server.url, '/api/v1/auth/login', { email: acc.email, password: acc.password }), 401, 'old password');
    await login(server.url, acc.email, fresh);
    await mailTo(acc.email, /\/passwort-vergessen/);
  });

  test('bad bodies: 400 malformed, 415 wrong type', async () => {
    const acc = await verifiedAccount('change-bad');
    const s = await login(server.url, acc.email, acc.password);
    await expectProblem(await withSession(s, 'PUT', '/api/v1/me/password', '{"currentPassword": '), 400);
    await expectProblem(await withSession(s, 'PUT', '/api/v1/me/password', 'currentPassword=x', { 'Content-Type': 'text/plain' }), 415);
  });
});

describe('PATCH /api/v1/me', () => {
  test('changes name and language; GET /api/v1/me shows them', async () => {
    const acc = await verifiedAccount('patch');
    const s = await login(server.url, acc.email, acc.password);
    const res = await withSession(s, 'PATCH', '/api/v1/me', { displayName: '  Paula Patch ', language: 'en' });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.displayName, 'Paula Patch');
    assert.equal(body.language, 'en');
    assert.equal(body.csrfToken, s.csrfToken, 'the session stays');
    assert.deepEqual(await (await me(s)).json(), body);

    const same = await withSession(s, 'PATCH', '/api/v1/me', {});
    assert.equal(same.status, 200);
    assert.deepEqual(await same.json(), body, 'an empty patch changes nothing');
    const onlyLang = await (await withSession(s, 'PATCH', '/api/v1/me', { language: 'de' })).json();
    assert.equal(onlyLang.displayName, 'Paula Patch');
    assert.equal(onlyLang.language, 'de');
  });

  test('needs a session (401) and the CSRF token (403)', async () => {
    const res = await http(server.url, '/api/v1/me', {
      method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{"displayName":"X"}',
    });
    await expectProblem(res, 401);
    const s = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
    await expectProblem(await http(server.url, '/api/v1/me', {
      method: 'PATCH', headers: { Cookie: s.cookie, 'Content-Type': 'application/json' }, body: '{"displayName":"X"}',
    }), 403, 'no token');
    await expectProblem(await withSession({ ...s, csrfToken: 'falsch' }, 'PATCH', '/api/v1/me', { displayName: 'X' }), 403, 'wrong token');
    assert.notEqual((await (await me(s)).json()).displayName, 'X');
  });

  test('invalid fields → 422 in German and English; 400; 415', async () => {
    const s = await login(server.url, DEMO.volunteer.email, DEMO.volunteer.password);
    await expectValidation(await withSession(s, 'PATCH', '/api/v1/me', { displayName: '' }), ['displayName']);
    await expectValidation(await withSession(s, 'PATCH', '/api/v1/me', { displayName: 'x'.repeat(101) }), ['displayName']);
    await expectValidation(await withSession(s, 'PATCH', '/api/v1/me', { displayName: 5, language: 'fr' }), ['displayName', 'language']);
    const de = await expectValidation(await withSession(s, 'PATCH', '/api/v1/me', { language: 'EN' }), ['language']);
    const en = await expectValidation(await withSession(s, 'PATCH', '/api/v1/me', { language: 'EN' }, { 'Accept-Language': 'en' }), ['language']);
    assert.notEqual(de.errors![0].message, en.errors![0].message);
    await expectProblem(await withSession(s, 'PATCH', '/api/v1/me', '{"displayName": "x"'), 400);
    await expectProblem(await withSession(s, 'PATCH', '/api/v1/me', '[]'), 400);
    await expectProblem(await withSession(s, 'PATCH', '/api/v1/me', 'displayName=x', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415);
  });

  test('GET /api/v1/me carries language', async () => {
    const s = await login(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
    const body = await (await me(s)).json();
    assert.ok(['de', 'en'].includes(body.language), `language is de or en (got ${body.language})`);
  });
});

describe('every new endpoint: 400 for malformed JSON, 415 for other media types', () => {
  for (const path of ['/api/v1/auth/register', '/api/v1/auth/verify', '/api/v1/auth/verify/resend', '/api/v1/auth/password-reset', '/api/v1/auth/password-reset/confirm']) {
    test(path, async () => {
      await expectProblem(await postJson(server.url, path, '{"email": '), 400, 'malformed');
      await expectProblem(await postJson(server.url, path, '"a string"'), 400, 'not an object');
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        await expectProblem(await http(server.url, path, { method: 'POST', headers: { 'Content-Type': type }, body: '{}' }), 415, type);
      }
      const de = await expectProblem(await postJson(server.url, path, {}), 422, 'empty object');
      const en = await expectProblem(await postJson(server.url, path, {}, { 'Accept-Language': 'en' }), 422, 'empty object, English');
      assert.notEqual(de.detail, en.detail, 'German and English');
    });
  }
});

describe('rate limits (default settings)', () => {
  let limited: Server;
  before(async () => {
    limited = await startServer();
  });
  after(async () => {
    await limited?.stop();
  });

  async function expectRateLimited(res: Response, where: string) {
    const retry = res.headers.get('retry-after');
    const p = await expectProblem(res, 429, where);
    assert.equal(p.type, 'urn:helferkarte:problem:rate-limited', where);
    assert.match(retry ?? '', /^[1-9]\d*$/, `${where}: Retry-After is whole seconds (got ${retry})`);
    return Number(retry);
  }

  test('login: 5 failures per account, then 429 even with the right password; success clears the count', async () => {
    const email = address('limit-login');
    const pw = password('limit');
    assert.equal((await postJson(limited.url, '/api/v1/auth/register', { email, password: pw, displayName: 'L' })).status, 201);
    for (let i = 0; i < 4; i++) await expectProblem(await postJson(limited.url, '/api/v1/auth/login', { email, password: `falsch-${i}-xxxx` }), 401, `failure ${i + 1}`);
    await login(limited.url, email, pw); // clears the four failures
    for (let i = 0; i < 5; i++) await expectProblem(await postJson(limited.url, '/api/v1/auth/login', { email, password: `falsch-${i}-yyyy` }), 401, `failure ${i + 1} after success`);
    const retry = await expectRateLimited(await postJson(limited.url, '/api/v1/auth/login', { email, password: pw }), 'sixth attempt');
    assert.ok(retry <= 15 * 60, `Retry-After at most 15 minutes (got ${retry})`);
    const en = await postJson(limited.url, '/api/v1/auth/login', { email, password: pw }, { 'Accept-Language': 'en' });
    const pen = await expectProblem(en, 429);
    assert.match(pen.detail, /try again/i);
    // Unknown addresses are limited alike, so the limit tells nothing about existence.
    const unknown = address('limit-unknown');
    for (let i = 0; i < 5; i++) await expectProblem(await postJson(limited.url, '/api/v1/auth/login', { email: unknown, password: `falsch-${i}-zzzz` }), 401);
    await expectRateLimited(await postJson(limited.url, '/api/v1/auth/login', { email: unknown, password: 'falsch-zzzz' }), 'unknown address');
  });

  test('password change: wrong current passwords count like failed logins', async () => {
    const email = address('limit-change');
    const pw = password('limit-change');
    await postJson(limited.url, '/api/v1/auth/register', { email, password: pw, displayName: 'C' });
    const s = await login(limited.url, email, pw);
    const put = (current: string) => http(limited.url, '/api/v1/me/password', {
      method: 'PUT',
      headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword: current, newPassword: 'Ganz-Neues-Passwort-1' }),
    });
    for (let i = 0; i < 5; i++) await expectValidation(await put(`falsch-${i}-abcd`), ['currentPassword']);
    await expectRateLimited(await put(pw), 'sixth try');
  });
});

describe('rate limits per client address (default settings)', () => {
  test('logins: 30 failures per address, then 429', async () => {
    const s = await startServer();
    try {
      for (let i = 0; i < 30; i++) {
        // A different account each time, so the per-account limit does not hit first.
        await expectProblem(await postJson(s.url, '/api/v1/auth/login', { email: `ip-${i}@example.org`, password: 'falsch-falsch' }), 401, `failure ${i + 1}`);
      }
      const res = await postJson(s.url, '/api/v1/auth/login', { email: 'ip-new@example.org', password: 'falsch-falsch' });
      assert.equal(res.status, 429);
      assert.match(res.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      await res.body?.cancel();
    } finally {
      await s.stop();
    }
  });

  test('registrations: 10 per hour per address; resends and resets: 3 per account and 10 per address', async () => {
    const s = await startServer();
    try {
      const reg = (i: number) => postJson(s.url, '/api/v1/auth/register', { email: `reg-${i}@example.org`, password: 'Wiesen-Salbei-77', displayName: 'R' });
      for (let i = 0; i < 10; i++) assert.equal((await reg(i)).status, 201, `registration ${i + 1}`);
      const r = await reg(10);
      assert.equal(r.status, 429);
      assert.match(r.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      await r.body?.cancel();
      // Validation comes first: a typo is still told what is wrong.
      await expectValidation(await postJson(s.url, '/api/v1/auth/register', { email: 'x' }), ['email', 'password', 'displayName']);

      for (const path of ['/api/v1/auth/password-reset', '/api/v1/auth/verify/resend']) {
        for (let i = 0; i < 3; i++) assert.equal((await postJson(s.url, path, { email: 'same@example.org' })).status, 202, `${path} ${i + 1}`);
        const same = await postJson(s.url, path, { email: 'same@example.org' });
        assert.equal(same.status, 429, `${path}: fourth for the same account`);
        await same.body?.cancel();
        for (let i = 0; i < 7; i++) assert.equal((await postJson(s.url, path, { email: `other-${i}@example.org` })).status, 202, `${path} other ${i + 1}`);
        const ip = await postJson(s.url, path, { email: 'one-more@example.org' });
        assert.equal(ip.status, 429, `${path}: eleventh from the address`);
        assert.match(ip.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
        await ip.body?.cancel();
      }
    } finally {
      await s.stop();
    }
  });
});

describe('logs', () => {
  test('never contain a password or a token used in these tests', () => {
    const log = server.stderr();
    assert.ok(log.length > 0, 'the server logged something');
    for (const s of secrets) assert.ok(!log.includes(s), `the log contains a secret (${s.slice(0, 6)}…)`);
  });
});
