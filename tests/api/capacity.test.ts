// The capacity rule under load: 200 different volunteers join one shift of 10 places at the
// same moment, each with their own session and connection. Exactly 10 get a place and 190 a
// place on the waitlist — every time (three fresh shifts) — and with the waitlist off exactly
// 10 get 201 and 190 get 409 shift-full. Leaving in parallel moves exactly as many up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Server } from '../support/server.ts';
import { approvedGroup, createNeed, getNeed, join, leave, manyVerified, participants, shiftAt, type Group } from './needs-support.ts';
import { DEMO, demoActor, guetersloh, problemCode, type Actor, startDemoServer } from './support.ts';

const VOLUNTEERS = 200;
const CAPACITY = 10;
const ROUNDS = 3;

let server: Server;
let group: Group;
let volunteers: Actor[] = [];

before(async () => {
  // All 200 requests must reach a handler at once: a queue long enough that none is turned
  // away with 503, and more workers than usual so that more joins really overlap.
  server = await startDemoServer({ HELFERKARTE_QUEUE: '1000', HELFERKARTE_WORKERS: '16' });
  const coordinator = await demoActor(server.url, DEMO.coordinator);
  group = await approvedGroup(server, coordinator, await guetersloh(server.url), 'Großeinsatz');
  volunteers = await manyVerified(server, VOLUNTEERS, 'crowd', 16);
  assert.equal(new Set(volunteers.map((v) => v.id)).size, VOLUNTEERS, 'distinct accounts');
}, { timeout: 300_000 });
after(async () => {
  await server?.stop();
});

/** Everybody joins `shiftId` at once; resolves with each one's status code and JSON body. */
async function everybodyJoins(shiftId: string) {
  // Start all requests before awaiting any of them.
  const pending = volunteers.map((v) => join(server.url, v, shiftId));
  const responses = await Promise.all(pending);
  return Promise.all(responses.map(async (res, i) => ({ who: volunteers[i], status: res.status, body: await res.json() })));
}

function tally<T>(values: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

describe(`${VOLUNTEERS} parallel joins to a shift of ${CAPACITY}`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    test(`round ${round}: exactly ${CAPACITY} confirmed, ${VOLUNTEERS - CAPACITY} waitlisted`, async () => {
      const need = await createNeed(server.url, group.admin, group.id, { title: `Großeinsatz Runde ${round}`, shifts: [shiftAt(10 + round, CAPACITY)] });
      const shiftId = need.shifts[0].id;
      const results = await everybodyJoins(shiftId);

      const statuses = tally(results.map((r) => r.status));
      assert.deepEqual([...statuses], [[201, VOLUNTEERS]], `every join answered 201 (got ${JSON.stringify([...statuses])}; e.g. ${JSON.stringify(results.find((r) => r.status !== 201)?.body)})`);
      const kinds = tally(results.map((r) => r.body.status));
      assert.equal(kinds.get('confirmed'), CAPACITY, `confirmed: ${JSON.stringify([...kinds])}`);
      assert.equal(kinds.get('waitlisted'), VOLUNTEERS - CAPACITY, `waitlisted: ${JSON.stringify([...kinds])}`);
      assert.equal(new Set(results.map((r) => r.body.id)).size, VOLUNTEERS, 'one sign-up each');

      const state = await getNeed(server.url, need.id);
      const s = state.shifts[0];
      assert.deepEqual({ taken: s.taken, waitlisted: s.waitlisted, placesLeft: s.placesLeft, full: s.full, covered: state.covered },
        { taken: CAPACITY, waitlisted: VOLUNTEERS - CAPACITY, placesLeft: 0, full: true, covered: true });

      // The group's list agrees person by person with what each was told.
      const list = await participants(server.url, group.admin, need.id);
      const people = list.shifts[0].participants;
      assert.equal(people.length, VOLUNTEERS);
      assert.equal(list.shifts[0].taken, CAPACITY);
      const told = new Map(results.map((r) => [r.who.id, r.body.status]));
      for (const p of people) assert.equal(p.status, told.get(p.userId), `${p.displayName}: list and answer agree`);

      if (round === 1) {
        // The ten leave at the same moment: exactly ten move up, the earliest on the waitlist.
        const confirmed = results.filter((r) => r.body.status === 'confirmed');
        const waitlistedIds = results.filter((r) => r.body.status === 'waitlisted').map((r) => Number(r.body.id)).sort((a, b) => a - b);
        const left = await Promise.all(confirmed.map((r) => leave(server.url, r.who, shiftId)));
        assert.deepEqual(left.map((r) => r.status), confirmed.map(() => 204));
        const now = await getNeed(server.url, need.id);
        assert.deepEqual([now.shifts[0].taken, now.shifts[0].waitlisted], [CAPACITY, VOLUNTEERS - 2 * CAPACITY]);
        const moved = (await participants(server.url, group.admin, need.id)).shifts[0].participants
          .filter((p: any) => p.status === 'confirmed').map((p: any) => Number(p.signupId)).sort((a: number, b: number) => a - b);
        assert.deepEqual(moved, waitlistedIds.slice(0, CAPACITY), 'the first ten on the waitlist moved up');
      }
    });
  }

  test(`waitlist off: exactly ${CAPACITY} × 201, ${VOLUNTEERS - CAPACITY} × 409 shift-full`, async () => {
    const need = await createNeed(server.url, group.admin, group.id, { title: 'Ohne Warteliste', waitlist: false, shifts: [shiftAt(20, CAPACITY)] });
    const results = await everybodyJoins(need.shifts[0].id);
    const statuses = tally(results.map((r) => r.status));
    assert.equal(statuses.get(201), CAPACITY, `201: ${JSON.stringify([...statuses])}`);
    assert.equal(statuses.get(409), VOLUNTEERS - CAPACITY, `409: ${JSON.stringify([...statuses])}`);
    assert.ok(results.filter((r) => r.status === 201).every((r) => r.body.status === 'confirmed'));
    const codes = tally(results.filter((r) => r.status === 409).map((r) => problemCode(r.body)));
    assert.deepEqual([...codes], [['shift-full', VOLUNTEERS - CAPACITY]]);
    const s = (await getNeed(server.url, need.id)).shifts[0];
    assert.deepEqual([s.taken, s.waitlisted, s.full], [CAPACITY, 0, true]);
    assert.equal((await participants(server.url, group.admin, need.id)).shifts[0].participants.length, CAPACITY);
  });
});
