// Shared helpers of the black-box API tests: fetch with a timeout, problem+json checks,
// demo logins and a small raw HTTP/1.1 client on node:net for what fetch cannot send.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { startServer, type Server } from '../support/server.ts';

export const TIMEOUT_MS = 15_000;

/** Per-client limits raised, for a test that registers many accounts from one address. */
export const MANY_ACCOUNTS = {
  HELFERKARTE_AUTH_REGISTRATIONS_PER_IP: '1000',
  HELFERKARTE_AUTH_MAIL_REQUESTS_PER_IP: '1000',
};

/** A server with the demo data on which a test may register many accounts. */
export function startDemoServer(env: Record<string, string> = {}): Promise<Server> {
  return startServer({ demo: true, env: { ...MANY_ACCOUNTS, ...env } });
}

/** The demo accounts loaded by `helferkarte demo`. */
export const DEMO = {
  admin: { email: 'admin@helferkarte.example', password: 'Demo-Admin-2026', role: 'platform_admin' },
  coordinator: { email: 'koordination@guetersloh.example', password: 'Demo-Koordination-2026', role: 'coordinator' },
  orgAdmin: { email: 'drk-leitung@guetersloh.example', password: 'Demo-Verein-2026', role: 'org_admin' },
  orgMember: { email: 'tafel-team@guetersloh.example', password: 'Demo-Mitglied-2026', role: 'org_member' },
  volunteer: { email: 'helferin@guetersloh.example', password: 'Demo-Helferin-2026', role: null },
} as const;

/** fetch relative to the server's base URL, never waiting forever. */
export function http(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, base), { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), ...init });
}

/** POST with a JSON body. */
export function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return http(base, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Media type of a response without parameters, lower case. */
export function mediaType(res: { headers: Headers } | RawResponse): string {
  const ct = res.headers instanceof Headers ? res.headers.get('content-type') : res.headers['content-type'];
  return (ct ?? '').split(';')[0].trim().toLowerCase();
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/** Checks that `res` is an RFC 9457 problem of the given status and returns its body. */
export async function expectProblem(res: Response, status: number, context = ''): Promise<Problem> {
  const text = await res.text();
  const where = `${context ? context + ': ' : ''}${res.url}`;
  assert.equal(res.status, status, `${where}: expected status ${status}, got ${res.status} with body ${text.slice(0, 500)}`);
  return checkProblemBody(mediaType(res), text, status, where);
}

export function checkProblemBody(type: string, text: string, status: number, where: string): Problem {
  assert.equal(type, 'application/problem+json', `${where}: content type of a problem (body ${text.slice(0, 300)})`);
  let body: Problem;
  try {
    body = JSON.parse(text);
  } catch {
    assert.fail(`${where}: problem body is not JSON: ${text.slice(0, 300)}`);
  }
  assert.equal(typeof body, 'object', `${where}: problem body is an object`);
  assert.match(String(body.type), /^urn:helferkarte:problem:[a-z0-9-]+$/, `${where}: problem type is a helferkarte URN`);
  assert.equal(typeof body.title, 'string', `${where}: problem has a title`);
  assert.ok(body.title.length > 0, `${where}: problem title is not empty`);
  assert.equal(body.status, status, `${where}: problem status equals the HTTP status`);
  assert.equal(typeof body.detail, 'string', `${where}: problem has a detail`);
  assert.ok(body.detail.length > 0, `${where}: problem detail is not empty`);
  if (body.errors !== undefined) {
    assert.ok(Array.isArray(body.errors), `${where}: errors is an array`);
    for (const e of body.errors) {
      assert.equal(typeof e.field, 'string', `${where}: errors[].field is a string`);
      assert.equal(typeof e.message, 'string', `${where}: errors[].message is a string`);
      assert.ok(e.message.length > 0, `${where}: errors[].message is not empty`);
    }
  }
  return body;
}

/** A 422 problem whose errors name exactly the given fields (in any order). */
export async function expectValidation(res: Response, fields: string[], context = ''): Promise<Problem> {
  const p = await expectProblem(res, 422, context);
  assert.ok(Array.isArray(p.errors), `${context}: a validation problem carries errors[] (got ${JSON.stringify(p)})`);
  const got = [...new Set(p.errors!.map((e) => e.field))].sort();
  assert.deepEqual(got, [...fields].sort(), `${context}: fields named in errors[]`);
  return p;
}

export interface Session {
  cookie: string; // "hk_session=..." ready for a Cookie header
  csrfToken: string;
  body: any;
  setCookie: string;
}

/** Logs in and returns the session cookie and CSRF token; fails the test unless 200. */
export async function login(base: string, email: string, password: string): Promise<Session> {
  const res = await postJson(base, '/api/v1/auth/login', { email, password });
  const text = await res.text();
  assert.equal(res.status, 200, `login as ${email}: expected 200, got ${res.status}: ${text.slice(0, 300)}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('hk_session='));
  assert.ok(setCookie, `login as ${email}: Set-Cookie hk_session missing (got ${JSON.stringify(res.headers.getSetCookie())})`);
  const body = JSON.parse(text);
  return { cookie: setCookie.split(';')[0], csrfToken: body.csrfToken, body, setCookie };
}

/** Asserts the security headers that every response carries. */
export function assertSecurityHeaders(headers: Headers | Record<string, string | undefined>, where: string) {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers[name.toLowerCase()] ?? null);
  const csp = get('content-security-policy');
  assert.ok(csp, `${where}: Content-Security-Policy missing`);
  assert.ok(/(^|;)\s*default-src 'self'(\s*;|\s*$)/.test(csp) || csp.includes("default-src 'self'"),
    `${where}: CSP has default-src 'self' (got ${csp})`);
  assert.ok(csp.includes("frame-ancestors 'none'"), `${where}: CSP has frame-ancestors 'none' (got ${csp})`);
  assert.equal(get('x-content-type-options'), 'nosniff', `${where}: X-Content-Type-Options`);
  assert.equal(get('referrer-policy'), 'no-referrer', `${where}: Referrer-Policy`);
  assert.ok(get('permissions-policy'), `${where}: Permissions-Policy missing`);
  assert.equal(get('x-frame-options'), 'DENY', `${where}: X-Frame-Options`);
  assert.ok(get('x-request-id'), `${where}: X-Request-Id missing`);
}

// ---------------------------------------------------------------------------------------------
// A raw HTTP/1.1 client: sends exactly the bytes given and parses what comes back.

export interface RawResponse {
  status: number;
  reason: string;
  version: string;
  headers: Record<string, string>; // lower-case names; repeated headers joined with ", "
  rawHeaders: [string, string][];
  body: Buffer;
}

export class RawConnection {
  private buf = Buffer.alloc(0);
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.notify();
    });
    socket.on('end', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('error', (e) => {
      this.failure = e;
      this.ended = true;
      this.notify();
    });
    this.closed = new Promise((res) => socket.on('close', () => {
      this.ended = true;
      this.notify();
      res();
    }));
  }

  static open(base: string, timeoutMs = TIMEOUT_MS): Promise<RawConnection> {
    const u = new URL(base);
    return new Promise((res, rej) => {
      const s = connect({ host: u.hostname, port: Number(u.port) });
      const timer = setTimeout(() => { s.destroy(); rej(new Error('connect timed out')); }, timeoutMs);
      s.once('connect', () => { clearTimeout(timer); res(new RawConnection(s)); });
      s.once('error', (e) => { clearTimeout(timer); rej(e); });
    });
  }

  get isEnded() { return this.ended; }
  get error() { return this.failure; }
  /** Bytes received but not yet consumed by readResponse. */
  get pending() { return this.buf; }

  private notify() {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Writes bytes; resolves once handed to the kernel, never rejects (errors show up on read). */
  write(data: string | Buffer): Promise<boolean> {
    return new Promise((res) => {
      if (this.socket.destroyed || !this.socket.writable) return res(false);
      this.socket.write(data, (err) => res(!err));
    });
  }

  /**
   * Writes the pieces one after the other, as a well-behaved client does with a large body:
   * it stops sending as soon as the server answers early (or closes), so that the answer is
   * read rather than lost to a failed write.
   */
  async writeUntilAnswered(pieces: Buffer[]): Promise<number> {
    let sent = 0;
    for (const p of pieces) {
      if (this.ended || this.buf.length > 0) break;
      if (!(await this.write(p))) break;
      sent += p.length;
      await new Promise((r) => setImmediate(r)); // let pending reads run first
    }
    return sent;
  }

  /** Waits until more bytes arrive or the connection ends (or the timeout passes). */
  private waitForData(deadline: number): Promise<void> {
    return new Promise((res, rej) => {
      const left = deadline - Date.now();
      if (left <= 0) return rej(new Error(`timed out waiting for a response; got so far: ${JSON.stringify(this.buf.toString('latin1').slice(0, 300))}`));
      const timer = setTimeout(() => { this.wake = null; res(); }, left);
      this.wake = () => { clearTimeout(timer); res(); };
    });
  }

  /** Reads one complete response (skipping 1xx). `method` HEAD means no body. */
  async readResponse(options: { method?: string; timeoutMs?: number } = {}): Promise<RawResponse> {
    const deadline = Date.now() + (options.timeoutMs ?? TIMEOUT_MS);
    for (;;) {
      const parsed = tryParse(this.buf, options.method ?? 'GET', this.ended);
      if (parsed) {
        this.buf = this.buf.subarray(parsed.consumed);
        if (parsed.response.status >= 100 && parsed.response.status < 200) continue;
        return parsed.response;
      }
      if (this.ended) {
        throw new Error(`connection closed before a complete response${this.failure ? ` (${this.failure.message})` : ''}; got ${JSON.stringify(this.buf.toString('latin1').slice(0, 300))}`);
      }
      await this.waitForData(deadline);
    }
  }

  /** Resolves true if the peer closes the connection within the time, else false. */
  async waitClosed(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() >= deadline) return false;
      await this.waitForData(deadline).catch(() => undefined);
    }
    return true;
  }

  close() {
    this.socket.destroy();
  }
}

function tryParse(buf: Buffer, method: string, ended: boolean): { response: RawResponse; consumed: number } | null {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = buf.subarray(0, headEnd).toString('latin1');
  const lines = head.split('\r\n');
  const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!m) throw new Error(`not an HTTP response: ${JSON.stringify(lines[0])}`);
  const rawHeaders: [string, string][] = [];
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    rawHeaders.push([name, value]);
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  const status = Number(m[2]);
  let pos = headEnd + 4;
  let body: Buffer = Buffer.alloc(0);
  const noBody = method.toUpperCase() === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304;
  if (!noBody) {
    if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = buf.indexOf('\r\n', pos);
        if (lineEnd < 0) return null;
        const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1').split(';')[0], 16);
        if (Number.isNaN(size)) throw new Error('bad chunk size in response');
        pos = lineEnd + 2;
        if (size === 0) {
          // trailers until an empty line
          for (;;) {
            const tEnd = buf.indexOf('\r\n', pos);
            if (tEnd < 0) return null;
            const empty = tEnd === pos;
            pos = tEnd + 2;
            if (empty) break;
          }
          break;
        }
        if (buf.length < pos + size + 2) return null;
        parts.push(buf.subarray(pos, pos + size));
        pos += size + 2;
      }
      body = Buffer.concat(parts);
    } else if (headers['content-length'] !== undefined) {
      const len = Number(headers['content-length']);
      if (buf.length < pos + len) return null;
      body = buf.subarray(pos, pos + len);
      pos += len;
    } else {
      if (!ended) return null; // body delimited by close
      body = buf.subarray(pos);
      pos = buf.length;
    }
  }
  return { response: { status, reason: m[3] ?? '', version: m[1], headers, rawHeaders, body: Buffer.from(body) }, consumed: pos };
}

/**
 * Sends one request on a fresh connection and reads the response. Resolves with `null` when
 * the server closed the connection without answering (acceptable for unparseable requests).
 */
export async function rawRequest(base: string, data: string | Buffer, options: { method?: string; timeoutMs?: number; halfClose?: boolean } = {}): Promise<RawResponse | null> {
  const c = await RawConnection.open(base);
  try {
    await c.write(data);
    if (options.halfClose) c.socket.end();
    try {
      return await c.readResponse(options);
    } catch (e) {
      if (c.isEnded && c.pending.length === 0) return null;
      throw e;
    }
  } finally {
    c.close();
  }
}

/** "host:port" of a base URL, for Host headers. */
export function hostOf(base: string) {
  return new URL(base).host;
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------------------------
// Actors for the trust-model tests: requests on behalf of a logged-in person (cookie and CSRF
// token), fresh verified accounts (register, then the link from the mail folder) and
// organisations in a wanted state.

export interface Actor {
  id: string;
  email: string;
  password: string;
  displayName: string;
  session: Session;
}

/** One request as `who` (null: anonymous), with a JSON body when `body` is given. */
export function call(
  base: string, method: string, path: string,
  options: { as?: Actor | Session | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const s = options.as ? ('session' in options.as ? options.as.session : options.as) : null;
  if (s) {
    headers.Cookie = s.cookie;
    headers['X-CSRF-Token'] = s.csrfToken;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  return http(base, path, { method, headers, body });
}

/** The JSON body of a response with the expected status; fails with the body otherwise. */
export async function expectJson(res: Response, status: number, context = ''): Promise<any> {
  const text = await res.text();
  assert.equal(res.status, status, `${context ? context + ': ' : ''}${res.url}: expected ${status}, got ${res.status}: ${text.slice(0, 500)}`);
  if (status === 204) {
    assert.equal(text, '', `${context}: 204 without a body`);
    return null;
  }
  assert.equal(mediaType(res), 'application/json', `${context}: JSON answer`);
  return JSON.parse(text);
}

let uniqueCounter = 0;
/** A fresh address nobody has used in this test run. */
export function uniqueEmail(prefix: string): string {
  uniqueCounter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${uniqueCounter}@test.example`.toLowerCase();
}

/** Eight digits that no municipality has yet (Gütersloh is 05754008). */
export function uniqueAgs(): string {
  uniqueCounter += 1;
  return String(90000000 + ((Date.now() * 7 + uniqueCounter * 7919 + process.pid) % 9999999)).padStart(8, '0');
}

/**
 * A mail to `to` whose body contains `marker` (compared with runs of white space as one space,
 * as the server wraps long lines), waiting for it. `text` is the body so flattened.
 */
export async function mailTo(mailDir: string, to: string, marker: string | RegExp, timeoutMs = 15_000): Promise<{ subject: string; body: string; text: string }> {
  const { waitForMail } = await import('../support/mail.ts');
  const wanted = to.toLowerCase();
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const m: any = await waitForMail(mailDir, (mail: any) =>
    String(mail.to).toLowerCase().includes(wanted) &&
    (typeof marker === 'string' ? flat(mail.body).includes(flat(marker)) : marker.test(flat(mail.body))), timeoutMs);
  return { subject: m.subject, body: m.body, text: flat(m.body) };
}

/** The token of a `/konto/bestaetigen?token=` or `/passwort-neu?token=` link in a mail body. */
export function linkToken(body: string, path: '/konto/bestaetigen' | '/passwort-neu'): string {
  const m = new RegExp(`${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_\\-.~%]+)`).exec(body);
  assert.ok(m, `the mail holds a ${path}?token= link:\n${body}`);
  return decodeURIComponent(m[1]);
}

/** Registers an account; resolves with the answer (201 expected, not checked here). */
export function register(base: string, email: string, password: string, displayName: string, headers: Record<string, string> = {}) {
  return postJson(base, '/api/v1/auth/register', { email, password, displayName }, headers);
}

/** Registers, confirms the address with the link from the mail and logs in. */
export async function verifiedUser(
  server: { url: string; mailDir: string }, prefix: string, options: { email?: string; displayName?: string; verify?: boolean } = {},
): Promise<Actor> {
  const email = options.email ?? uniqueEmail(prefix);
  const password = `Sommer-Regen-${prefix}-2026!`;
  const displayName = options.displayName ?? `Test ${prefix}`;
  const reg = await register(server.url, email, password, displayName);
  await expectJson(reg, 201, `register ${email}`);
  if (options.verify !== false) {
    const mail = await mailTo(server.mailDir, email, '/konto/bestaetigen?token=');
    const token = linkToken(mail.body, '/konto/bestaetigen');
    await expectJson(await postJson(server.url, '/api/v1/auth/verify', { token }), 200, `verify ${email}`);
  }
  const session = await login(server.url, email, password);
  return { id: session.body.user.id, email, password, displayName, session };
}

/** Logs a demo account in as an Actor. */
export async function demoActor(base: string, who: { email: string; password: string }): Promise<Actor> {
  const session = await login(base, who.email, who.password);
  return { id: session.body.user.id, email: who.email, password: who.password, displayName: session.body.user.displayName, session };
}

/** The id of the demo municipality Gütersloh (AGS 05754008). */
export async function guetersloh(base: string): Promise<string> {
  const list = await expectJson(await http(base, '/api/v1/municipalities?limit=100'), 200, 'municipalities');
  const m = list.items.find((x: any) => x.ags === '05754008');
  assert.ok(m, 'the demo data holds Gütersloh');
  return m.id;
}

/** A valid application for an organisation in `municipalityId`. */
export function organizationBody(municipalityId: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    municipalityId, name, kind: 'verein',
    description: `${name} hilft in der Nachbarschaft: Einkäufe, Begleitung, Vorlesen.`,
    contactEmail: 'kontakt@verein.example', website: 'https://verein.example', address: 'Marktplatz 1, 33330 Gütersloh',
    ...extra,
  };
}

/** `applicant` applies for an organisation; resolves with its JSON (status pending). */
export async function applyOrganization(base: string, applicant: Actor, municipalityId: string, name: string) {
  const res = await call(base, 'POST', '/api/v1/organizations', { as: applicant, body: organizationBody(municipalityId, name) });
  return expectJson(res, 201, `apply for ${name}`);
}

/** `coordinator` takes a decision (approve, reject, suspend, reinstate); expects 200. */
export async function decide(base: string, coordinator: Actor, organizationId: string, decision: 'approve' | 'reject' | 'suspend' | 'reinstate', reason?: string) {
  const body = decision === 'reject' || decision === 'suspend' ? { reason: reason ?? `Grund für ${decision}` } : undefined;
  const res = await call(base, 'POST', `/api/v1/organizations/${organizationId}/${decision}`, { as: coordinator, body });
  return expectJson(res, 200, `${decision} organisation ${organizationId}`);
}

/**
 * Sends the same invalid request twice, without Accept-Language and with `en`: both are 422
 * naming exactly `fields`; the first is German, the second English (Content-Language and
 * differing texts).
 */
export async function expectValidationInBothLanguages(
  send: (headers: Record<string, string>) => Promise<Response>, fields: string[], context = '',
): Promise<{ de: Problem; en: Problem }> {
  const resDe = await send({});
  assert.equal(resDe.headers.get('content-language'), 'de', `${context}: German by default`);
  const de = await expectValidation(resDe, fields, `${context} (de)`);
  const resEn = await send({ 'Accept-Language': 'en' });
  assert.equal(resEn.headers.get('content-language'), 'en', `${context}: English on request`);
  const en = await expectValidation(resEn, fields, `${context} (en)`);
  assert.notEqual(de.title, en.title, `${context}: the titles differ between de and en`);
  for (const e of de.errors!) {
    const other = en.errors!.find((x) => x.field === e.field);
    assert.notEqual(e.message, other?.message, `${context}: the message for ${e.field} differs between de and en`);
  }
  return { de, en };
}

/** The problem code of a problem body: "urn:helferkarte:problem:last-admin" → "last-admin". */
export function problemCode(p: Problem): string {
  return p.type.replace('urn:helferkarte:problem:', '');
}
