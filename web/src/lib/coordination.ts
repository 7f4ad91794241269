// Which municipality the coordinators' pages show.
import type { User } from './api';
import { coordinatedMunicipalities } from './session.svelte';

/** The municipality asked for in ?kommune= if the user coordinates it, else the first one. */
export function chosenMunicipality(user: User | null, wanted: string | undefined): string | null {
  const ids = coordinatedMunicipalities(user);
  if (wanted && ids.includes(wanted)) return wanted;
  return ids[0] ?? null;
}
