// The coordinators' dashboard: figures of one municipality and its weeks.
import { request, withQuery } from './api';
import { currentLang } from './i18n.svelte';

export interface DashboardWeek {
  /** The Monday the Berlin week starts on, "YYYY-MM-DD". */
  start: string;
  needs: number;
  signups: number;
  confirmedHours: number;
}

export interface Dashboard {
  helpRequests: { new: number; published: number; matched: number; oldestOpenAt: string | null };
  /** Published needs with a shift to come, by how full those shifts are. */
  needs: { open: number; partial: number; covered: number };
  approvals: { organizations: number; needs: number };
  /** Oldest first, the current week last. */
  weeks: DashboardWeek[];
}

export function getDashboard(municipalityId: string, weeks?: number, signal?: AbortSignal): Promise<Dashboard> {
  return request('GET', withQuery(`/api/v1/municipalities/${encodeURIComponent(municipalityId)}/dashboard`, { weeks }), { signal });
}

/** A week's Monday ("YYYY-MM-DD") under its bar: "7.9." / "7 Sep". */
export function weekLabel(start: string): string {
  const date = new Date(`${start}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return start;
  const options: Intl.DateTimeFormatOptions =
    currentLang() === 'de' ? { timeZone: 'UTC', day: 'numeric', month: 'numeric' } : { timeZone: 'UTC', day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(currentLang() === 'de' ? 'de-DE' : 'en-GB', options).format(date);
}
