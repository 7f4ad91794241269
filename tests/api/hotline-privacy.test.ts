// The hotline's privacy promise, the API part of the "Done when": a coordinator of
// another municipality, a volunteer who offered but was not chosen, a signed-in stranger, the
// platform admin and anonymous callers get nothing of the caller's data from any hotline route
// — neither in an answer nor by changing anything — and the helper loses access on close.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  call, DEMO, demoActor, expectJson, expectProblem, guetersloh, http, problemCode, startDemoServer, uniqueAgs,
  uniqueEmail, verifiedUser, type Actor,
} from './support.ts';
import { newMailTo, mailFiles, verifiedFast } from './needs-support.ts';
import { assertNoCallerData, createHelpRequest, getHelpRequest, newCaller, type Caller } from './hotline-support.ts';

let server: Server;
let M: string;
let N: string;
let coordinatorM: Actor;
let coordinatorN: Actor;
let platformAdmin: Actor;
let helper: Actor;
let offerer: Actor;
let stranger: Actor;
let groupAdmin: Actor;
let c: Caller;
let matched: any; // matched with `helper`, `offerer` offered too
let fresh: any; // still new (a target for publish)
const base = () => server.url;

before(async () => {
  server = await startDemoServer();
  coordinatorM = await demoActor(base(), DEMO.coordinator);
  platformAdmin = await demoActor(base(), DEMO.admin);
  groupAdmin = await demoActor(base(), DEMO.orgAdmin);
  M = await guetersloh(base());

  const n = await expectJson(await call(base(), 'POST', '/api/v1/municipalities', {
    as: platformAdmin,
    body: { name: 'Anderstadt', ags: uniqueAgs(), center: { lat: 52.02, lon: 8.53 }, contactEmail: 'rathaus@anderstadt.example', moderation: 'none' },
  }), 201, 'create N');
  N = n.id;
  const email = uniqueEmail('coordinator-n');
  await expectJson(await call(base(), 'POST', `/api/v1/municipalities/${N}/coordinators`, { as: platformAdmin, body: { email } }), 201, 'invite');
  coordinatorN = await verifiedUser(server, 'coordinator-n', { email });
  assert.ok(coordinatorN.session.body.user.roles.some((r: any) => r.role === 'coordinator' && r.municipalityId === N), 'coordinator of N');

  [helper, offerer, stranger] = await Promise.all([
    verifiedFast(server, 'privacy-helper', { displayName: 'Hanna Helferin' }),
    verifiedFast(server, 'privacy-offerer', { displayName: 'Otto Angebot' }),
    verifiedFast(server, 'privacy-stranger', { displayName: 'Fritz Fremd' }),
  ]);

  c = newCaller('Privat');
  const r = await createHelpRequest(base(), coordinatorM, M, c, { publish: true });
  const need = await expectJson(await http(base(), `/api/v1/needs/${r.needId}`), 200, 'need');
  for (const v of [helper, offerer]) {
    await expectJson(await call(base(), 'POST', `/api/v1/shifts/${need.shifts[0].id}/signups`, { as: v, body: {} }), 201, 'offer');
  }
  const mails = mailFiles(server.mailDir);
  matched = await expectJson(await call(base(), 'POST', `/api/v1/help-requests/${r.id}/match`, { as: coordinatorM, body: { userId: helper.id } }), 200, 'match');
  await newMailTo(server.mailDir, mails, helper.email, c.phone);
  fresh = await createHelpRequest(base(), coordinatorM, M, c);
});
after(async () => {
  await server?.stop();
});

interface Attempt { method: string; path: string; body?: unknown; on: 'request' | 'municipality' | 'me' }

function attempts(): Attempt[] {
  const id = matched.id;
  return [
    { method: 'GET', path: `/api/v1/help-requests/${id}`, on: 'request' },
    { method: 'GET', path: `/api/v1/help-requests/${id}?purpose=print`, on: 'request' },
    { method: 'PATCH', path: `/api/v1/help-requests/${id}`, body: { details: 'Überschrieben von außen.' }, on: 'request' },
    { method: 'PATCH', path: `/api/v1/help-requests/${fresh.id}`, body: { caller: { name: 'Fremder Name', phone: '0800 1111' } }, on: 'request' },
    { method: 'POST', path: `/api/v1/help-requests/${fresh.id}/publish`, on: 'request' },
    { method: 'POST', path: `/api/v1/help-requests/${id}/match`, body: { userId: offerer.id }, on: 'request' },
    { method: 'POST', path: `/api/v1/help-requests/${id}/unmatch`, body: {}, on: 'request' },
    { method: 'POST', path: `/api/v1/help-requests/${id}/close`, body: { outcome: 'cancelled' }, on: 'request' },
    { method: 'POST', path: `/api/v1/help-requests/${id}/notes`, body: { text: 'Von außen.' }, on: 'request' },
    { method: 'GET', path: `/api/v1/municipalities/${M}/help-requests`, on: 'municipality' },
    { method: 'GET', path: `/api/v1/municipalities/${M}/help-requests?status=all`, on: 'municipality' },
    { method: 'POST', path: `/api/v1/municipalities/${M}/help-requests`, body: { caller: { name: 'X', phone: '0800 2222' }, summary: 'x', category: 'shopping', area: 'X' }, on: 'municipality' },
    { method: 'GET', path: `/api/v1/municipalities/${M}/dashboard`, on: 'municipality' },
    { method: 'GET', path: '/api/v1/me/help-requests', on: 'me' },
  ];
}

/** Runs every attempt as `who` (null: anonymous); each answer holds nothing of the caller. */
async function tryEverything(who: Actor | null, label: string, expected: (a: Attempt) => number) {
  const wrong: string[] = [];
  for (const a of attempts()) {
    const res = await call(base(), a.method, a.path, { as: who, body: a.body });
    const text = await res.text();
    const want = expected(a);
    if (res.status !== want) wrong.push(`${a.method} ${a.path}: expected ${want}, got ${res.status} ${text.slice(0, 200)}`);
    assertNoCallerData(text, c, `${label}: ${a.method} ${a.path}`);
    if (a.on === 'me' && res.status === 200) {
      assert.ok(!JSON.parse(text).items.some((x: any) => x.id === matched.id || x.id === fresh.id), `${label}: /me/help-requests lists nothing of M's`);
    }
  }
  assert.deepEqual(wrong, [], `${label}: answers`);
}

const signedInOutsider = (a: Attempt) => (a.on === 'request' ? 404 : a.on === 'municipality' ? 403 : 200);

describe('nobody but the coordinators of M and the matched helper gets the caller', () => {
  test('anonymous: 401 on every route, nothing of the caller', async () => {
    await tryEverything(null, 'anonymous', () => 401);
  });

  test('a coordinator of another municipality: 404 on the request, 403 on M, nothing of the caller', async () => {
    await tryEverything(coordinatorN, 'coordinator of N', signedInOutsider);
    const own = await call(base(), 'GET', `/api/v1/municipalities/${N}/help-requests?status=all`, { as: coordinatorN });
    const ownText = await own.text();
    assert.equal(own.status, 200, ownText);
    assert.deepEqual(JSON.parse(ownText).items, [], "N's list is empty");
    assertNoCallerData(ownText, c, "N's list");
    const dash = await call(base(), 'GET', `/api/v1/municipalities/${N}/dashboard`, { as: coordinatorN });
    assert.equal(dash.status, 200);
    assertNoCallerData(await dash.text(), c, "N's dashboard");
  });

  test('a volunteer who offered but was not chosen: 404 / 403, nothing of the caller, not even in their sign-ups', async () => {
    await tryEverything(offerer, 'unmatched offerer', signedInOutsider);
    const signups = await call(base(), 'GET', '/api/v1/me/signups', { as: offerer });
    const text = await signups.text();
    assert.equal(signups.status, 200);
    assert.ok(JSON.parse(text).items.some((s: any) => s.need.id === matched.needId), 'the offer is among their sign-ups');
    assertNoCallerData(text, c, "the offerer's sign-ups");
  });

  test('a signed-in stranger, a group admin and the platform admin: 404 / 403, nothing of the caller', async () => {
    await tryEverything(stranger, 'stranger', signedInOutsider);
    await tryEverything(groupAdmin, 'group admin', signedInOutsider);
    await tryEverything(platformAdmin, 'platform admin', signedInOutsider);
  });

  test('nothing changed through the refused attempts', async () => {
    const now = await getHelpRequest(base(), coordinatorM, matched.id);
    assert.equal(now.status, 'matched');
    assert.equal(now.helper.userId, helper.id);
    assert.equal(now.details, c.details);
    assert.deepEqual(now.caller, matched.caller);
    assert.ok(!now.notes.some((n: any) => n.text === 'Von außen.'), 'no note from outside');
    const f = await getHelpRequest(base(), coordinatorM, fresh.id);
    assert.equal(f.status, 'new');
    assert.deepEqual(f.caller, fresh.caller);
  });

  test('the matched helper reads the caller, may change nothing', async () => {
    const view = await getHelpRequest(base(), helper, matched.id);
    assert.equal(view.caller.phone, c.phone);
    for (const a of attempts().filter((x) => x.on === 'request' && x.method !== 'GET')) {
      const res = await call(base(), a.method, a.path, { as: helper, body: a.body });
      const text = await res.text();
      assert.ok(res.status === 403 || res.status === 404, `helper ${a.method} ${a.path}: 403 or 404, got ${res.status} ${text.slice(0, 200)}`);
      assertNoCallerData(text, c, `helper ${a.method} ${a.path}`);
    }
    for (const a of attempts().filter((x) => x.on === 'municipality')) {
      const p = await expectProblem(await call(base(), a.method, a.path, { as: helper, body: a.body }), 403, `helper ${a.method} ${a.path}`);
      assert.equal(problemCode(p), 'forbidden');
    }
    assert.equal((await getHelpRequest(base(), coordinatorM, matched.id)).status, 'matched');
  });

  test('after close the former helper gets 404 and the request leaves /me/help-requests', async () => {
    await expectJson(await call(base(), 'POST', `/api/v1/help-requests/${matched.id}/close`, { as: coordinatorM, body: { outcome: 'done' } }), 200, 'close');
    const p = await expectProblem(await call(base(), 'GET', `/api/v1/help-requests/${matched.id}`, { as: helper }), 404, 'former helper');
    assertNoCallerData(JSON.stringify(p), c, "the former helper's 404");
    const me = await call(base(), 'GET', '/api/v1/me/help-requests', { as: helper });
    const text = await me.text();
    assert.equal(me.status, 200);
    assert.ok(!JSON.parse(text).items.some((x: any) => x.id === matched.id), 'not listed');
    assertNoCallerData(text, c, "the former helper's list");
    await tryEverything(helper, 'former helper', signedInOutsider);
  });
});
