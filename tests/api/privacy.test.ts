// Privacy of volunteers: a person's name, e-mail address and message reach only the group whose
// need they joined (the participants endpoint, for its admins and members). Everybody else —
// other volunteers, members of another group, coordinators, the platform admin, anonymous
// visitors — sees counts only. Each answer is searched as raw text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import {
  addMember, approvedGroup, createNeed, joinAs, participants, shiftAt, verifiedFast, type Group,
} from './needs-support.ts';
import { call, DEMO, demoActor, expectJson, guetersloh, type Actor, startDemoServer } from './support.ts';

let server: Server;
let M = '';
let groupA: Group;
let memberA: Actor;
let groupB: Group;
let coordinator: Actor;
let platformAdmin: Actor;
let secret: Actor; // the volunteer whose data must not leak
let other: Actor; // another volunteer on the same shift
let unverified: Actor;
const NAME = 'Xaverine Quastenbrink';
const MESSAGE = 'Ich bringe meinen Hund Fiffikus mit.';
let needOpen: any;
let needAsk: any;
let feedPath = '';

before(async () => {
  server = await startDemoServer();
  coordinator = await demoActor(server.url, DEMO.coordinator);
  platformAdmin = await demoActor(server.url, DEMO.admin);
  M = await guetersloh(server.url);
  groupA = await approvedGroup(server, coordinator, M, 'Gruppe Eins');
  groupB = await approvedGroup(server, coordinator, M, 'Gruppe Zwei');
  memberA = await verifiedFast(server, 'privacy-member');
  await addMember(server.url, groupA.admin, groupA.id, memberA);
  secret = await verifiedFast(server, 'xaverine', { displayName: NAME });
  other = await verifiedFast(server, 'privacy-other', { displayName: 'Otto Anderer' });
  unverified = await verifiedFast(server, 'privacy-unverified', { verify: false });

  needOpen = await createNeed(server.url, memberA, groupA.id, { title: 'Offenes Gesuch', shifts: [shiftAt(6, 1), shiftAt(7, 3)] });
  needAsk = await createNeed(server.url, memberA, groupA.id, { title: 'Gesuch mit Anfrage', signupMode: 'approval', shifts: [shiftAt(8, 2)] });
  await joinAs(server.url, secret, needOpen.shifts[0].id, 'confirmed', { message: MESSAGE });
  await joinAs(server.url, other, needOpen.shifts[0].id, 'waitlisted');
  await joinAs(server.url, other, needOpen.shifts[1].id, 'confirmed');
  await joinAs(server.url, secret, needAsk.shifts[0].id, 'requested', { message: MESSAGE });
  // The other volunteer keeps a calendar feed: it must not show anybody else either.
  const feed = await expectJson(await call(server.url, 'POST', '/api/v1/me/calendar-feed', { as: other }), 201, 'feed');
  feedPath = new URL(feed.url).pathname;
});
after(async () => {
  await server?.stop();
});

/** Everything a caller may ask about the needs, as raw text, with the status of each answer. */
async function everything(who: Actor | null): Promise<{ path: string; status: number; text: string }[]> {
  const paths = [
    `/api/v1/needs/${needOpen.id}`, `/api/v1/needs/${needAsk.id}`,
    `/api/v1/organizations/${groupA.id}/needs`, `/api/v1/organizations/${groupA.id}/needs?status=published`,
    `/api/v1/municipalities/${M}/needs`, `/api/v1/municipalities/${M}/needs?status=published`,
    `/api/v1/needs/${needOpen.id}/calendar.ics`, `/api/v1/needs/${needAsk.id}/calendar.ics`,
    `/api/v1/needs/${needOpen.id}/participants`, `/api/v1/needs/${needAsk.id}/participants`,
    `/api/v1/organizations/${groupA.id}`, `/api/v1/organizations/${groupA.id}/members`,
    `/api/v1/municipalities/${M}/audit-log?limit=100`,
    '/api/v1/me/signups', '/api/v1/me/signups?when=past', '/api/v1/me/hours', feedPath,
  ];
  const out = [];
  for (const path of paths) {
    const res = await call(server.url, 'GET', path, { as: who });
    out.push({ path, status: res.status, text: await res.text() });
  }
  return out;
}

function leaks(answers: { path: string; status: number; text: string }[]): string[] {
  const found: string[] = [];
  for (const a of answers) {
    for (const [what, needle] of [['name', NAME], ['e-mail', secret.email], ['message', MESSAGE]]) {
      if (a.text.toLowerCase().includes(needle.toLowerCase())) found.push(`${a.path} (${a.status}) shows the ${what}`);
    }
  }
  return found;
}

describe('volunteer data stays with the group', () => {
  test('the group sees name, e-mail and message in the participants list (so the search below can find them)', async () => {
    for (const who of [memberA, groupA.admin]) {
      const list = await participants(server.url, who, needOpen.id);
      const me = list.shifts[0].participants.find((p: any) => p.userId === secret.id);
      assert.deepEqual([me.displayName, me.email, me.message, me.status], [NAME, secret.email, MESSAGE, 'confirmed']);
      const asked = await participants(server.url, who, needAsk.id);
      assert.equal(asked.shifts[0].participants[0].displayName, NAME, 'requests too');
      const answers = await everything(who);
      assert.ok(leaks(answers).some((l) => l.includes('/participants')), 'the search finds the data where it belongs');
      const elsewhere = leaks(answers).filter((l) => !l.includes('/participants'));
      assert.deepEqual(elsewhere, [], 'even the group sees it only in the participants list');
    }
  });

  const outsiders: [string, () => Actor | null][] = [
    ['anonymous', () => null],
    ['an unverified account', () => unverified],
    ['another volunteer on the same shift', () => other],
    ['the admin of another group', () => groupB.admin],
    ['the coordinator of the municipality', () => coordinator],
    ['the platform admin', () => platformAdmin],
  ];
  for (const [label, who] of outsiders) {
    test(`${label}: counts only, never the name, e-mail or message`, async () => {
      const answers = await everything(who());
      assert.deepEqual(leaks(answers), [], `${label} sees volunteer data`);
      const participantsAnswers = answers.filter((a) => a.path.endsWith('/participants'));
      // The needs are public: a signed-in outsider knows they exist and is refused (403).
      const expected = who() === null ? 401 : 403;
      for (const a of participantsAnswers) assert.equal(a.status, expected, `${label}: ${a.path}`);
      const need = JSON.parse(answers.find((a) => a.path === `/api/v1/needs/${needOpen.id}`)!.text);
      assert.deepEqual(need.shifts.map((s: any) => [s.taken, s.waitlisted]), [[1, 1], [1, 0]], `${label} sees the counts`);
      assert.ok(answers.find((a) => a.path === `/api/v1/needs/${needOpen.id}/calendar.ics`)!.status === 200);
    });
  }

  test('the volunteer sees their own engagements, but nobody else on the shift', async () => {
    const mine = await expectJson(await call(server.url, 'GET', '/api/v1/me/signups', { as: secret }), 200);
    assert.equal(mine.items.length, 2);
    const text = JSON.stringify(mine) + JSON.stringify(await expectJson(await call(server.url, 'GET', `/api/v1/needs/${needOpen.id}`, { as: secret }), 200));
    assert.ok(!text.includes('Otto Anderer') && !text.includes(other.email), 'no other volunteer');
  });
});
