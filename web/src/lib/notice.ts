// A message for the page the app moves to after an action that ends the user's place on the
// current one (a coordinator who removed themself lands on the profile; a group a coordinator
// added opens on its own page). Kept as keys, so that it follows a change of the language; the
// next page takes it once.
import type { MessageKey } from './i18n.svelte';

export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number>;
  /** A sentence or two below the title, where the page shows one. */
  detail?: { key: MessageKey; params?: Record<string, string | number> };
}

let next: Notice | null = null;

export function leaveNotice(notice: Notice): void {
  next = notice;
}

/** The waiting message, which is then gone. */
export function takeNotice(): Notice | null {
  const notice = next;
  next = null;
  return notice;
}
