// The server's logs never hold a secret or a personal value a client sent: passwords (also a
// wrong one), the tokens of mail links, calendar feeds and sessions, the CSRF token, a
// citizen's search position and a hotline caller's data. A session of API calls sends
// distinctive values of each; afterwards the complete output of the server (access log and
// application log, on standard error and standard output) is searched for every one of them,
// once with the JSON log format and once with the text format.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  call, DEMO, demoActor, expectJson, guetersloh, http, linkToken, login, mailTo, postJson, register, startDemoServer, uniqueEmail,
} from './support.ts';
import { callerStrings, createHelpRequest, getHelpRequest, newCaller } from './hotline-support.ts';
import { mailFiles, newMailTo } from './needs-support.ts';

const servers: Server[] = [];
after(async () => {
  for (const s of servers) if (s.process.exitCode === null) await s.stop();
});

/** A position in Gütersloh with more decimals than anybody types, so that it is findable. */
const SEARCH = { lat: 51.90612345, lon: 8.38512345 };
const CALL_POINT = { lat: 51.91612345, lon: 8.40712345 };

/** The renderings of a coordinate a log could hold: every decimal and rounded to 4 places. */
function renderings(p: { lat: number; lon: number }): string[] {
  return [String(p.lat), String(p.lon), p.lat.toFixed(4), p.lon.toFixed(4)];
}

interface Sent { label: string; value: string }

/**
 * One session against `server`; returns every value it sent that must not reach the log.
 * Each step checks its answer, so that a value counts as sent only when the server took it.
 */
async function session(server: Server, tag: string): Promise<Sent[]> {
  const base = server.url;
  const sent: Sent[] = [];
  const secret = (label: string, value: string) => {
    assert.ok(value && value.length >= 6, `${label} is a distinctive value (${JSON.stringify(value)})`);
    sent.push({ label, value });
  };

  // Register, verify with the token from the mail, log in.
  const email = uniqueEmail(`logs-${tag}`);
  const password = `Pruefwort${tag}Kranich8812`;
  secret('the password at registration', password);
  await expectJson(await register(base, email, password, `Lotte Logprobe${tag}`), 201, 'register');
  const verifyToken = linkToken((await mailTo(server.mailDir, email, '/konto/bestaetigen?token=')).body, '/konto/bestaetigen');
  secret('the verification token', verifyToken);
  await expectJson(await postJson(base, '/api/v1/auth/verify', { token: verifyToken }), 200, 'verify');

  const wrong = `Falschwort${tag}Reiher4471`;
  secret('a wrong password', wrong);
  const failed = await postJson(base, '/api/v1/auth/login', { email, password: wrong });
  assert.equal(failed.status, 401, `a wrong password is refused: ${await failed.text()}`);

  const first = await login(base, email, password);
  secret('the session cookie', first.cookie.replace(/^hk_session=/, ''));
  secret('the CSRF token', first.csrfToken);
  // The CSRF token in use: a write that needs it.
  await expectJson(await call(base, 'PATCH', '/api/v1/me', { as: first, body: { displayName: `Lotte Logprobe${tag}` } }), 200, 'PATCH /me');

  // Password reset: the token from the mail and the new password.
  await expectJson(await postJson(base, '/api/v1/auth/password-reset', { email }), 202, 'ask for a reset');
  const resetToken = linkToken((await mailTo(server.mailDir, email, '/passwort-neu?token=')).body, '/passwort-neu');
  secret('the password-reset token', resetToken);
  const newPassword = `Neuwort${tag}Bussard3390`;
  secret('the new password', newPassword);
  const reset = await postJson(base, '/api/v1/auth/password-reset/confirm', { token: resetToken, password: newPassword });
  assert.ok(reset.status === 200 || reset.status === 204, `reset confirmed: ${reset.status} ${await reset.text()}`);
  const me = await login(base, email, newPassword);
  secret('the session cookie after the reset', me.cookie.replace(/^hk_session=/, ''));
  secret('the CSRF token after the reset', me.csrfToken);
  const actor = { id: me.body.user.id, email, password: newPassword, displayName: me.body.user.displayName, session: me };

  // The secret address of the calendar feed, used, and a mail link's token (made up: the
  // path is the same whether it is known or not).
  const feed = await expectJson(await call(base, 'POST', '/api/v1/me/calendar-feed', { as: actor }), 201, 'calendar feed');
  const feedUrl = new URL(feed.url);
  const feedToken = feedUrl.pathname.split('/').pop()!.replace(/\.ics$/, '');
  secret('the calendar feed token', feedToken);
  assert.equal((await http(base, feedUrl.pathname)).status, 200, 'the feed answers');
  const linkSecret = `Einsatzlink${tag}Milan5521xyz`;
  secret('a mail link token', linkSecret);
  await (await http(base, `/api/v1/signup-links/${linkSecret}`)).text();

  // A citizen's position: a radius search and Entdecken, anonymous and logged in.
  for (const who of [null, actor]) {
    await expectJson(await call(base, 'GET', `/api/v1/needs?lat=${SEARCH.lat}&lon=${SEARCH.lon}&radiusKm=10`, { as: who }), 200, 'search');
    await expectJson(await call(base, 'GET', `/api/v1/needs/discover?lat=${SEARCH.lat}&lon=${SEARCH.lon}`, { as: who }), 200, 'discover');
  }
  for (const r of renderings(SEARCH)) secret('the search position', r);

  // A hotline call with a caller's data and a point, published; our person offers help, is
  // matched and reads the caller's data.
  const coordinator = await demoActor(base, DEMO.coordinator);
  secret('the coordinator\'s password', DEMO.coordinator.password);
  secret('the coordinator\'s session cookie', coordinator.session.cookie.replace(/^hk_session=/, ''));
  secret('the coordinator\'s CSRF token', coordinator.session.csrfToken);
  const M = await guetersloh(base);
  const caller = newCaller(`Log${tag}`);
  for (const s of callerStrings(caller)) secret('the caller\'s data', s);
  for (const r of renderings(CALL_POINT)) secret('the caller\'s point', r);
  const request = await createHelpRequest(base, coordinator, M, caller, { publish: true, location: CALL_POINT });
  const need = await expectJson(await http(base, `/api/v1/needs/${request.needId}`), 200, 'the published need');
  await expectJson(await call(base, 'POST', `/api/v1/shifts/${need.shifts[0].id}/signups`, { as: actor, body: {} }), 201, 'offer');
  const before = mailFiles(server.mailDir);
  await expectJson(await call(base, 'POST', `/api/v1/help-requests/${request.id}/match`, { as: coordinator, body: { userId: actor.id } }), 200, 'match');
  await newMailTo(server.mailDir, before, email, caller.phone);
  const seen = await getHelpRequest(base, actor, request.id);
  assert.equal(seen.caller?.name, caller.name, 'the matched helper reads the caller');
  await expectJson(await call(base, 'POST', `/api/v1/help-requests/${request.id}/notes`, { as: coordinator, body: { text: `Rückruf bei ${caller.name} unter ${caller.phone}.` } }), 201, 'a note');
  await getHelpRequest(base, coordinator, request.id, '?purpose=print');
  // An intake the server refuses still must not echo the caller into the log.
  const refused = await call(base, 'POST', `/api/v1/municipalities/${M}/help-requests`, {
    as: coordinator, body: { caller: { name: caller.name, phone: caller.phone, address: caller.address }, category: 'nope' },
  });
  assert.equal(refused.status, 422, `an invalid intake is refused: ${await refused.text()}`);

  // Log out: the cookie is sent once more.
  assert.ok([200, 204].includes((await call(base, 'POST', '/api/v1/auth/logout', { as: actor })).status), 'logout');
  return sent;
}

/** Fails on every sent value the log holds, naming the value's kind and the line. */
function assertNothingLeaked(log: string, sent: Sent[], where: string) {
  // The durations of the JSON access log are doubles with many digits; they are not sent by
  // anybody and could meet a rounded coordinate by chance.
  const searchable = log.replace(/"durationMs":[0-9.eE+-]+/g, '"durationMs":0');
  const leaks: string[] = [];
  for (const { label, value } of sent) {
    const line = searchable.split('\n').find((l) => l.includes(value));
    if (line) leaks.push(`${label} ${JSON.stringify(value)} in: ${line.slice(0, 300)}`);
  }
  assert.deepEqual(leaks, [], `${where}: the log holds values a client sent`);
}

for (const format of ['json', 'text'] as const) {
  describe(`the server log (${format})`, () => {
    test('holds no password, token, CSRF token, search position or caller data of an API session', async () => {
      const server = await startDemoServer({ HELFERKARTE_LOG_FORMAT: format, HELFERKARTE_LOG_LEVEL: 'trace' });
      servers.push(server);
      const sent = await session(server, format === 'json' ? 'J' : 'T');
      await server.stop();
      const log = `${server.stderr()}\n${server.stdout()}`;

      assertNothingLeaked(log, sent, `${format} log`);
      // The log is there and is what we think it is: one access line per request, in the format.
      const accessLines = log.split('\n').filter((l) => l.includes('/api/v1/auth/login'));
      assert.ok(accessLines.length >= 4, `the access log has the logins:\n${log.slice(0, 2000)}`);
      if (format === 'json') {
        for (const l of log.split('\n').filter((x) => x.startsWith('{'))) JSON.parse(l);
        assert.ok(accessLines.every((l) => l.startsWith('{')), 'JSON lines');
      } else {
        assert.ok(accessLines.every((l) => !l.startsWith('{')), 'text lines');
      }
      // The mail-link routes are logged by their template, not with their token.
      assert.ok(log.includes('/api/v1/calendar/{token}'), 'the feed request is logged by its template');
      assert.ok(log.includes('/api/v1/signup-links/{token}'), 'the link request is logged by its template');
      // Searches are logged, without their query.
      assert.ok(log.split('\n').some((l) => l.includes('/api/v1/needs/discover')), 'Entdecken is logged');
      // No client address: the access log has no field for it and no line names the loopback.
      const clientAddresses = log.split('\n').filter((l) => l.includes('127.0.0.1') && !/listening on |serving 127\.0\.0\.1:\d+ /.test(l));
      assert.deepEqual(clientAddresses, [], 'no line but the listening address names 127.0.0.1');

    });
  });
}
