// Dates, times and durations for people: always in Europe/Berlin, in the UI language.
import { currentLang } from './i18n.svelte';

const TIME_ZONE = 'Europe/Berlin';

function localeTag(): string {
  return currentLang() === 'de' ? 'de-DE' : 'en-GB';
}

/** "28.11.2026, 11:00" / "28 Nov 2026, 11:00" */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(), { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "28.11.2026" / "28 Nov 2026" */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(), { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(date);
}

/** A waiting time from seconds: "45 Sekunden", "3 Minuten" (rounded up to whole minutes). */
export function formatWait(seconds: number): string {
  const unit = seconds < 60 ? 'second' : 'minute';
  const value = seconds < 60 ? Math.max(1, Math.ceil(seconds)) : Math.ceil(seconds / 60);
  return new Intl.NumberFormat(localeTag(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
