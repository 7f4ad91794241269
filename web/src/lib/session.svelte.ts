// Who is signed in. Loaded once at start from GET /api/v1/me; changed by login, logout and the
// profile (name, language, new password). The CSRF token is handed to the API client, which
// sends it with every state-changing request.
import * as api from './api';
import type { User } from './api';

export const session = $state<{
  status: 'unknown' | 'anonymous' | 'authenticated';
  user: User | null;
  csrfToken: string | null;
}>({ status: 'unknown', user: null, csrfToken: null });

/** Takes over a login or /me answer (null: nobody is signed in). */
export function setSession(value: api.Session | null): void {
  session.user = value?.user ?? null;
  session.csrfToken = value?.csrfToken || null;
  session.status = value ? 'authenticated' : 'anonymous';
  api.setCsrfToken(session.csrfToken);
}

export async function loadSession(): Promise<void> {
  try {
    setSession(await api.me());
  } catch {
    // Offline or server trouble: treat as not signed in, the pages still work.
    setSession(null);
  }
}

/** Reloads /me, e.g. after the e-mail was verified or a role was granted. */
export async function refreshSession(): Promise<void> {
  try {
    setSession(await api.me());
  } catch {
    // Keep what we have; the next page load tries again.
  }
}

/** Signs in; throws api.ApiError on failure. */
export async function signIn(email: string, password: string): Promise<User> {
  const value = await api.login(email, password);
  setSession(value);
  return value.user;
}

/** Signs out; throws api.ApiError on failure. */
export async function signOut(): Promise<void> {
  if (session.csrfToken === null) {
    setSession(null);
    return;
  }
  try {
    await api.logout();
  } catch (error) {
    // 401: the session had already ended on the server.
    if (!(error instanceof api.ApiError && error.status === 401)) throw error;
  }
  setSession(null);
}

export function displayName(user: User): string {
  return user.displayName || user.email;
}

export function isPlatformAdmin(user: User | null): boolean {
  return !!user?.roles.some((r) => r.role === 'platform_admin');
}

/** Ids of the municipalities the user coordinates. */
export function coordinatedMunicipalities(user: User | null): string[] {
  const ids = (user?.roles ?? []).filter((r) => r.role === 'coordinator' && r.municipalityId).map((r) => r.municipalityId!);
  return [...new Set(ids)];
}

/** Ids of the organisations the user administers. */
export function administeredOrganizations(user: User | null): string[] {
  const ids = (user?.roles ?? []).filter((r) => r.role === 'org_admin' && r.organizationId).map((r) => r.organizationId!);
  return [...new Set(ids)];
}

/** Ids of the organisations the user belongs to (admin or member). */
export function memberOrganizations(user: User | null): string[] {
  const ids = (user?.roles ?? [])
    .filter((r) => (r.role === 'org_admin' || r.role === 'org_member') && r.organizationId)
    .map((r) => r.organizationId!);
  return [...new Set(ids)];
}
