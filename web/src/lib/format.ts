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

function berlinDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function weekdayDate(date: Date): string {
  const options: Intl.DateTimeFormatOptions =
    currentLang() === 'de'
      ? { timeZone: TIME_ZONE, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }
      : { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(localeTag(), options).format(date);
}

function clock(date: Date): string {
  return new Intl.DateTimeFormat(localeTag(), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/**
 * A shift's time in Berlin time: "Sa., 28.11.2026, 10:00–14:00 Uhr" / "Sat, 28 Nov 2026,
 * 10:00–14:00"; a shift over midnight names both days.
 */
export function formatShiftTime(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  const suffix = currentLang() === 'de' ? ' Uhr' : '';
  if (berlinDay(start) === berlinDay(end)) return `${weekdayDate(start)}, ${clock(start)}–${clock(end)}${suffix}`;
  return `${weekdayDate(start)}, ${clock(start)}${suffix} – ${weekdayDate(end)}, ${clock(end)}${suffix}`;
}

/** The Berlin calendar date of an instant as "YYYY-MM-DD" (the value of a date input). */
export function berlinDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : berlinDay(date);
}

/** The Berlin wall-clock time of an instant as "HH:MM" (the value of a time input). */
export function berlinClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/**
 * The instant of a Berlin date ("YYYY-MM-DD") and wall-clock time ("HH:MM") as RFC 3339 with
 * its offset, or null when either is malformed. The offset is found by asking Intl which
 * offset Berlin has near that moment (so daylight saving is right on both sides of a change).
 */
export function berlinToIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const c = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !c) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(c[1]), Number(c[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  let offset = berlinOffsetMinutes(new Date(wall));
  offset = berlinOffsetMinutes(new Date(wall - offset * 60_000));
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function berlinOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** Hours as people write them: "2,5 Std." / "2.5 h". */
export function formatHours(hours: number): string {
  const number = new Intl.NumberFormat(localeTag(), { maximumFractionDigits: 2 }).format(hours);
  return currentLang() === 'de' ? `${number} Std.` : `${number} h`;
}

/** A waiting time from seconds: "45 Sekunden", "3 Minuten" (rounded up to whole minutes). */
export function formatWait(seconds: number): string {
  const unit = seconds < 60 ? 'second' : 'minute';
  const value = seconds < 60 ? Math.max(1, Math.ceil(seconds)) : Math.ceil(seconds / 60);
  return new Intl.NumberFormat(localeTag(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
