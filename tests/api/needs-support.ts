// Helpers of the needs, sign-up and calendar tests: times, valid need bodies, groups in a
// wanted state, many verified volunteers at once, and the housekeeping jobs at a given time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { parseMail, waitForMail, type ReceivedMail } from '../support/mail.ts';
import { runCli, type Server } from '../support/server.ts';
import {
  applyOrganization, call, decide, expectJson, linkToken, login, postJson, register, sleep, uniqueEmail, type Actor,
} from './support.ts';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** RFC 3339 UTC without fractions, as the server writes times. */
export function iso(ms: number | Date): string {
  return new Date(typeof ms === 'number' ? ms : ms.getTime()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A whole-minute time `days` days ahead at `hourUtc`:00 UTC. */
export function daysAhead(days: number, hourUtc = 9): number {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.getTime();
}

export interface ShiftSpec { start: string; end: string; capacity: number }

/** A shift `days` days ahead from `hourUtc` for `hours` hours. */
export function shiftAt(days: number, capacity = 3, hourUtc = 9, hours = 2): ShiftSpec {
  const start = daysAhead(days, hourUtc);
  return { start: iso(start), end: iso(start + hours * HOUR), capacity };
}

/** A valid need body (a place in Gütersloh, two shifts next week); `extra` overrides fields. */
export function needBody(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    title: 'Einkaufshilfe für Frau Berger',
    description: 'Wir suchen Menschen, die montags den Wocheneinkauf übernehmen.',
    category: 'shopping',
    remote: false,
    location: { lat: 51.9065, lon: 8.3786, address: 'Kirchstraße 1, 33330 Gütersloh', placeName: 'Gütersloh' },
    shifts: [shiftAt(7, 3, 9), shiftAt(8, 2, 14)],
    requirements: { minAge: null, drivingLicence: false, conductCertificate: false },
    signupMode: 'open',
    waitlist: true,
    contact: { name: 'Jana Koch', phone: '05241 123456', email: 'einkauf@verein.example' },
    ...extra,
  };
}

/** Posts a need for `orgId` as `who`; expects 201 and returns the need. */
export async function createNeed(base: string, who: Actor, orgId: string, extra: Record<string, unknown> = {}) {
  const res = await call(base, 'POST', `/api/v1/organizations/${orgId}/needs`, { as: who, body: needBody(extra) });
  return expectJson(res, 201, `create a need for organisation ${orgId}`);
}

export async function getNeed(base: string, id: string, who: Actor | null = null) {
  return expectJson(await call(base, 'GET', `/api/v1/needs/${id}`, { as: who }), 200, `GET need ${id}`);
}

/** Joins a shift; returns the raw answer. */
export function join(base: string, who: Actor, shiftId: string, body: Record<string, unknown> = {}) {
  return call(base, 'POST', `/api/v1/shifts/${shiftId}/signups`, { as: who, body });
}

/** Joins and expects 201 with `status`; returns the sign-up. */
export async function joinAs(base: string, who: Actor, shiftId: string, status: string, body: Record<string, unknown> = {}) {
  const s = await expectJson(await join(base, who, shiftId, body), 201, `${who.email} joins shift ${shiftId}`);
  assert.equal(s.status, status, `${who.email} on shift ${shiftId}`);
  return s;
}

export function leave(base: string, who: Actor, shiftId: string) {
  return call(base, 'DELETE', `/api/v1/shifts/${shiftId}/signups/me`, { as: who });
}

export async function participants(base: string, who: Actor, needId: string) {
  return expectJson(await call(base, 'GET', `/api/v1/needs/${needId}/participants`, { as: who }), 200, `participants of ${needId}`);
}

let groupCounter = 0;
export interface Group { id: string; name: string; admin: Actor }

/** An approved group in `municipalityId` whose admin is a fresh verified user. */
export async function approvedGroup(server: Server, coordinator: Actor, municipalityId: string, prefix = 'Verein'): Promise<Group> {
  groupCounter += 1;
  const admin = await verifiedFast(server, `${prefix.toLowerCase().replace(/[^a-z]/g, '')}-admin`);
  const name = `${prefix} ${groupCounter}-${Date.now().toString(36)}`;
  const o = await applyOrganization(server.url, admin, municipalityId, name);
  await decide(server.url, coordinator, o.id, 'approve');
  return { id: o.id, name, admin };
}

/** Adds an existing account to a group as member; expects the role to be granted at once. */
export async function addMember(base: string, admin: Actor, orgId: string, member: Actor, role: 'member' | 'admin' = 'member') {
  const res = await call(base, 'POST', `/api/v1/organizations/${orgId}/members`, { as: admin, body: { email: member.email, role } });
  assert.equal((await expectJson(res, 201, 'add a member')).status, 'granted');
}

// ---------------------------------------------------------------------------------------------
// Verified accounts in bulk. Registering through the API and confirming with the link from the
// mail is the real path; doing it for hundreds of people one by one would be slow, so this
// registers in parallel batches and reads the mail folder once per poll, not once per person.

const seenMails = new Map<string, Map<string, string>>(); // mail folder → file → recipient
const tokens = new Map<string, string>(); // recipient → verification token

function scanVerificationMails(mailDir: string) {
  let seen = seenMails.get(mailDir);
  if (!seen) seenMails.set(mailDir, (seen = new Map()));
  let names: string[] = [];
  try {
    names = readdirSync(mailDir).filter((n) => n.endsWith('.eml') && !n.startsWith('.'));
  } catch {
    return;
  }
  for (const name of names) {
    if (seen.has(name)) continue;
    const mail = parseMail(name, readFileSync(joinPath(mailDir, name), 'utf8'));
    const to = mail.to.toLowerCase().replace(/^.*</, '').replace(/>.*$/, '').trim();
    seen.set(name, to);
    if (mail.body.includes('/konto/bestaetigen?token=')) tokens.set(to, linkToken(mail.body, '/konto/bestaetigen'));
  }
}

async function verificationToken(mailDir: string, email: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = tokens.get(email);
    if (t) return t;
    scanVerificationMails(mailDir);
    if (tokens.get(email)) continue;
    if (Date.now() > deadline) throw new Error(`no verification mail for ${email} in ${mailDir}`);
    await sleep(100);
  }
}

/** One verified, logged-in account (as support.verifiedUser, with the faster mail lookup). */
export async function verifiedFast(server: Server, prefix: string, options: { displayName?: string; verify?: boolean } = {}): Promise<Actor> {
  const email = uniqueEmail(prefix);
  const password = `Sommer-Regen-${prefix}-2026!`;
  const displayName = options.displayName ?? `Test ${prefix}`;
  await expectJson(await register(server.url, email, password, displayName), 201, `register ${email}`);
  if (options.verify !== false) {
    const token = await verificationToken(server.mailDir, email);
    await expectJson(await postJson(server.url, '/api/v1/auth/verify', { token }), 200, `verify ${email}`);
  }
  const session = await login(server.url, email, password);
  return { id: session.body.user.id, email, password, displayName, session };
}

/** `n` verified, logged-in accounts, made `batch` at a time. */
export async function manyVerified(server: Server, n: number, prefix: string, batch = 8): Promise<Actor[]> {
  const out: Actor[] = [];
  for (let i = 0; i < n; i += batch) {
    const size = Math.min(batch, n - i);
    out.push(...await Promise.all(Array.from({ length: size }, (_, k) =>
      verifiedFast(server, prefix, { displayName: `${prefix} ${i + k + 1}` }))));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mails sent after a point: several mails to one person often name the same need, so a test
// notes the files that exist before an action and waits for a new one.

/** The names of the mail files there are now. */
export function mailFiles(mailDir: string): Set<string> {
  try {
    return new Set(readdirSync(mailDir).filter((n) => n.endsWith('.eml')));
  } catch {
    return new Set();
  }
}

/** A mail to `to`, not among `before`, whose body contains `marker` (white space flattened). */
export async function newMailTo(mailDir: string, before: Set<string>, to: string, marker: string | RegExp = '', timeoutMs = 15_000): Promise<ReceivedMail & { text: string }> {
  const flat = (x: string) => x.replace(/\s+/g, ' ');
  const wanted = to.toLowerCase();
  const m = await waitForMail(mailDir, (mail) => !before.has(mail.file) && mail.to.toLowerCase().includes(wanted) &&
    (typeof marker === 'string' ? flat(mail.body).includes(flat(marker)) : marker.test(flat(mail.body))), timeoutMs);
  return { ...m, text: flat(m.body) };
}

/**
 * Waits until each address has a mail containing `marker` (e.g. the confirmations of joins),
 * so that a `mailFiles` taken afterwards does not miss a mail still in the outbox.
 */
export async function mailsArrived(mailDir: string, addresses: string[], marker: string) {
  await Promise.all(addresses.map((a) => newMailTo(mailDir, new Set(), a, marker)));
}

/** Every mail to `to`, not among `before` (after giving the outbox `settleMs` to send). */
export async function mailsToSince(mailDir: string, before: Set<string>, to: string, settleMs = 2500): Promise<ReceivedMail[]> {
  await sleep(settleMs);
  const { readMails } = await import('../support/mail.ts');
  return readMails(mailDir).filter((m) => !before.has(m.file) && m.to.toLowerCase().includes(to.toLowerCase()));
}

// ---------------------------------------------------------------------------------------------
// The housekeeping jobs (repetitions, reminders, expiry warnings, completion), run once by the
// command line at a chosen time against the server's database. Mails they write go to the
// outbox, which the running server sends.

export function runJobs(server: Server, at: number | Date): string {
  // Links in the mails are built by the command, so it needs the server's public address.
  const args = server.process.spawnargs;
  const i = args.indexOf('--base-url');
  const baseUrl = i >= 0 ? ['--base-url', args[i + 1]] : [];
  const r = runCli(['jobs', 'run', '--database', server.database, '--at', iso(at), ...baseUrl]);
  assert.equal(r.status, 0, `helferkarte jobs run --at ${iso(at)} failed: ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** Waits until the wall clock passes `ms` (plus a little). */
export async function waitUntil(ms: number) {
  const left = ms - Date.now();
  if (left > 0) await sleep(left + 250);
}

// ---------------------------------------------------------------------------------------------
// Attachments: the .ics that confirmation mails carry (multipart/mixed, the file base64).

export interface MailPart { headers: Map<string, string>; body: string }

/** The parts of a multipart mail (one level), each with decoded body text. */
export function mimeParts(raw: string): MailPart[] {
  const headEnd = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, headEnd).replace(/\r\n[ \t]+/g, ' ');
  const m = /^content-type:\s*multipart\/[a-z]+;.*boundary="?([^";\r\n]+)"?/im.exec(head);
  if (!m) return [];
  const boundary = `--${m[1]}`;
  const parts: MailPart[] = [];
  for (const chunk of raw.slice(headEnd + 4).split(boundary).slice(1)) {
    if (chunk.startsWith('--')) break;
    const text = chunk.replace(/^\r\n/, '');
    const end = text.indexOf('\r\n\r\n');
    const headers = new Map<string, string>();
    for (const line of text.slice(0, end).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    let body = text.slice(end + 4).replace(/\r\n$/, '');
    const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
    if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    else if (encoding === 'quoted-printable') {
      body = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    }
    parts.push({ headers, body });
  }
  return parts;
}

/** The text/calendar attachment of a mail, or null. */
export function icsAttachment(raw: string): { filename: string; text: string } | null {
  const part = mimeParts(raw).find((p) => (p.headers.get('content-type') ?? '').toLowerCase().startsWith('text/calendar'));
  if (!part) return null;
  const disposition = part.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1] ?? '';
  return { filename: name, text: part.body };
}
