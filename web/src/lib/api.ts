// All calls of the web app to the Helferkarte API. Every request sends the UI language as
// Accept-Language, so that the server answers (problem details, validation messages) in it.
import { currentLang } from './i18n.svelte';

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

export interface RoleGrant {
  role: string;
  municipalityId?: string;
  organizationId?: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  roles: RoleGrant[];
  csrfToken?: string;
}

/** The signed-in user together with the token that state-changing requests must carry. */
export interface Session {
  user: User;
  csrfToken: string;
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

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get offline(): boolean {
    return this.status === 0;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

interface RequestOptions {
  body?: unknown;
  csrfToken?: string;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLang(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrfToken) headers['X-CSRF-Token'] = options.csrfToken;

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
  if (!response.ok) throw new ApiError(response.status, isProblem(data) ? data : null);
  return data as T;
}

/** Reads the user and CSRF token from a login or /me answer. */
function toSession(data: { user?: User; csrfToken?: string } & Partial<User>): Session {
  const user = (data.user ?? data) as User;
  return { user, csrfToken: data.csrfToken ?? user.csrfToken ?? '' };
}

export function listMunicipalities(cursor?: string | null, signal?: AbortSignal): Promise<Page<Municipality>> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return request<Page<Municipality>>('GET', `/api/v1/municipalities${query}`, { signal });
}

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

export async function logout(csrfToken: string): Promise<void> {
  await request<void>('POST', '/api/v1/auth/logout', { csrfToken });
}
