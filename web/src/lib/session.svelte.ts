// Who is signed in. Loaded once at start from GET /api/v1/me; changed by login and logout.
import * as api from './api';
import type { User } from './api';

export const session = $state<{
  status: 'unknown' | 'anonymous' | 'authenticated';
  user: User | null;
  csrfToken: string | null;
}>({ status: 'unknown', user: null, csrfToken: null });

function set(value: api.Session | null): void {
  session.user = value?.user ?? null;
  session.csrfToken = value?.csrfToken ?? null;
  session.status = value ? 'authenticated' : 'anonymous';
}

export async function loadSession(): Promise<void> {
  try {
    set(await api.me());
  } catch {
    // Offline or server trouble: treat as not signed in, the pages still work.
    set(null);
  }
}

/** Signs in; throws api.ApiError on failure. */
export async function signIn(email: string, password: string): Promise<User> {
  const value = await api.login(email, password);
  set(value);
  return value.user;
}

/** Signs out; throws api.ApiError on failure. */
export async function signOut(): Promise<void> {
  if (session.csrfToken === null) {
    set(null);
    return;
  }
  try {
    await api.logout(session.csrfToken);
  } catch (error) {
    // 401: the session had already ended on the server.
    if (!(error instanceof api.ApiError && error.status === 401)) throw error;
  }
  set(null);
}

export function displayName(user: User): string {
  return user.displayName || user.email;
}
