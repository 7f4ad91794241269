// All calls of the web app to the Helferkarte API. Every request sends the UI language as
// Accept-Language, so that the server answers (problem details, validation messages) in it.
// State-changing requests carry the session's CSRF token, which the session store hands over
// through setCsrfToken().
import { currentLang, type Lang } from './i18n.svelte';

export interface Municipality {
  id: string;
  name: string;
  ags: string;
  center: { lat: number; lon: number };
  contactEmail: string;
  hotlinePhone: string | null;
  /** `pre`: a coordinator releases every need before it is published. */
  moderation: 'none' | 'pre';
  imprint: string;
  privacy: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Role = 'platform_admin' | 'coordinator' | 'org_admin' | 'org_member';

export interface RoleGrant {
  role: Role | string;
  municipalityId?: string;
  organizationId?: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  language?: Lang;
  roles: RoleGrant[];
  csrfToken?: string;
}

/** The signed-in user together with the token that state-changing requests must carry. */
export interface Session {
  user: User;
  csrfToken: string;
}

export type OrganizationKind = 'verein' | 'hilfsorganisation' | 'initiative' | 'einrichtung';
export type OrganizationStatus = 'pending' | 'approved' | 'rejected' | 'suspended';

export interface Organization {
  id: string;
  municipalityId: string;
  name: string;
  kind: OrganizationKind;
  description: string;
  contactEmail: string;
  website: string | null;
  address: string | null;
  status: OrganizationStatus;
  createdAt: string;
  /** Only for coordinators, its admins and members and the applicant. */
  statusReason?: string | null;
  /** Only for coordinators of its municipality. */
  applicant?: { id: string; displayName: string; email: string } | null;
}

export type MyOrganizationRole = 'org_admin' | 'org_member' | 'applicant';

export interface MyOrganization extends Organization {
  myRoles: MyOrganizationRole[];
}

export interface Coordinator {
  userId: string | null;
  email: string;
  displayName: string | null;
  status: 'active' | 'invited';
}

export interface Member {
  userId: string | null;
  email: string;
  displayName: string | null;
  role: 'admin' | 'member';
  status: 'active' | 'invited';
}

export interface Invitation {
  email: string;
  role: string;
  status: 'granted' | 'invited';
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string | null; displayName: string };
  action: string;
  subjectType: string;
  subjectId: string | null;
  subjectLabel: string;
  organizationId: string | null;
  reason: string | null;
}

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly status: number;
  readonly problem: Problem | null;
  /** Seconds from a Retry-After header (429, 503), else null. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null = null) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get offline(): boolean {
    return this.status === 0;
  }

  /** The problem's code, the last part of its type (`urn:helferkarte:problem:CODE`). */
  get code(): string | null {
    const type = this.problem?.type;
    if (!type) return null;
    return type.slice(type.lastIndexOf(':') + 1) || null;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

let csrfToken: string | null = null;

/** Sets the token that every state-changing request of the signed-in session sends. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLang(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, null);
  }

  const type = response.headers.get('Content-Type') ?? '';
  const data: unknown =
    response.status !== 204 && type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, isProblem(data) ? data : null, parseRetryAfter(response.headers.get('Retry-After')));
  }
  return data as T;
}

export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const id = encodeURIComponent;

/** Reads the user and CSRF token from a login or /me answer. */
function toSession(data: { user?: User; csrfToken?: string } & Partial<User>): Session {
  const user = (data.user ?? data) as User;
  return { user, csrfToken: data.csrfToken ?? user.csrfToken ?? '' };
}

// Accounts

/** The current session, or null when nobody is signed in. */
export async function me(): Promise<Session | null> {
  try {
    return toSession(await request('GET', '/api/v1/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function login(email: string, password: string): Promise<Session> {
  return toSession(await request('POST', '/api/v1/auth/login', { body: { email, password } }));
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/v1/auth/logout');
}

export function register(body: {
  email: string;
  password: string;
  displayName: string;
  language: Lang;
}): Promise<{ email: string; verificationSent: boolean }> {
  return request('POST', '/api/v1/auth/register', { body });
}

export function verifyEmail(token: string): Promise<{ email: string; emailVerified: boolean }> {
  return request('POST', '/api/v1/auth/verify', { body: { token } });
}

export async function resendVerification(email: string): Promise<void> {
  await request('POST', '/api/v1/auth/verify/resend', { body: { email } });
}

export async function requestPasswordReset(email: string): Promise<void> {
  await request('POST', '/api/v1/auth/password-reset', { body: { email } });
}

export function confirmPasswordReset(token: string, password: string): Promise<{ email: string }> {
  return request('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password } });
}

export async function updateMe(body: { displayName?: string; language?: Lang }): Promise<Session> {
  return toSession(await request('PATCH', '/api/v1/me', { body }));
}

/** Changes the password; the answer carries a new CSRF token (and a new session cookie). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  return toSession(await request('PUT', '/api/v1/me/password', { body: { currentPassword, newPassword } }));
}

export function myOrganizations(signal?: AbortSignal): Promise<{ items: MyOrganization[] }> {
  return request('GET', '/api/v1/me/organizations', { signal });
}

// Municipalities

export function listMunicipalities(cursor?: string | null, signal?: AbortSignal): Promise<Page<Municipality>> {
  return request<Page<Municipality>>('GET', withQuery('/api/v1/municipalities', { cursor }), { signal });
}

/** Every municipality, following the pages (there are few). */
export async function allMunicipalities(signal?: AbortSignal): Promise<Municipality[]> {
  const items: Municipality[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Municipality> = await request<Page<Municipality>>(
      'GET',
      withQuery('/api/v1/municipalities', { cursor, limit: 100 }),
      { signal },
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return items;
}

export function getMunicipality(municipalityId: string, signal?: AbortSignal): Promise<Municipality> {
  return request('GET', `/api/v1/municipalities/${id(municipalityId)}`, { signal });
}

export interface MunicipalityInput {
  name: string;
  ags: string;
  center: { lat: number; lon: number };
  contactEmail: string;
  hotlinePhone?: string | null;
  moderation: 'none' | 'pre';
  imprint?: string;
  privacy?: string;
}

export function createMunicipality(body: MunicipalityInput): Promise<Municipality> {
  return request('POST', '/api/v1/municipalities', { body });
}

export function updateMunicipality(municipalityId: string, body: Partial<MunicipalityInput>): Promise<Municipality> {
  return request('PATCH', `/api/v1/municipalities/${id(municipalityId)}`, { body });
}

export function listCoordinators(municipalityId: string, signal?: AbortSignal): Promise<{ items: Coordinator[] }> {
  return request('GET', `/api/v1/municipalities/${id(municipalityId)}/coordinators`, { signal });
}

export function inviteCoordinator(municipalityId: string, email: string): Promise<Invitation> {
  return request('POST', `/api/v1/municipalities/${id(municipalityId)}/coordinators`, { body: { email } });
}

export async function removeCoordinator(municipalityId: string, userId: string): Promise<void> {
  await request('DELETE', `/api/v1/municipalities/${id(municipalityId)}/coordinators/${id(userId)}`);
}

export function auditLog(
  municipalityId: string,
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<AuditEntry>> {
  return request('GET', withQuery(`/api/v1/municipalities/${id(municipalityId)}/audit-log`, { cursor, limit: 50 }), {
    signal,
  });
}

// Organisations

export interface OrganizationInput {
  name: string;
  kind: OrganizationKind;
  description: string;
  contactEmail: string;
  website?: string | null;
  address?: string | null;
}

export function createOrganization(body: OrganizationInput & { municipalityId: string }): Promise<Organization> {
  return request('POST', '/api/v1/organizations', { body });
}

/**
 * A coordinator adds a group the municipality already knows: it is approved at once and its
 * administration is offered to adminEmail (granted to a verified account, else an invitation).
 */
export function addKnownOrganization(
  body: OrganizationInput & { municipalityId: string; adminEmail: string },
): Promise<Organization> {
  return request('POST', '/api/v1/organizations', { body });
}

export function listOrganizations(
  query: { municipalityId: string; status?: OrganizationStatus | null; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<Organization>> {
  return request('GET', withQuery('/api/v1/organizations', { ...query, limit: 50 }), { signal });
}

/** How many applications of the municipality wait for a decision; `more`: at least `count`. */
export async function countPendingOrganizations(
  municipalityId: string,
  signal?: AbortSignal,
): Promise<{ count: number; more: boolean }> {
  const page = await request<Page<Organization>>(
    'GET',
    withQuery('/api/v1/organizations', { municipalityId, status: 'pending', limit: 100 }),
    { signal },
  );
  return { count: page.items.length, more: !!page.nextCursor };
}

export function getOrganization(organizationId: string, signal?: AbortSignal): Promise<Organization> {
  return request('GET', `/api/v1/organizations/${id(organizationId)}`, { signal });
}

export function updateOrganization(organizationId: string, body: Partial<OrganizationInput>): Promise<Organization> {
  return request('PATCH', `/api/v1/organizations/${id(organizationId)}`, { body });
}

export type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

/** A coordinator's decision on an organisation; reject and suspend need a reason. */
export function decide(organizationId: string, decision: Decision, reason?: string): Promise<Organization> {
  return request('POST', `/api/v1/organizations/${id(organizationId)}/${decision}`, {
    body: reason === undefined ? {} : { reason },
  });
}

export function listMembers(organizationId: string, signal?: AbortSignal): Promise<{ items: Member[] }> {
  return request('GET', `/api/v1/organizations/${id(organizationId)}/members`, { signal });
}

export function inviteMember(organizationId: string, email: string, role: 'admin' | 'member'): Promise<Invitation> {
  return request('POST', `/api/v1/organizations/${id(organizationId)}/members`, { body: { email, role } });
}

export async function removeMember(organizationId: string, userId: string): Promise<void> {
  await request('DELETE', `/api/v1/organizations/${id(organizationId)}/members/${id(userId)}`);
}
