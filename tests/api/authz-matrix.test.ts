// The authorisation matrix: every route of the API, called by every kind of caller, with the
// exact answer each one gets. One row per route (some routes have several rows for objects in
// different states); the columns are the callers below. A cell is the expected status, with
// the problem code where it is not the usual one (401 unauthorized, 403 forbidden, 404
// not-found). 404 means: this caller may not even know that the object exists.
//
// The callers (set up through the API itself, on the demo data):
//   anonymous     no session
//   unverified    registered, e-mail address not confirmed, no role
//   volunteer     verified account without any role
//   memberA       org_member of group A (approved, in municipality M)
//   adminA        org_admin of group A (applied for it)
//   memberB       org_member of group B (approved, also in M)
//   coordinatorM  coordinator of M = Stadt Gütersloh (the demo coordinator)
//   coordinatorN  coordinator of N, a municipality the platform admin creates here
//   platformAdmin the demo platform admin
// Objects: P is an organisation still pending in M, S one suspended in M (both applied for by a
// separate applicant). Rows that change state act on a fresh object per caller, or let the
// refused callers go first and the permitted one last.
// Needs (issue 4): A's needs in every state (published, pending_review — M switched to
// pre-moderation for the moment of posting —, cancelled, completed), a need S posted before
// its suspension, shifts that have begun (created a few seconds ahead, joined, then waited
// for), sign-ups in each state, reminder-link tokens and a calendar feed of a spare volunteer.
// Hotline (issue 6): help requests of M, new, published, matched with the volunteer (who then
// reads it), matched with a spare volunteer, and closed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { registeredRoutes, repoRoot, type Server } from '../support/server.ts';
import { Validator } from './schema.ts';
import {
  applyOrganization, call, decide, DEMO, demoActor, expectJson, guetersloh, linkToken, mailTo,
  mediaType, organizationBody, uniqueAgs, uniqueEmail, verifiedUser, type Actor, startDemoServer } from './support.ts';
import { createNeed, HOUR, iso, mailFiles, needBody, runJobs, shiftAt, waitUntil } from './needs-support.ts';
import { readMails } from '../support/mail.ts';
import { events, parseIcs, prop } from './ics-support.ts';
import { createHelpRequest, newCaller, helpRequestBody } from './hotline-support.ts';

const ROLES = ['anonymous', 'unverified', 'volunteer', 'memberA', 'adminA', 'memberB', 'coordinatorM', 'coordinatorN', 'platformAdmin'] as const;
type Role = (typeof ROLES)[number];
type Cell = number | string; // 403 or '403 email-unverified'

interface World {
  server: Server;
  M: string;
  N: string;
  nAgs: string;
  A: string;
  B: string;
  P: string;
  S: string;
  actors: Record<Exclude<Role, 'anonymous'>, Actor>;
  applicant: Actor; // applied for P, S and the fresh pending organisations
  stableCoordinatorN: Actor; // a second coordinator of N, target of refused removals
  fresh: Partial<Record<Role, { email: string; password: string }>>; // accounts of the register row
  counter: number;
  needs: Needs;
  hotline: Hotline;
}

// The help requests of M (issue 6) the hotline rows act on (ids).
interface Hotline {
  fresh: string; // new
  published: string;
  helped: string; // matched with the volunteer
  toMatch: string; // published, the volunteer offered help
  spareMatched: string; // matched with a spare volunteer
  closed: string; // cancelled
}

// The needs and what hangs on them (ids), made in the set-up.
interface Needs {
  published: string; // A's, published; shift 0 is joined and left by the callers, shift 1 changed
  publishedShifts: string[];
  pending: string; // A's, pending_review
  pendingShift: string;
  cancelled: string;
  completed: string;
  ofS: string; // S's, posted while S was approved
  ofSShift: string;
  lastShift: string; // the only shift of a need
  full: string; // a full shift of a need without waitlist
  started: { start: number; empty: string; joined: string; later: string }; // shifts of one need
  attendance: string; // the volunteer's confirmed sign-up on the joined started shift
  requested: string[]; // requested sign-ups: [shared, fresh for memberA, fresh for adminA, ...]
  confirmedRequest: string; // an accepted (confirmed) sign-up of the approval need
  notStartedConfirmed: string; // a confirmed sign-up on a shift to come
  linkTokens: string[]; // tokens of reminder links, each used once
  feedPath: string; // a live calendar feed of a spare volunteer
  year: number; // Berlin year of the started shifts
}

interface Row {
  route: string; // "METHOD /template" exactly as `helferkarte routes` prints it
  on: string; // the object, in words
  expect: Cell[]; // one per caller, in the order of ROLES
  path: (w: World, role: Role, permitted: boolean) => string | Promise<string>;
  body?: (w: World, role: Role, permitted: boolean) => unknown | Promise<unknown>;
  // Extra request headers, e.g. a client address per caller for routes limited per address.
  headers?: (w: World, role: Role) => Record<string, string>;
  before?: (w: World) => Promise<void>;
  after?: (w: World, role: Role, res: Response, text: string) => void | Promise<void>;
  cleanup?: (w: World) => Promise<void>;
}

const actorOf = (w: World, role: Role): Actor | null => (role === 'anonymous' ? null : w.actors[role]);
const all = (status: Cell): Cell[] => ROLES.map(() => status);
// A documentation address (RFC 5737) per caller, sent as X-Forwarded-For from the trusted
// loopback, so that limits per client address count each caller on their own.
const clientAddress = (role: Role): string => `198.51.100.${ROLES.indexOf(role) + 1}`;
const signedIn = (status: Cell): Cell[] => ROLES.map((r) => (r === 'anonymous' ? 401 : status));

function row(route: string, on: string, expect: Cell[], path: Row['path'], extra: Partial<Row> = {}): Row {
  return { route, on, expect, path, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Objects that rows create

async function freshPending(w: World): Promise<string> {
  w.counter += 1;
  const o = await applyOrganization(w.server.url, w.applicant, w.M, `Frischer Antrag ${w.counter}`);
  return o.id;
}

async function spareUser(w: World, prefix: string): Promise<Actor> {
  w.counter += 1;
  return verifiedUser(w.server, `${prefix}${w.counter}`);
}

/** A fresh published need of A, posted by adminA; `extra` overrides fields of the body. */
async function freshNeed(w: World, extra: Record<string, unknown> = {}) {
  return createNeed(w.server.url, w.actors.adminA, w.A, { title: `Matrix-Gesuch ${++w.counter}`, ...extra });
}

/** A fresh need of A in the review queue: M pre-moderates for the moment of posting. */
async function pendingNeed(w: World) {
  const moderate = (moderation: string) => call(w.server.url, 'PATCH', `/api/v1/municipalities/${w.M}`, { as: w.actors.coordinatorM, body: { moderation } });
  await expectJson(await moderate('pre'), 200, 'M pre-moderates');
  try {
    const need = await freshNeed(w);
    assert.equal(need.status, 'pending_review');
    return need;
  } finally {
    await expectJson(await moderate('none'), 200, 'M publishes directly again');
  }
}

// The needs the public search and the open data must never show.
const hiddenNeeds = (w: World) => [w.needs.pending, w.needs.ofS, w.needs.cancelled, w.needs.completed];

function notFindable(w: World, role: Role, res: Response, text: string) {
  if (res.status !== 200) return;
  const found = JSON.parse(text).items.map((n: any) => n.id);
  for (const id of hiddenNeeds(w)) assert.ok(!found.includes(id), `${role}: need ${id} is not found`);
}

const NEED_CALLERS = (w: World) => [w.actors.volunteer, w.actors.memberA, w.actors.adminA, w.actors.memberB, w.actors.coordinatorM, w.actors.coordinatorN, w.actors.platformAdmin];

async function organizationStatus(w: World, id: string): Promise<string> {
  const o = await expectJson(await call(w.server.url, 'GET', `/api/v1/organizations/${id}`, { as: w.actors.coordinatorM }), 200, 'status of A');
  return o.status;
}

/** A fresh help request of M recorded by its coordinator. */
async function freshHelpRequest(w: World, extra: Record<string, unknown> = {}) {
  return createHelpRequest(w.server.url, w.actors.coordinatorM, w.M, newCaller('Matrix'), extra);
}

/** A published help request of M on which `who` offered help (and, if `match`, was matched). */
async function offeredHelpRequest(w: World, who: Actor, match: boolean) {
  const base = w.server.url;
  const r = await freshHelpRequest(w, { publish: true });
  const need = await expectJson(await call(base, 'GET', `/api/v1/needs/${r.needId}`), 200, 'hotline need');
  await expectJson(await call(base, 'POST', `/api/v1/shifts/${need.shifts[0].id}/signups`, { as: who, body: {} }), 201, 'offer help');
  if (match) {
    await expectJson(await call(base, 'POST', `/api/v1/help-requests/${r.id}/match`, { as: w.actors.coordinatorM, body: { userId: who.id } }), 200, 'match');
  }
  return r.id as string;
}

// ---------------------------------------------------------------------------------------------
// The matrix. Cells in the order of ROLES:
//   [anonymous, unverified, volunteer, memberA, adminA, memberB, coordinatorM, coordinatorN, platformAdmin]
const MATRIX: Row[] = [
  // Operations
  row('GET /healthz', 'the process', all(200), () => '/healthz'),
  row('GET /readyz', 'the database', all(200), () => '/readyz'),
  row('GET /metrics', 'metrics (asked from loopback)', all(200), () => '/metrics'),
  row('GET /api/v1/openapi.json', 'the document', all(200), () => '/api/v1/openapi.json'),

  // Accounts: open to everyone, a session makes no difference. Each caller registers a fresh
  // address and carries it through verification, login and password reset.
  row('POST /api/v1/auth/register', 'a fresh address', all(201), () => '/api/v1/auth/register', {
    body: (w, role) => {
      const email = uniqueEmail(`matrix-${role.toLowerCase()}`);
      w.fresh[role] = { email, password: `Matrix-Konto-${role}-2026` };
      return { email, password: w.fresh[role]!.password, displayName: `Matrix ${role}` };
    },
  }),
  row('POST /api/v1/auth/verify', 'the token from the mail', all(200), () => '/api/v1/auth/verify', {
    body: async (w, role) => ({ token: linkToken((await mailTo(w.server.mailDir, w.fresh[role]!.email, '/konto/bestaetigen?token=')).body, '/konto/bestaetigen') }),
  }),
  row('POST /api/v1/auth/verify/resend', 'a verified address', all(202), () => '/api/v1/auth/verify/resend', {
    body: (w, role) => ({ email: w.fresh[role]!.email }),
  }),
  row('POST /api/v1/auth/login', 'the fresh account', all(200), () => '/api/v1/auth/login', {
    body: (w, role) => ({ email: w.fresh[role]!.email, password: w.fresh[role]!.password }),
  }),
  row('POST /api/v1/auth/password-reset', 'the fresh account', all(202), () => '/api/v1/auth/password-reset', {
    body: (w, role) => ({ email: w.fresh[role]!.email }),
  }),
  row('POST /api/v1/auth/password-reset/confirm', 'the token from the mail', all(200), () => '/api/v1/auth/password-reset/confirm', {
    body: async (w, role) => ({
      token: linkToken((await mailTo(w.server.mailDir, w.fresh[role]!.email, '/passwort-neu?token=')).body, '/passwort-neu'),
      password: `Neues-Matrix-Passwort-${role}-2026`,
    }),
  }),

  // The caller's own account
  row('GET /api/v1/me', 'oneself', signedIn(200), () => '/api/v1/me'),
  row('PATCH /api/v1/me', 'oneself', signedIn(200), () => '/api/v1/me', { body: () => ({ language: 'de' }) }),
  row('PUT /api/v1/me/password', 'oneself', signedIn(200), () => '/api/v1/me/password', {
    body: (w, role) => role === 'anonymous'
      ? { currentPassword: 'irrelevant-1234', newPassword: 'Irgendein-Passwort-2026' }
      : { currentPassword: actorOf(w, role)!.password, newPassword: `Geaendert-${role}-Passwort-2026` },
    // The answer carries the new session; the old one has ended.
    after: (w, role, res, text) => {
      if (role === 'anonymous' || res.status !== 200) return;
      const a = actorOf(w, role)!;
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('hk_session='));
      assert.ok(setCookie, 'PUT /api/v1/me/password sets a new session cookie');
      a.session = { ...a.session, cookie: setCookie.split(';')[0], csrfToken: JSON.parse(text).csrfToken, setCookie };
      a.password = `Geaendert-${role}-Passwort-2026`;
    },
  }),
  row('GET /api/v1/me/organizations', 'oneself', signedIn(200), () => '/api/v1/me/organizations'),
  row('GET /api/v1/me/export', 'oneself', signedIn(200), () => '/api/v1/me/export'),
  // A wrong password deletes nothing, so every caller keeps their account for the rows below.
  row('DELETE /api/v1/me', 'oneself, with a wrong password', signedIn('403 wrong-password'), () => '/api/v1/me', {
    body: () => ({ password: 'Sicher-nicht-das-Passwort-4711' }),
    headers: (_w, role) => ({ 'X-Forwarded-For': clientAddress(role) }),
  }),

  // Municipalities           [anonymous, unverified, volunteer, memberA, adminA, memberB, coordinatorM, coordinatorN, platformAdmin]
  row('GET /api/v1/municipalities', 'the list', all(200), () => '/api/v1/municipalities'),
  row('GET /api/v1/municipalities/{id}', 'N', all(200), (w) => `/api/v1/municipalities/${w.N}`),
  row('POST /api/v1/municipalities', 'a new municipality', [401, 403, 403, 403, 403, 403, 403, 403, 201], () => '/api/v1/municipalities', {
    body: (w, role) => ({ name: `Neustadt ${role}`, ags: uniqueAgs(), center: { lat: 52, lon: 8.5 }, contactEmail: 'rathaus@neustadt.example', moderation: 'none' }),
  }),
  row('PATCH /api/v1/municipalities/{id}', 'N', [401, 403, 403, 403, 403, 403, 403, 200, 200], (w) => `/api/v1/municipalities/${w.N}`, {
    body: () => ({ hotlinePhone: '05241 12345' }),
  }),
  row('PATCH /api/v1/municipalities/{id}', 'M (its own values)', [401, 403, 403, 403, 403, 403, 200, 403, 200], (w) => `/api/v1/municipalities/${w.M}`, {
    body: () => ({ hotlinePhone: '05241 82-2424' }),
  }),
  row('PATCH /api/v1/municipalities/{id}', 'N: the AGS (its own value)', [401, 403, 403, 403, 403, 403, 403, 403, 200], (w) => `/api/v1/municipalities/${w.N}`, {
    body: (w) => ({ ags: w.nAgs }),
  }),
  row('GET /api/v1/municipalities/{id}/coordinators', 'N', [401, 403, 403, 403, 403, 403, 403, 200, 200], (w) => `/api/v1/municipalities/${w.N}/coordinators`),
  row('GET /api/v1/municipalities/{id}/coordinators', 'M', [401, 403, 403, 403, 403, 403, 200, 403, 200], (w) => `/api/v1/municipalities/${w.M}/coordinators`),
  row('POST /api/v1/municipalities/{id}/coordinators', 'N, an unknown address', [401, 403, 403, 403, 403, 403, 403, 201, 201], (w) => `/api/v1/municipalities/${w.N}/coordinators`, {
    body: (w, role) => ({ email: uniqueEmail(`coordinator-invite-${role.toLowerCase()}`) }),
  }),
  row('DELETE /api/v1/municipalities/{id}/coordinators/{userId}', 'N, another coordinator of it', [401, 403, 403, 403, 403, 403, 403, 204, 204], async (w, role, permitted) => {
    if (!permitted) return `/api/v1/municipalities/${w.N}/coordinators/${w.stableCoordinatorN.id}`;
    const target = await spareUser(w, 'coordinator-to-remove');
    const res = await call(w.server.url, 'POST', `/api/v1/municipalities/${w.N}/coordinators`, { as: w.actors.platformAdmin, body: { email: target.email } });
    assert.equal((await expectJson(res, 201, 'make the target a coordinator')).status, 'granted');
    return `/api/v1/municipalities/${w.N}/coordinators/${target.id}`;
  }),
  row('GET /api/v1/municipalities/{id}/audit-log', 'M', [401, 403, 403, 403, 403, 403, 200, 403, 200], (w) => `/api/v1/municipalities/${w.M}/audit-log`),
  row('GET /api/v1/municipalities/{id}/audit-log', 'N', [401, 403, 403, 403, 403, 403, 403, 200, 200], (w) => `/api/v1/municipalities/${w.N}/audit-log`),
  // Anyone may report a barrier; each caller from an address of their own (5 per hour each).
  row('POST /api/v1/municipalities/{id}/barrier-reports', 'N', all(202), (w) => `/api/v1/municipalities/${w.N}/barrier-reports`, {
    body: () => ({ page: '/kommunen/barrierefreiheit', description: 'Der Kontrast der Knöpfe ist zu schwach.' }),
    headers: (_w, role) => ({ 'X-Forwarded-For': clientAddress(role) }),
  }),
  row('POST /api/v1/municipalities/{id}/barrier-reports', 'an unknown municipality', all(404), () => '/api/v1/municipalities/9999999/barrier-reports', {
    body: () => ({ page: '/', description: 'Der Kontrast der Knöpfe ist zu schwach.' }),
  }),

  // Organisations            [anonymous, unverified, volunteer, memberA, adminA, memberB, coordinatorM, coordinatorN, platformAdmin]
  row('GET /api/v1/organizations', 'the approved ones', all(200), () => '/api/v1/organizations'),
  row('GET /api/v1/organizations', 'of M, every status', all(200), (w) => `/api/v1/organizations?municipalityId=${w.M}`),
  row('GET /api/v1/organizations', 'of M, status=pending', [403, 403, 403, 403, 403, 403, 200, 403, 403], (w) => `/api/v1/organizations?municipalityId=${w.M}&status=pending`),
  row('GET /api/v1/organizations', 'status=suspended without a municipality', all(403), () => '/api/v1/organizations?status=suspended'),
  row('POST /api/v1/organizations', 'an application in M', [401, '403 email-unverified', 201, 201, 201, 201, 201, 201, 201], () => '/api/v1/organizations', {
    body: (w, role) => organizationBody(w.M, `Antrag von ${role}`),
  }),
  row('POST /api/v1/organizations', 'a known group added directly in M (adminEmail)', [401, '403 email-unverified', 403, 403, 403, 403, 201, 403, 403], () => '/api/v1/organizations', {
    body: (w, role) => organizationBody(w.M, `Bekannte Gruppe von ${role}`, { adminEmail: uniqueEmail('vorstand') }),
  }),
  row('GET /api/v1/organizations/{id}', 'A (approved)', all(200), (w) => `/api/v1/organizations/${w.A}`),
  row('GET /api/v1/organizations/{id}', 'P (pending)', [404, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/organizations/${w.P}`),
  row('GET /api/v1/organizations/{id}', 'S (suspended)', [404, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/organizations/${w.S}`),
  row('PATCH /api/v1/organizations/{id}', 'A (approved)', [401, 403, 403, 403, 200, 403, 200, 403, 403], (w) => `/api/v1/organizations/${w.A}`, {
    body: () => ({ address: 'Marktplatz 1, 33330 Gütersloh' }),
  }),
  row('PATCH /api/v1/organizations/{id}', 'P (pending)', [401, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/organizations/${w.P}`, {
    body: () => ({ address: 'Marktplatz 1, 33330 Gütersloh' }),
  }),
  row('POST /api/v1/organizations/{id}/approve', 'a fresh pending one', [401, 404, 404, 404, 404, 404, 200, 404, 404], async (w) => `/api/v1/organizations/${await freshPending(w)}/approve`),
  row('POST /api/v1/organizations/{id}/approve', 'A (already approved)', [401, 403, 403, 403, 403, 403, '409 invalid-transition', 403, 403], (w) => `/api/v1/organizations/${w.A}/approve`),
  row('POST /api/v1/organizations/{id}/reject', 'a fresh pending one', [401, 404, 404, 404, 404, 404, 200, 404, 404], async (w) => `/api/v1/organizations/${await freshPending(w)}/reject`, {
    body: () => ({ reason: 'Der Verein ist in Gütersloh nicht bekannt.' }),
  }),
  row('POST /api/v1/organizations/{id}/suspend', 'A (approved)', [401, 403, 403, 403, 403, 403, 200, 403, 403], (w) => `/api/v1/organizations/${w.A}/suspend`, {
    body: () => ({ reason: 'Beschwerden über einen Einsatz werden geprüft.' }),
    before: async (w) => {
      if ((await organizationStatus(w, w.A)) === 'suspended') await decide(w.server.url, w.actors.coordinatorM, w.A, 'reinstate');
    },
  }),
  row('POST /api/v1/organizations/{id}/reinstate', 'A (suspended)', [401, 404, 404, 403, 403, 404, 200, 404, 404], (w) => `/api/v1/organizations/${w.A}/reinstate`, {
    before: async (w) => {
      if ((await organizationStatus(w, w.A)) === 'approved') await decide(w.server.url, w.actors.coordinatorM, w.A, 'suspend');
    },
    cleanup: async (w) => {
      if ((await organizationStatus(w, w.A)) === 'suspended') await decide(w.server.url, w.actors.coordinatorM, w.A, 'reinstate');
    },
  }),
  row('GET /api/v1/organizations/{id}/members', 'A', [401, 403, 403, 200, 200, 403, 200, 403, 403], (w) => `/api/v1/organizations/${w.A}/members`),
  row('GET /api/v1/organizations/{id}/members', 'P (pending)', [401, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/organizations/${w.P}/members`),
  row('POST /api/v1/organizations/{id}/members', 'A, an unknown address', [401, 403, 403, 403, 201, 403, 403, 403, 403], (w) => `/api/v1/organizations/${w.A}/members`, {
    body: (w, role) => ({ email: uniqueEmail(`member-invite-${role.toLowerCase()}`), role: 'member' }),
  }),
  row('POST /api/v1/organizations/{id}/members', 'S (suspended)', [401, 404, 404, 404, 404, 404, 403, 404, 404], (w) => `/api/v1/organizations/${w.S}/members`, {
    body: (w, role) => ({ email: uniqueEmail(`member-invite-s-${role.toLowerCase()}`), role: 'member' }),
  }),
  // Those who may not remove members aim at adminA (were they let through, "last admin" would
  // stop the damage); adminA removes a fresh member.
  row('DELETE /api/v1/organizations/{id}/members/{userId}', 'A, one of its people', [401, 403, 403, 403, 204, 403, 403, 403, 403], async (w, role, permitted) => {
    if (!permitted) return `/api/v1/organizations/${w.A}/members/${w.actors.adminA.id}`;
    const target = await spareUser(w, 'member-to-remove');
    const res = await call(w.server.url, 'POST', `/api/v1/organizations/${w.A}/members`, { as: w.actors.adminA, body: { email: target.email, role: 'member' } });
    assert.equal((await expectJson(res, 201, 'make the target a member')).status, 'granted');
    return `/api/v1/organizations/${w.A}/members/${target.id}`;
  }),

  // Leaving: a member may remove themselves; the only admin may not (the group would have none).
  row('DELETE /api/v1/organizations/{id}/members/{userId}', 'A, the caller themselves', [401, 403, 403, 204, '409 last-admin', 403, 403, 403, 403], (w, role) => {
    const self = role === 'anonymous' ? w.actors.volunteer.id : w.actors[role].id;
    return `/api/v1/organizations/${w.A}/members/${self}`;
  }, {
    cleanup: async (w) => {
      const res = await call(w.server.url, 'POST', `/api/v1/organizations/${w.A}/members`, { as: w.actors.adminA, body: { email: w.actors.memberA.email, role: 'member' } });
      assert.equal((await expectJson(res, 201, 'memberA rejoins A')).status, 'granted');
    },
  }),

  // Needs                    [anonymous, unverified, volunteer, memberA, adminA, memberB, coordinatorM, coordinatorN, platformAdmin]
  row('POST /api/v1/organizations/{id}/needs', 'A (approved)', [401, 403, 403, 201, 201, 403, 403, 403, 403], (w) => `/api/v1/organizations/${w.A}/needs`, {
    body: () => needBody(),
  }),
  row('POST /api/v1/organizations/{id}/needs', 'P (pending)', [401, 404, 404, 404, 404, 404, 403, 404, 404], (w) => `/api/v1/organizations/${w.P}/needs`, {
    body: () => needBody(),
  }),
  row('POST /api/v1/organizations/{id}/needs', 'S (suspended)', [401, 404, 404, 404, 404, 404, 403, 404, 404], (w) => `/api/v1/organizations/${w.S}/needs`, {
    body: () => needBody(),
  }),
  row('GET /api/v1/needs/{id}', 'a published need of A', all(200), (w) => `/api/v1/needs/${w.needs.published}`),
  row('GET /api/v1/needs/{id}', 'a need of A under review', [404, 404, 404, 200, 200, 404, 200, 404, 200], (w) => `/api/v1/needs/${w.needs.pending}`),
  row('GET /api/v1/needs/{id}', 'a cancelled need of A', all(200), (w) => `/api/v1/needs/${w.needs.cancelled}`),
  row('GET /api/v1/needs/{id}', 'a need of S (suspended)', [404, 404, 404, 404, 404, 404, 200, 404, 200], (w) => `/api/v1/needs/${w.needs.ofS}`),
  row('GET /api/v1/needs/{id}', 'an unknown need', all(404), () => '/api/v1/needs/99999999'),
  row('PATCH /api/v1/needs/{id}', 'a published need of A', [401, 403, 403, 200, 200, 403, 403, 403, 403], (w) => `/api/v1/needs/${w.needs.published}`, {
    body: () => ({ description: 'Geändert von der Matrix.' }),
  }),
  row('PATCH /api/v1/needs/{id}', 'a need of A under review', [401, 404, 404, 200, 200, 404, 403, 404, 403], (w) => `/api/v1/needs/${w.needs.pending}`, {
    body: () => ({ description: 'Geändert von der Matrix.' }),
  }),
  row('PATCH /api/v1/needs/{id}', 'a cancelled need of A', [401, 403, 403, '409 need-closed', '409 need-closed', 403, 403, 403, 403], (w) => `/api/v1/needs/${w.needs.cancelled}`, {
    body: () => ({ description: 'Geändert von der Matrix.' }),
  }),
  row('PATCH /api/v1/needs/{id}', 'a need of S (suspended)', [401, 404, 404, 404, 404, 404, 403, 404, 403], (w) => `/api/v1/needs/${w.needs.ofS}`, {
    body: () => ({ description: 'Geändert von der Matrix.' }),
  }),
  row('POST /api/v1/needs/{id}/cancel', 'a fresh published need of A', [401, 403, 403, 200, 200, 403, 403, 403, 403],
    async (w, role, permitted) => `/api/v1/needs/${permitted ? (await freshNeed(w)).id : w.needs.published}/cancel`, {
      body: () => ({ reason: 'Abgesagt von der Matrix.' }),
    }),
  row('POST /api/v1/needs/{id}/cancel', 'a completed need of A', [401, 403, 403, '409 invalid-transition', '409 invalid-transition', 403, 403, 403, 403], (w) => `/api/v1/needs/${w.needs.completed}/cancel`, {
    body: () => ({ reason: 'Abgesagt von der Matrix.' }),
  }),
  row('POST /api/v1/needs/{id}/complete', 'a fresh published need of A', [401, 403, 403, 200, 200, 403, 403, 403, 403],
    async (w, role, permitted) => `/api/v1/needs/${permitted ? (await freshNeed(w)).id : w.needs.published}/complete`),
  row('POST /api/v1/needs/{id}/complete', 'a need of A under review', [401, 404, 404, '409 invalid-transition', '409 invalid-transition', 404, 403, 404, 403], (w) => `/api/v1/needs/${w.needs.pending}/complete`),
  row('POST /api/v1/needs/{id}/approve', 'a fresh need of A under review', [401, 404, 404, 403, 403, 404, 200, 404, 403],
    async (w, role, permitted) => `/api/v1/needs/${permitted ? (await pendingNeed(w)).id : w.needs.pending}/approve`),
  row('POST /api/v1/needs/{id}/approve', 'a published need of A', [401, 403, 403, 403, 403, 403, '409 invalid-transition', 403, 403], (w) => `/api/v1/needs/${w.needs.published}/approve`),
  row('POST /api/v1/needs/{id}/reject', 'a fresh need of A under review', [401, 404, 404, 403, 403, 404, 200, 404, 403],
    async (w, role, permitted) => `/api/v1/needs/${permitted ? (await pendingNeed(w)).id : w.needs.pending}/reject`, {
      body: () => ({ reason: 'Abgelehnt von der Matrix.' }),
    }),
  row('GET /api/v1/organizations/{id}/needs', 'A', all(200), (w) => `/api/v1/organizations/${w.A}/needs`),
  row('GET /api/v1/organizations/{id}/needs', 'A, status=pending_review', [403, 403, 403, 200, 200, 403, 403, 403, 403], (w) => `/api/v1/organizations/${w.A}/needs?status=pending_review`),
  row('GET /api/v1/organizations/{id}/needs', 'P (pending)', [404, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/organizations/${w.P}/needs`),
  row('GET /api/v1/organizations/{id}/needs', 'S (suspended)', [404, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/organizations/${w.S}/needs`),
  row('GET /api/v1/municipalities/{id}/needs', 'M', [401, 403, 403, 403, 403, 403, 200, 403, 200], (w) => `/api/v1/municipalities/${w.M}/needs`),
  row('GET /api/v1/municipalities/{id}/needs', 'N, status=pending_review', [401, 403, 403, 403, 403, 403, 403, 200, 200], (w) => `/api/v1/municipalities/${w.N}/needs?status=pending_review`),
  row('POST /api/v1/organizations/{id}/trust', 'A', [401, 403, 403, 403, 403, 403, 200, 403, 403], (w) => `/api/v1/organizations/${w.A}/trust`),
  row('POST /api/v1/organizations/{id}/untrust', 'A (trusted)', [401, 403, 403, 403, 403, 403, 200, 403, 403], (w) => `/api/v1/organizations/${w.A}/untrust`),
  row('POST /api/v1/organizations/{id}/trust', 'P (pending)', [401, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/organizations/${w.P}/trust`, {
    cleanup: async (w) => {
      await expectJson(await call(w.server.url, 'POST', `/api/v1/organizations/${w.P}/untrust`, { as: w.actors.coordinatorM }), 200, 'untrust P');
    },
  }),

  // Shifts                   [anonymous, unverified, volunteer, memberA, adminA, memberB, coordinatorM, coordinatorN, platformAdmin]
  row('POST /api/v1/needs/{id}/shifts', 'a published need of A', [401, 403, 403, 201, 201, 403, 403, 403, 403], (w) => `/api/v1/needs/${w.needs.published}/shifts`, {
    body: () => shiftAt(30, 2),
  }),
  row('POST /api/v1/needs/{id}/shifts', 'a need of A under review', [401, 404, 404, 201, 201, 404, 403, 404, 403], (w) => `/api/v1/needs/${w.needs.pending}/shifts`, {
    body: () => shiftAt(30, 2),
  }),
  row('POST /api/v1/needs/{id}/shifts', 'a cancelled need of A', [401, 403, 403, '409 need-closed', '409 need-closed', 403, 403, 403, 403], (w) => `/api/v1/needs/${w.needs.cancelled}/shifts`, {
    body: () => shiftAt(30, 2),
  }),
  row('PATCH /api/v1/shifts/{id}', 'a shift of a published need of A', [401, 403, 403, 200, 200, 403, 403, 403, 403], (w) => `/api/v1/shifts/${w.needs.publishedShifts[1]}`, {
    body: () => ({ capacity: 40 }),
  }),
  row('PATCH /api/v1/shifts/{id}', 'a shift of a need of A under review', [401, 404, 404, 200, 200, 404, 403, 404, 403], (w) => `/api/v1/shifts/${w.needs.pendingShift}`, {
    body: () => ({ capacity: 40 }),
  }),
  row('PATCH /api/v1/shifts/{id}', 'a shift that has begun', [401, 403, 403, '409 shift-started', '409 shift-started', 403, 403, 403, 403], (w) => `/api/v1/shifts/${w.needs.started.empty}`, {
    body: () => ({ capacity: 40 }),
    before: (w) => waitUntil(w.needs.started.start),
  }),
  row('PATCH /api/v1/shifts/{id}', 'a shift of a need of S (suspended)', [401, 404, 404, 404, 404, 404, 403, 404, 403], (w) => `/api/v1/shifts/${w.needs.ofSShift}`, {
    body: () => ({ capacity: 40 }),
  }),
  row('DELETE /api/v1/shifts/{id}', 'a fresh shift of a published need of A', [401, 403, 403, 200, 200, 403, 403, 403, 403], async (w, role, permitted) => {
    if (!permitted) return `/api/v1/shifts/${w.needs.publishedShifts[2]}`;
    const need = await freshNeed(w, { shifts: [shiftAt(9), shiftAt(10)] });
    return `/api/v1/shifts/${need.shifts[1].id}`;
  }),
  row('DELETE /api/v1/shifts/{id}', 'the last shift of a need', [401, 403, 403, '409 last-shift', '409 last-shift', 403, 403, 403, 403], (w) => `/api/v1/shifts/${w.needs.lastShift}`),
  row('DELETE /api/v1/shifts/{id}', 'a shift that has begun', [401, 403, 403, '409 shift-started', '409 shift-started', 403, 403, 403, 403], (w) => `/api/v1/shifts/${w.needs.started.empty}`, {
    before: (w) => waitUntil(w.needs.started.start),
  }),

  // Sign-ups                 [anonymous, unverified, volunteer, memberA, adminA, memberB, coordinatorM, coordinatorN, platformAdmin]
  row('POST /api/v1/shifts/{id}/signups', 'a shift of a published need of A', [401, '403 email-unverified', 201, 201, 201, 201, 201, 201, 201], (w) => `/api/v1/shifts/${w.needs.publishedShifts[0]}/signups`, {
    body: () => ({}),
  }),
  row('POST /api/v1/shifts/{id}/signups', 'the same shift again', [401, '403 email-unverified', '409 already-signed-up', '409 already-signed-up', '409 already-signed-up', '409 already-signed-up', '409 already-signed-up', '409 already-signed-up', '409 already-signed-up'],
    (w) => `/api/v1/shifts/${w.needs.publishedShifts[0]}/signups`, { body: () => ({}) }),
  row('POST /api/v1/shifts/{id}/signups', 'a shift of a need of A under review', [401, '403 email-unverified', 404, '409 shift-closed', '409 shift-closed', 404, '409 shift-closed', 404, '409 shift-closed'], (w) => `/api/v1/shifts/${w.needs.pendingShift}/signups`, {
    body: () => ({}),
  }),
  row('POST /api/v1/shifts/{id}/signups', 'a shift of a need of S (suspended)', [401, '403 email-unverified', 404, 404, 404, 404, '409 shift-closed', 404, '409 shift-closed'], (w) => `/api/v1/shifts/${w.needs.ofSShift}/signups`, {
    body: () => ({}),
  }),
  row('POST /api/v1/shifts/{id}/signups', 'a full shift without waitlist', [401, '403 email-unverified', '409 shift-full', '409 shift-full', '409 shift-full', '409 shift-full', '409 shift-full', '409 shift-full', '409 shift-full'], (w) => `/api/v1/shifts/${w.needs.full}/signups`, {
    body: () => ({}),
  }),
  row('POST /api/v1/shifts/{id}/signups', 'a shift that has begun', [401, '403 email-unverified', '409 shift-closed', '409 shift-closed', '409 shift-closed', '409 shift-closed', '409 shift-closed', '409 shift-closed', '409 shift-closed'], (w) => `/api/v1/shifts/${w.needs.started.empty}/signups`, {
    body: () => ({}),
    before: (w) => waitUntil(w.needs.started.start),
  }),
  row('DELETE /api/v1/shifts/{id}/signups/me', 'the shift each joined above', [401, 404, 204, 204, 204, 204, 204, 204, 204], (w) => `/api/v1/shifts/${w.needs.publishedShifts[0]}/signups/me`),
  row('DELETE /api/v1/shifts/{id}/signups/me', 'a shift each joined, begun since', [401, 404, '409 shift-started', '409 shift-started', '409 shift-started', '409 shift-started', '409 shift-started', '409 shift-started', '409 shift-started'], (w) => `/api/v1/shifts/${w.needs.started.joined}/signups/me`, {
    before: (w) => waitUntil(w.needs.started.start),
  }),
  row('GET /api/v1/me/signups', 'oneself', signedIn(200), () => '/api/v1/me/signups'),
  row('GET /api/v1/me/signups', 'oneself, when=past', signedIn(200), () => '/api/v1/me/signups?when=past'),
  row('GET /api/v1/needs/{id}/participants', 'a published need of A', [401, 403, 403, 200, 200, 403, 403, 403, 403], (w) => `/api/v1/needs/${w.needs.published}/participants`),
  row('GET /api/v1/needs/{id}/participants', 'a need of A under review', [401, 404, 404, 200, 200, 404, 403, 404, 403], (w) => `/api/v1/needs/${w.needs.pending}/participants`),
  row('GET /api/v1/needs/{id}/participants', 'a need of S (suspended)', [401, 404, 404, 404, 404, 404, 403, 404, 403], (w) => `/api/v1/needs/${w.needs.ofS}/participants`),
  row('POST /api/v1/signups/{id}/accept', 'a fresh request on a need of A', [401, 403, 403, 200, 200, 403, 403, 403, 403],
    (w, role, permitted) => `/api/v1/signups/${permitted ? w.needs.requested.splice(1, 1)[0] : w.needs.requested[0]}/accept`),
  row('POST /api/v1/signups/{id}/accept', 'a confirmed sign-up', [401, 403, 403, '409 invalid-transition', '409 invalid-transition', 403, 403, 403, 403], (w) => `/api/v1/signups/${w.needs.confirmedRequest}/accept`),
  row('POST /api/v1/signups/{id}/accept', 'an unknown sign-up', signedIn(404), () => '/api/v1/signups/99999999/accept'),
  row('POST /api/v1/signups/{id}/decline', 'a fresh request on a need of A', [401, 403, 403, 200, 200, 403, 403, 403, 403],
    (w, role, permitted) => `/api/v1/signups/${permitted ? w.needs.requested.splice(1, 1)[0] : w.needs.requested[0]}/decline`, {
      body: () => ({ reason: 'Abgelehnt von der Matrix.' }),
    }),
  row('PATCH /api/v1/signups/{id}', 'a confirmed sign-up on a shift that has begun', [401, 403, 403, 200, 200, 403, 403, 403, 403], (w) => `/api/v1/signups/${w.needs.attendance}`, {
    body: () => ({ attendance: 'attended', hours: 1.5 }),
    before: (w) => waitUntil(w.needs.started.start),
  }),
  row('PATCH /api/v1/signups/{id}', 'a confirmed sign-up on a shift to come', [401, 403, 403, '409 shift-not-started', '409 shift-not-started', 403, 403, 403, 403], (w) => `/api/v1/signups/${w.needs.notStartedConfirmed}`, {
    body: () => ({ attendance: 'attended' }),
  }),
  row('POST /api/v1/needs/{id}/messages', 'a published need of A', [401, 403, 403, 202, 202, 403, 403, 403, 403], (w) => `/api/v1/needs/${w.needs.published}/messages`, {
    body: () => ({ subject: 'Nachricht der Matrix', body: 'Bitte pünktlich sein.' }),
  }),
  row('POST /api/v1/needs/{id}/messages', 'a need of S (suspended)', [401, 404, 404, 404, 404, 404, 403, 404, 403], (w) => `/api/v1/needs/${w.needs.ofS}/messages`, {
    body: () => ({ subject: 'Nachricht der Matrix', body: 'Bitte pünktlich sein.' }),
  }),
  row('GET /api/v1/me/hours', 'oneself', signedIn(200), () => '/api/v1/me/hours'),
  // After the attendance row: the volunteer has hours with A this year, nobody else.
  row('GET /api/v1/me/certificate', 'A, this year', [401, 404, 200, 404, 404, 404, 404, 404, 404], (w) => `/api/v1/me/certificate?organizationId=${w.A}&year=${w.needs.year}`),

  // Calendars and reminder links: no session needed for the files and links.
  row('GET /api/v1/needs/{id}/calendar.ics', 'a published need of A', all(200), (w) => `/api/v1/needs/${w.needs.published}/calendar.ics`),
  row('GET /api/v1/needs/{id}/calendar.ics', 'a need of A under review', [404, 404, 404, 200, 200, 404, 200, 404, 200], (w) => `/api/v1/needs/${w.needs.pending}/calendar.ics`),
  row('GET /api/v1/needs/{id}/calendar.ics', 'a need of S (suspended)', [404, 404, 404, 404, 404, 404, 200, 404, 200], (w) => `/api/v1/needs/${w.needs.ofS}/calendar.ics`),
  row('GET /api/v1/calendar/{token}', 'a live feed (of somebody else)', all(200), (w) => w.needs.feedPath),
  row('GET /api/v1/calendar/{token}', 'an unknown token', all(404), () => '/api/v1/calendar/unbekanntunbekanntunbekannt.ics'),
  row('GET /api/v1/me/calendar-feed', 'oneself', signedIn(200), () => '/api/v1/me/calendar-feed'),
  row('POST /api/v1/me/calendar-feed', 'oneself', signedIn(201), () => '/api/v1/me/calendar-feed'),
  row('DELETE /api/v1/me/calendar-feed', 'oneself', signedIn(204), () => '/api/v1/me/calendar-feed'),
  row('GET /api/v1/signup-links/{token}', 'a reminder link', all(200), (w) => `/api/v1/signup-links/${w.needs.linkTokens[0]}`),
  row('GET /api/v1/signup-links/{token}', 'an unknown token', all(404), () => '/api/v1/signup-links/unbekannt'),
  row('POST /api/v1/signup-links/{token}/confirm', 'a reminder link', all(200), (w) => `/api/v1/signup-links/${w.needs.linkTokens[0]}/confirm`),
  row('POST /api/v1/signup-links/{token}/cancel', 'a fresh reminder link each', all(204), (w) => `/api/v1/signup-links/${w.needs.linkTokens.splice(1, 1)[0]}/cancel`),
  row('POST /api/v1/signup-links/{token}/cancel', 'an unknown token', all(404), () => '/api/v1/signup-links/unbekannt/cancel'),

  // Discovery (issue 5): open to everyone, the same for every caller (a session only adds
  // mySignup); what only some may see (a need under review, S's, cancelled, completed) is never
  // found, not even by its group, the coordinators or the platform admin.
  row('GET /api/v1/needs', 'around Gütersloh', all(200), () => '/api/v1/needs?lat=51.9066&lon=8.3785&radiusKm=10&limit=100', { after: notFindable }),
  row('GET /api/v1/needs', 'the needs of M, keywords', all(200), (w) => `/api/v1/needs?municipalityId=${w.M}&q=Gruppe&limit=100`, {
    after: (w, role, res, text) => {
      notFindable(w, role, res, text);
      assert.ok(JSON.parse(text).items.some((n: any) => n.id === w.needs.published), `${role}: the published need of A is found`);
    },
  }),
  row('GET /api/v1/needs', 'without a position, municipality or keywords', all('422 validation'), () => '/api/v1/needs?category=sport'),
  row('GET /api/v1/needs/discover', 'around Gütersloh', all(200), () => '/api/v1/needs/discover?lat=51.9066&lon=8.3785&limit=50', { after: notFindable }),
  row('GET /api/v1/places', 'q=Gütersloh', all(200), () => `/api/v1/places?q=${encodeURIComponent('Gütersloh')}`),
  row('GET /api/v1/places', 'near Gütersloh', all(200), () => '/api/v1/places?lat=51.9066&lon=8.3785&radiusKm=10'),
  row('GET /api/v1/site', 'the installation', all(200), () => '/api/v1/site'),
  row('GET /api/v1/municipalities/{id}/needs.geojson', 'M', all(200), (w) => `/api/v1/municipalities/${w.M}/needs.geojson`, {
    after: (w, role, res, text) => {
      const found = JSON.parse(text).features.map((f: any) => f.id);
      assert.ok(found.includes(w.needs.published), `${role}: the published need of A is in the feed`);
      for (const id of hiddenNeeds(w)) assert.ok(!found.includes(id), `${role}: need ${id} is not in the feed`);
    },
  }),
  row('GET /api/v1/municipalities/{id}/needs.geojson', 'an unknown municipality', all(404), () => '/api/v1/municipalities/99999999/needs.geojson'),
  row('GET /api/v1/municipalities/{id}/needs.ics', 'M', all(200), (w) => `/api/v1/municipalities/${w.M}/needs.ics`, {
    after: (w, role, res, text) => {
      const urls = events(parseIcs(Buffer.from(text, 'utf8'), `needs.ics as ${role}`)).map((e) => prop(e, 'URL') ?? '');
      assert.ok(urls.some((u) => u.endsWith(`/gesuche/${w.needs.published}`)), `${role}: the published need of A is in the calendar`);
      for (const id of hiddenNeeds(w)) assert.ok(!urls.some((u) => u.endsWith(`/gesuche/${id}`)), `${role}: need ${id} is not in the calendar`);
    },
  }),
  row('GET /api/v1/municipalities/{id}/needs.ics', 'an unknown municipality', all(404), () => '/api/v1/municipalities/99999999/needs.ics'),

  // Hotline (issue 6): only the coordinators of M; a signed-in person who may not see a request
  // gets 404 on it, 403 on M's routes; the volunteer reads the request they were matched to.
  //                          [anonymous, unverified, volunteer, memberA, adminA, memberB, coordinatorM, coordinatorN, platformAdmin]
  row('POST /api/v1/municipalities/{id}/help-requests', 'M', [401, 403, 403, 403, 403, 403, 201, 403, 403], (w) => `/api/v1/municipalities/${w.M}/help-requests`, {
    body: () => helpRequestBody(newCaller('Matrix')),
  }),
  row('GET /api/v1/municipalities/{id}/help-requests', 'M', [401, 403, 403, 403, 403, 403, 200, 403, 403], (w) => `/api/v1/municipalities/${w.M}/help-requests`),
  row('GET /api/v1/municipalities/{id}/help-requests', 'N, status=all', [401, 403, 403, 403, 403, 403, 403, 200, 403], (w) => `/api/v1/municipalities/${w.N}/help-requests?status=all`),
  row('GET /api/v1/help-requests/{id}', 'a new request of M', [401, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/help-requests/${w.hotline.fresh}`),
  row('GET /api/v1/help-requests/{id}', 'a request the volunteer was matched to', [401, 404, 200, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/help-requests/${w.hotline.helped}`),
  row('GET /api/v1/help-requests/{id}', 'an unknown request', signedIn(404), () => '/api/v1/help-requests/99999999'),
  row('PATCH /api/v1/help-requests/{id}', 'a new request of M', [401, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/help-requests/${w.hotline.fresh}`, {
    body: () => ({ details: 'Geändert von der Matrix.' }),
  }),
  row('PATCH /api/v1/help-requests/{id}', 'a closed request of M', [401, 404, 404, 404, 404, 404, '409 help-request-closed', 404, 404], (w) => `/api/v1/help-requests/${w.hotline.closed}`, {
    body: () => ({ details: 'Geändert von der Matrix.' }),
  }),
  row('POST /api/v1/help-requests/{id}/publish', 'a fresh new request of M', [401, 404, 404, 404, 404, 404, 200, 404, 404],
    async (w, role, permitted) => `/api/v1/help-requests/${permitted ? (await freshHelpRequest(w)).id : w.hotline.fresh}/publish`),
  row('POST /api/v1/help-requests/{id}/publish', 'a published request of M', [401, 404, 404, 404, 404, 404, '409 help-request-state', 404, 404], (w) => `/api/v1/help-requests/${w.hotline.published}/publish`),
  row('POST /api/v1/help-requests/{id}/match', 'a published request the volunteer offered help on', [401, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/help-requests/${w.hotline.toMatch}/match`, {
    body: (w) => ({ userId: w.actors.volunteer.id }),
  }),
  row('POST /api/v1/help-requests/{id}/match', 'a closed request of M', [401, 404, 404, 404, 404, 404, '409 help-request-state', 404, 404], (w) => `/api/v1/help-requests/${w.hotline.closed}/match`, {
    body: (w) => ({ userId: w.actors.volunteer.id }),
  }),
  row('POST /api/v1/help-requests/{id}/unmatch', 'a request matched with a spare volunteer', [401, 404, 404, 404, 404, 404, 200, 404, 404], (w) => `/api/v1/help-requests/${w.hotline.spareMatched}/unmatch`, {
    body: () => ({ reason: 'Aufgehoben von der Matrix.' }),
  }),
  row('POST /api/v1/help-requests/{id}/unmatch', 'a new request of M', [401, 404, 404, 404, 404, 404, '409 help-request-state', 404, 404], (w) => `/api/v1/help-requests/${w.hotline.fresh}/unmatch`, {
    body: () => ({}),
  }),
  row('POST /api/v1/help-requests/{id}/close', 'a fresh new request of M', [401, 404, 404, 404, 404, 404, 200, 404, 404],
    async (w, role, permitted) => `/api/v1/help-requests/${permitted ? (await freshHelpRequest(w)).id : w.hotline.fresh}/close`, {
      body: () => ({ outcome: 'cancelled' }),
    }),
  row('POST /api/v1/help-requests/{id}/close', 'a closed request of M', [401, 404, 404, 404, 404, 404, '409 help-request-state', 404, 404], (w) => `/api/v1/help-requests/${w.hotline.closed}/close`, {
    body: () => ({ outcome: 'done' }),
  }),
  row('POST /api/v1/help-requests/{id}/notes', 'a new request of M', [401, 404, 404, 404, 404, 404, 201, 404, 404], (w) => `/api/v1/help-requests/${w.hotline.fresh}/notes`, {
    body: () => ({ text: 'Notiz der Matrix.' }),
  }),
  row('GET /api/v1/me/help-requests', 'oneself', signedIn(200), () => '/api/v1/me/help-requests', {
    after: (w, role, res, text) => {
      if (res.status !== 200) return;
      const ids = JSON.parse(text).items.map((x: any) => x.id);
      assert.equal(ids.includes(w.hotline.helped), role === 'volunteer', `${role}: lists the request the volunteer helps with only for the volunteer`);
    },
  }),
  row('GET /api/v1/municipalities/{id}/dashboard', 'M', [401, 403, 403, 403, 403, 403, 200, 403, 403], (w) => `/api/v1/municipalities/${w.M}/dashboard`),
  row('GET /api/v1/municipalities/{id}/dashboard', 'N', [401, 403, 403, 403, 403, 403, 403, 200, 403], (w) => `/api/v1/municipalities/${w.N}/dashboard?weeks=4`),
  row('GET /api/v1/municipalities/{id}/dashboard', 'an unknown municipality', [401, 404, 404, 404, 404, 404, 404, 404, 404], () => '/api/v1/municipalities/99999999/dashboard'),

  // Last, as it ends the sessions.
  row('POST /api/v1/auth/logout', 'the own session', signedIn(204), () => '/api/v1/auth/logout'),
];

// ---------------------------------------------------------------------------------------------
// Set-up through the API


let w: World;
let started: Server | undefined; // stopped even when the set-up fails half-way
let sNeed: any; // S's need, posted before its suspension

/** The needs, shifts, sign-ups, links and feed the rows act on. */
async function needsWorld(world: World): Promise<Needs> {
  const base = world.server.url;
  const { adminA } = world.actors;

  // Shifts that begin a little after the set-up: the joined one is joined by every verified
  // caller (and confirmed for the volunteer, whose attendance a row records) right away.
  const start = Math.ceil((Date.now() + 10_000) / 1000) * 1000;
  const startedNeed = await createNeed(base, adminA, world.A, {
    title: 'Beginnt gleich',
    shifts: [{ start: iso(start), end: iso(start + 2 * HOUR), capacity: 10 }, { start: iso(start), end: iso(start + 3 * HOUR), capacity: 10 }, shiftAt(12, 5)],
  });
  const [empty, joined, later] = startedNeed.shifts.map((s: any) => s.id);
  let attendance = '';
  for (const who of NEED_CALLERS(world)) {
    const res = await call(base, 'POST', `/api/v1/shifts/${joined}/signups`, { as: who, body: {} });
    const s = await expectJson(res, 201, `${who.email} joins the shift that begins soon`);
    if (who === world.actors.volunteer) attendance = s.id;
  }
  assert.ok(Date.now() < start, 'the joins happened before the shift began (make the lead time longer)');

  const published = await freshNeed(world, { title: 'Veröffentlicht', shifts: [shiftAt(14, 20), shiftAt(15, 20), shiftAt(16, 20)] });
  const pending = await pendingNeed(world);
  const cancelled = await freshNeed(world, { title: 'Abgesagt' });
  await expectJson(await call(base, 'POST', `/api/v1/needs/${cancelled.id}/cancel`, { as: adminA, body: { reason: 'Abgesagt.' } }), 200, 'cancel');
  const completed = await freshNeed(world, { title: 'Erledigt' });
  await expectJson(await call(base, 'POST', `/api/v1/needs/${completed.id}/complete`, { as: adminA }), 200, 'complete');
  const last = await freshNeed(world, { title: 'Eine Schicht', shifts: [shiftAt(17, 2)] });

  // A spare volunteer fills the shift without waitlist, asks on every shift of an approval
  // need, holds a confirmed place on a shift to come, has reminders and a calendar feed.
  const spare = await spareUser(world, 'need-spare');
  const full = await freshNeed(world, { title: 'Ohne Warteliste', waitlist: false, shifts: [shiftAt(18, 1)] });
  await expectJson(await call(base, 'POST', `/api/v1/shifts/${full.shifts[0].id}/signups`, { as: spare, body: {} }), 201, 'fill');
  const approval = await freshNeed(world, { title: 'Mit Anfrage', signupMode: 'approval', shifts: [19, 20, 21, 22, 23, 24].map((d) => shiftAt(d, 3)) });
  const requested: string[] = [];
  for (const s of approval.shifts) {
    requested.push((await expectJson(await call(base, 'POST', `/api/v1/shifts/${s.id}/signups`, { as: spare, body: {} }), 201, 'ask')).id);
  }
  const confirmedRequest = requested.pop()!;
  await expectJson(await call(base, 'POST', `/api/v1/signups/${confirmedRequest}/accept`, { as: adminA }), 200, 'accept');
  const toCome = await freshNeed(world, { title: 'Später', shifts: [shiftAt(25, 3)] });
  const confirmedToCome = (await expectJson(await call(base, 'POST', `/api/v1/shifts/${toCome.shifts[0].id}/signups`, { as: spare, body: {} }), 201, 'join')).id;

  // Ten shifts within the next day, each joined by the spare volunteer: one reminder each.
  const soon = Date.now() + 10 * HOUR;
  const reminded = await freshNeed(world, {
    title: 'Erinnerung', shifts: Array.from({ length: 10 }, (_, i) => ({ start: iso(soon + i * HOUR), end: iso(soon + i * HOUR + HOUR / 2), capacity: 3 })),
  });
  const before = mailFiles(world.server.mailDir);
  for (const s of reminded.shifts) await expectJson(await call(base, 'POST', `/api/v1/shifts/${s.id}/signups`, { as: spare, body: {} }), 201, 'join a reminded shift');
  runJobs(world.server, Date.now());
  const linkTokens: string[] = [];
  const deadline = Date.now() + 20_000;
  while (linkTokens.length < 10) {
    assert.ok(Date.now() < deadline, `ten reminders for ${spare.email} (got ${linkTokens.length})`);
    linkTokens.length = 0;
    for (const m of readMails(world.server.mailDir)) {
      if (before.has(m.file) || !m.to.includes(spare.email)) continue;
      const t = /\/einsatz\?token=([A-Za-z0-9_\-.~%]+)/.exec(m.body);
      if (t) linkTokens.push(t[1]);
    }
    if (linkTokens.length < 10) await new Promise((r) => setTimeout(r, 100));
  }
  const feed = await expectJson(await call(base, 'POST', '/api/v1/me/calendar-feed', { as: spare }), 201, 'feed');

  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date(start)));
  return {
    published: published.id, publishedShifts: published.shifts.map((s: any) => s.id),
    pending: pending.id, pendingShift: pending.shifts[0].id,
    cancelled: cancelled.id, completed: completed.id,
    ofS: sNeed.id, ofSShift: sNeed.shifts[0].id,
    lastShift: last.shifts[0].id, full: full.shifts[0].id,
    started: { start, empty, joined, later }, attendance,
    requested, confirmedRequest, notStartedConfirmed: confirmedToCome,
    linkTokens, feedPath: new URL(feed.url).pathname, year,
  };
}
before(async () => {
  const server = await startDemoServer();
  started = server;
  const base = server.url;
  const platformAdmin = await demoActor(base, DEMO.admin);
  const coordinatorM = await demoActor(base, DEMO.coordinator);
  const M = await guetersloh(base);

  const nAgs = uniqueAgs();
  const n = await expectJson(await call(base, 'POST', '/api/v1/municipalities', {
    as: platformAdmin,
    body: { name: 'Matrixhausen', ags: nAgs, center: { lat: 52.02, lon: 8.53 }, contactEmail: 'rathaus@matrixhausen.example', moderation: 'none' },
  }), 201, 'create N');

  // N's coordinator is invited before the account exists and gets the role on verification.
  const coordinatorNEmail = uniqueEmail('coordinator-n');
  const invited = await expectJson(await call(base, 'POST', `/api/v1/municipalities/${n.id}/coordinators`, { as: platformAdmin, body: { email: coordinatorNEmail } }), 201, 'invite N coordinator');
  assert.equal(invited.status, 'invited');
  const world = { server, M, N: n.id, nAgs, counter: 0, fresh: {} } as World;
  const coordinatorN = await verifiedUser(server, 'coordinator-n', { email: coordinatorNEmail });
  assert.ok(coordinatorN.session.body.user.roles.some((r: any) => r.role === 'coordinator' && r.municipalityId === n.id),
    `the invited coordinator holds the role after verifying (roles ${JSON.stringify(coordinatorN.session.body.user.roles)})`);

  const volunteer = await verifiedUser(server, 'volunteer');
  const unverified = await verifiedUser(server, 'unverified', { verify: false });
  const adminA = await verifiedUser(server, 'admin-a');
  const memberA = await verifiedUser(server, 'member-a');
  const adminB = await verifiedUser(server, 'admin-b');
  const memberB = await verifiedUser(server, 'member-b');
  const applicant = await verifiedUser(server, 'applicant');
  const stableCoordinatorN = await verifiedUser(server, 'coordinator-n2');

  const A = (await applyOrganization(base, adminA, M, 'Gruppe A')).id;
  const B = (await applyOrganization(base, adminB, M, 'Gruppe B')).id;
  await decide(base, coordinatorM, A, 'approve');
  await decide(base, coordinatorM, B, 'approve');
  for (const [org, admin, member] of [[A, adminA, memberA], [B, adminB, memberB]] as const) {
    const res = await call(base, 'POST', `/api/v1/organizations/${org}/members`, { as: admin, body: { email: member.email, role: 'member' } });
    assert.equal((await expectJson(res, 201, 'add a member')).status, 'granted');
  }
  const added = await call(base, 'POST', `/api/v1/municipalities/${n.id}/coordinators`, { as: platformAdmin, body: { email: stableCoordinatorN.email } });
  assert.equal((await expectJson(added, 201, 'second coordinator of N')).status, 'granted');

  const P = (await applyOrganization(base, applicant, M, 'Wartender Verein P')).id;
  const S = (await applyOrganization(base, applicant, M, 'Gesperrter Verein S')).id;
  await decide(base, coordinatorM, S, 'approve');
  // S posts a need while approved; the suspension hides it.
  sNeed = await createNeed(base, applicant, S, { title: 'Gesuch von S' });
  await decide(base, coordinatorM, S, 'suspend', 'Der Verein wird überprüft.');

  Object.assign(world, {
    A, B, P, S, applicant, stableCoordinatorN,
    actors: { unverified, volunteer, memberA, adminA, memberB, coordinatorM, coordinatorN, platformAdmin },
  });
  world.needs = await needsWorld(world);
  const spare = await spareUser(world, 'hotline-spare');
  const closed = await freshHelpRequest(world);
  await expectJson(await call(base, 'POST', `/api/v1/help-requests/${closed.id}/close`, { as: coordinatorM, body: { outcome: 'cancelled' } }), 200, 'close');
  world.hotline = {
    fresh: (await freshHelpRequest(world)).id,
    published: (await freshHelpRequest(world, { publish: true })).id,
    helped: await offeredHelpRequest(world, volunteer, true),
    toMatch: await offeredHelpRequest(world, volunteer, false),
    spareMatched: await offeredHelpRequest(world, spare, true),
    closed: closed.id,
  };
  w = world;
});
after(async () => {
  await started?.stop();
});

// ---------------------------------------------------------------------------------------------
// Running a row

const DEFAULT_CODE: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found' };
const doc = JSON.parse(readFileSync(join(repoRoot, 'openapi', 'openapi.json'), 'utf8'));
const validator = new Validator(doc, true);
const documentMismatches: string[] = [];

function parseCell(cell: Cell): { status: number; code: string | null } {
  const [s, code] = String(cell).split(' ');
  const status = Number(s);
  return { status, code: code ?? DEFAULT_CODE[status] ?? null };
}

// Checks the answer against the documented response of the route (collected, reported by a test
// of its own, so that a documentation slip does not hide in an authorisation failure).
function checkDocumented(route: string, res: Response, text: string) {
  const [method, template] = route.split(' ');
  const op = doc.paths?.[template]?.[method.toLowerCase()];
  if (!op) return documentMismatches.push(`${route}: not in openapi/openapi.json`);
  let resp = op.responses?.[String(res.status)];
  if (!resp) return documentMismatches.push(`${route} → ${res.status}: status not documented`);
  while (resp.$ref) resp = resp.$ref.split('/').slice(1).reduce((n: any, k: string) => n[k], doc);
  if (!resp.content) {
    if (text !== '') documentMismatches.push(`${route} → ${res.status}: documented without a body but has one`);
    return;
  }
  const type = mediaType(res);
  const entry = Object.entries<any>(resp.content).find(([k]) => k.split(';')[0].trim() === type);
  if (!entry) return documentMismatches.push(`${route} → ${res.status}: content type ${type} not documented`);
  if (type.endsWith('json')) {
    const errors = validator.validate(JSON.parse(text), entry[1].schema ?? true);
    if (errors.length) documentMismatches.push(`${route} → ${res.status}: ${errors.join('; ')}`);
  }
}

async function runRow(r: Row): Promise<string[]> {
  const method = r.route.split(' ')[0];
  const problems: string[] = [];
  await r.before?.(w);
  // Refused callers first: a permitted state change must not alter what the next caller meets.
  const order = ROLES.map((role, i) => ({ role, i })).sort((a, b) => {
    const ok = (i: number) => (parseCell(r.expect[i]).status < 300 ? 1 : 0);
    return ok(a.i) - ok(b.i) || a.i - b.i;
  });
  try {
    for (const { role, i } of order) {
      const expected = parseCell(r.expect[i]);
      const permitted = expected.status < 300;
      const actor = actorOf(w, role);
      const path = await r.path(w, role, permitted);
      const body = r.body ? await r.body(w, role, permitted) : undefined;
      const res = await call(w.server.url, method, path, { as: actor, body, headers: r.headers?.(w, role) });
      const text = await res.text();
      checkDocumented(r.route, res, text);
      let code: string | null = null;
      if (res.status >= 400 && mediaType(res) === 'application/problem+json') {
        try {
          code = String(JSON.parse(text).type).replace('urn:helferkarte:problem:', '');
        } catch {
          code = '(unparseable problem)';
        }
      }
      const statusOk = res.status === expected.status;
      const codeOk = expected.status < 400 || code === expected.code;
      if (!statusOk || !codeOk) {
        problems.push(`  ${role.padEnd(14)} expected ${expected.status}${expected.status >= 400 ? ` ${expected.code}` : ''}, got ${res.status}${code ? ` ${code}` : ''}  (${method} ${path}) ${text.slice(0, 160)}`);
      }
      await r.after?.(w, role, res, text);
    }
  } finally {
    await r.cleanup?.(w);
  }
  return problems;
}

describe('the authorisation matrix', () => {
  for (const r of MATRIX) {
    test(`${r.route} — ${r.on}: ${ROLES.map((role, i) => `${role} ${r.expect[i]}`).join(', ')}`, async () => {
      assert.equal(r.expect.length, ROLES.length, 'one cell per caller');
      const problems = await runRow(r);
      assert.deepEqual(problems, [], `${r.route} on ${r.on}: answers differ from the matrix:\n${problems.join('\n')}`);
    });
  }

  test('every answer above is documented in openapi/openapi.json with its schema', () => {
    assert.deepEqual(documentMismatches, [], `answers the document does not describe:\n  ${documentMismatches.join('\n  ')}`);
  });
});

describe('the matrix is complete', () => {
  test('every route the server registers has a row, and every row names a registered route', () => {
    const registered = registeredRoutes();
    assert.ok(registered.size > 0, 'helferkarte routes printed routes');
    const covered = new Set(MATRIX.map((x) => x.route));
    const missing = [...registered].filter((x) => !covered.has(x)).sort();
    const unknown = [...covered].filter((x) => !registered.has(x)).sort();
    assert.deepEqual({ missing, unknown }, { missing: [], unknown: [] },
      'a route without a row in the matrix (add one, with the expected answer for every caller), or a row for a route the server does not have');
  });

  test('every row has one cell per caller, each a status with an optional problem code', () => {
    for (const r of MATRIX) {
      assert.equal(r.expect.length, ROLES.length, `${r.route} (${r.on})`);
      for (const c of r.expect) assert.match(String(c), /^[2-5]\d\d( [a-z-]+)?$/, `${r.route} (${r.on}): cell ${c}`);
    }
  });
});
