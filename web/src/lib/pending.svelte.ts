// How many applications wait in the coordinators' queue, for the count in their navigation.
// Shared, so that a decision on one organisation's page updates the navigation at once.
import { countPendingOrganizations } from './api';

export const pending = $state<{ municipalityId: string | null; count: number | null; more: boolean }>({
  municipalityId: null,
  count: null,
  more: false,
});

// Answers can arrive out of order (the detail page learns its municipality late); only the
// last request counts.
let latest = 0;

/** Reloads the count for the municipality; on failure the navigation shows no count. */
export async function refreshPending(municipalityId: string): Promise<void> {
  const mine = ++latest;
  if (pending.municipalityId !== municipalityId) {
    pending.municipalityId = municipalityId;
    pending.count = null;
    pending.more = false;
  }
  try {
    const { count, more } = await countPendingOrganizations(municipalityId);
    if (mine !== latest) return;
    pending.count = count;
    pending.more = more;
  } catch {
    if (mine !== latest) return;
    pending.count = null;
    pending.more = false;
  }
}
