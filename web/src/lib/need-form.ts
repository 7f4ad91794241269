// A need as the group's form holds it (plain strings as typed), its defaults, the short words
// for its optional parts, the checks done before sending, and the request body. The server
// checks everything again; its 422 errors name fields as the API does (`location.lat`,
// `shifts.0.start`), which `needAliases` maps onto the form's fields.
import type { Municipality } from './api';
import { berlinClock, berlinDate, berlinToIso, formatDate } from './format';
import { currentLang, t } from './i18n.svelte';
import type { NeedChanges, NeedInput, ShiftInput } from './need-admin';
import type { Need, SignupMode } from './needs';

/** The most shifts one need may have (the API's limit). */
export const MAX_SHIFTS = 50;

export interface NeedValues {
  title: string;
  category: string;
  description: string;
  remote: boolean;
  address: string;
  placeName: string;
  lat: string;
  lon: string;
  minAge: string;
  drivingLicence: boolean;
  conductCertificate: boolean;
  signupMode: 'open' | 'approval';
  waitlist: boolean;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  weekly: boolean;
  until: string;
}

export interface ShiftRow {
  /** Stable key of the row while rows are added and removed. */
  key: number;
  date: string;
  start: string;
  end: string;
  capacity: string;
}

/** The fields of the need, without the shifts, in the order of the form. */
export const needFields = [
  'title',
  'category',
  'description',
  'remote',
  'address',
  'placeName',
  'lat',
  'lon',
  'minAge',
  'drivingLicence',
  'conductCertificate',
  'signupMode',
  'waitlist',
  'contactName',
  'contactPhone',
  'contactEmail',
  'weekly',
  'until',
] as const;
export type NeedField = (typeof needFields)[number];

/** The parts of a shift row that can carry an error. */
export const shiftParts = ['date', 'start', 'end', 'capacity'] as const;
export type ShiftPart = (typeof shiftParts)[number];

/** The sections of the form that start closed, with the fields each holds. */
export const optionalSections = {
  requirements: ['minAge', 'drivingLicence', 'conductCertificate'],
  signup: ['signupMode', 'waitlist'],
  contact: ['contactName', 'contactPhone', 'contactEmail'],
  recurrence: ['weekly', 'until'],
} as const satisfies Record<string, readonly NeedField[]>;
export type OptionalSection = keyof typeof optionalSections;

export function fieldId(prefix: string, field: NeedField): string {
  return `${prefix}-${field}`;
}

export function shiftFieldKey(index: number, part: ShiftPart): string {
  return `shifts.${index}.${part}`;
}

export function shiftFieldId(prefix: string, index: number, part: ShiftPart): string {
  return `${prefix}-shift-${index}-${part}`;
}

/**
 * The input id of every field, in the order of the form (the error summary lists them so).
 * With `shifts`, the shift rows come after the place, room for as many rows as a need may have.
 */
export function needFieldIds(prefix: string, shifts: boolean): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const field of needFields) {
    ids[field] = fieldId(prefix, field);
    if (field === 'lon' && shifts) {
      ids.shifts = `${prefix}-shifts`;
      for (let i = 0; i < MAX_SHIFTS; i++) {
        for (const part of shiftParts) ids[shiftFieldKey(i, part)] = shiftFieldId(prefix, i, part);
      }
    }
  }
  return ids;
}

/** The API's field names that differ from the form's. */
export function needAliases(shifts: boolean): Record<string, string> {
  const aliases: Record<string, string> = {
    location: 'lat',
    'location.lat': 'lat',
    'location.lon': 'lon',
    'location.address': 'address',
    'location.placeName': 'placeName',
    requirements: 'minAge',
    'requirements.minAge': 'minAge',
    'requirements.drivingLicence': 'drivingLicence',
    'requirements.conductCertificate': 'conductCertificate',
    contact: 'contactName',
    'contact.name': 'contactName',
    'contact.phone': 'contactPhone',
    'contact.email': 'contactEmail',
    recurrence: 'weekly',
    'recurrence.weekly': 'weekly',
    'recurrence.until': 'until',
  };
  if (shifts) {
    for (let i = 0; i < MAX_SHIFTS; i++) aliases[`shifts.${i}`] = shiftFieldKey(i, 'date');
  }
  return aliases;
}

/** The requirements in short ("ab 16 Jahren, Führerschein"), or that there are none. */
export function requirementsSummary(minAge: string | number | null, drivingLicence: boolean, conductCertificate: boolean): string {
  const parts: string[] = [];
  if (minAge !== null) parts.push(t('needForm.minAgeShort', { age: minAge }));
  if (drivingLicence) parts.push(t('needForm.drivingLicence'));
  if (conductCertificate) parts.push(t('needForm.conductCertificateShort'));
  return parts.length ? parts.join(', ') : t('needForm.none');
}

/** How people sign up, in short: open or on approval, with a waiting list or without. */
export function signupSummary(mode: SignupMode, waitlist: boolean): string {
  return `${mode === 'approval' ? t('needForm.signupApprovalShort') : t('needForm.signupOpenShort')}, ${
    waitlist ? t('needForm.waitlistOnShort') : t('needForm.waitlistOffShort')
  }`;
}

/** Once, or every week (until a date, "YYYY-MM-DD"). */
export function recurrenceSummary(weekly: boolean, until: string | null): string {
  if (!weekly) return t('needForm.onceShort');
  return until ? t('needForm.weeklyUntilShort', { until: formatDate(`${until}T12:00:00Z`) }) : t('needForm.weeklyShort');
}

/** A coordinate as the UI language writes it ("51,9065" in German). */
function coordinateText(value: number): string {
  const text = String(Math.round(value * 1e6) / 1e6);
  return currentLang() === 'de' ? text.replace('.', ',') : text;
}

/** A decimal number as typed in German or English ("51,9" or "51.9"), or NaN. */
export function parseDecimal(value: string): number {
  const text = value.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
}

/** "Stadt Gütersloh" → "Gütersloh": the place's name without the kind of municipality. */
export function placeNameOf(municipality: string): string {
  return municipality.replace(/^(Stadt|Gemeinde|Hansestadt|Kreisstadt|Marktgemeinde|Markt|Samtgemeinde)\s+/i, '').trim();
}

export function emptyNeed(municipality: Municipality | null): NeedValues {
  return {
    title: '',
    category: '',
    description: '',
    remote: false,
    address: '',
    placeName: municipality ? placeNameOf(municipality.name) : '',
    lat: municipality ? coordinateText(municipality.center.lat) : '',
    lon: municipality ? coordinateText(municipality.center.lon) : '',
    minAge: '',
    drivingLicence: false,
    conductCertificate: false,
    signupMode: 'open',
    waitlist: true,
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    weekly: false,
    until: '',
  };
}

/** The form's values of a stored need; a remote need keeps the municipality's centre ready. */
export function needValues(need: Need, municipality: Municipality | null): NeedValues {
  const base = emptyNeed(municipality);
  return {
    ...base,
    title: need.title,
    category: need.category,
    description: need.description,
    remote: need.remote,
    address: need.location?.address ?? '',
    placeName: need.location ? (need.location.placeName ?? '') : base.placeName,
    lat: need.location ? coordinateText(need.location.lat) : base.lat,
    lon: need.location ? coordinateText(need.location.lon) : base.lon,
    minAge: need.requirements.minAge === null ? '' : String(need.requirements.minAge),
    drivingLicence: need.requirements.drivingLicence,
    conductCertificate: need.requirements.conductCertificate,
    signupMode: need.signupMode,
    waitlist: need.waitlist,
    contactName: need.contact.name ?? '',
    contactPhone: need.contact.phone ?? '',
    contactEmail: need.contact.email ?? '',
    weekly: !!need.recurrence?.weekly,
    until: need.recurrence?.until ?? '',
  };
}

/** "YYYY-MM-DD" plus `days`. */
export function addDays(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** Tomorrow's date in Berlin. */
export function tomorrow(): string {
  return addDays(berlinDate(new Date().toISOString()), 1);
}

let nextKey = 1;

/** The first shift of a new need: tomorrow from 10 to 12 o'clock, one place. */
export function firstShift(): ShiftRow {
  return { key: nextKey++, date: tomorrow(), start: '10:00', end: '12:00', capacity: '1' };
}

/** A further shift: the same times and places as the last one, a day later (tomorrow at the earliest). */
export function followingShift(last: ShiftRow | undefined): ShiftRow {
  if (!last) return firstShift();
  const next = addDays(last.date, 1);
  const earliest = tomorrow();
  return { ...last, key: nextKey++, date: next < earliest ? earliest : next };
}

/** A stored shift as a row of the shift form. */
export function shiftRow(shift: { start: string; end: string; capacity: number }): ShiftRow {
  return {
    key: nextKey++,
    date: berlinDate(shift.start),
    start: berlinClock(shift.start),
    end: berlinClock(shift.end),
    capacity: String(shift.capacity),
  };
}

/** The shift's times; an end not after the start lies on the next day (a night shift). */
export function shiftTimes(row: ShiftRow): { start: string; end: string } | null {
  const start = berlinToIso(row.date, row.start);
  if (!start) return null;
  const endDate = row.end <= row.start ? addDays(row.date, 1) : row.date;
  const end = berlinToIso(endDate, row.end);
  return end ? { start, end } : null;
}

/** Errors of one shift row, keyed by its part. */
export function checkShift(row: ShiftRow): Partial<Record<ShiftPart, string>> {
  const errors: Partial<Record<ShiftPart, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) errors.date = t('needForm.errorDate');
  if (!/^\d{2}:\d{2}$/.test(row.start)) errors.start = t('needForm.errorTime');
  if (!/^\d{2}:\d{2}$/.test(row.end)) errors.end = t('needForm.errorTime');
  else if (row.end === row.start) errors.end = t('needForm.errorEndEqual');
  const capacity = row.capacity.trim();
  if (!/^\d+$/.test(capacity) || Number(capacity) < 1 || Number(capacity) > 500) errors.capacity = t('needForm.errorCapacity');
  return errors;
}

export function shiftInput(row: ShiftRow): ShiftInput {
  const times = shiftTimes(row);
  return { start: times?.start ?? '', end: times?.end ?? '', capacity: Number(row.capacity.trim()) };
}

/** Errors of the need's fields (and of the rows, when given), keyed as in needFieldIds. */
export function checkNeed(v: NeedValues, rows?: ShiftRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.title.trim().length < 3) errors.title = t('needForm.errorTitle');
  if (!v.category) errors.category = t('needForm.errorCategory');
  if (!v.description.trim()) errors.description = t('needForm.errorDescription');
  if (!v.remote) {
    const lat = parseDecimal(v.lat);
    const lon = parseDecimal(v.lon);
    if (Number.isNaN(lat) || lat < -90 || lat > 90) errors.lat = t('admin.errorLat');
    if (Number.isNaN(lon) || lon < -180 || lon > 180) errors.lon = t('admin.errorLon');
  }
  if (rows) {
    rows.forEach((row, i) => {
      for (const [part, message] of Object.entries(checkShift(row))) errors[shiftFieldKey(i, part as ShiftPart)] = message;
    });
  }
  const minAge = v.minAge.trim();
  if (minAge && (!/^\d+$/.test(minAge) || Number(minAge) < 1 || Number(minAge) > 99)) errors.minAge = t('needForm.errorMinAge');
  if (v.weekly && v.until && !/^\d{4}-\d{2}-\d{2}$/.test(v.until)) errors.until = t('needForm.errorDate');
  return errors;
}

/** The need's fields as the API takes them (PATCH takes exactly these). */
export function needChanges(v: NeedValues): Required<NeedChanges> {
  const minAge = v.minAge.trim();
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    category: v.category,
    remote: v.remote,
    location: v.remote
      ? null
      : {
          lat: parseDecimal(v.lat),
          lon: parseDecimal(v.lon),
          address: v.address.trim() || null,
          placeName: v.placeName.trim() || null,
        },
    requirements: {
      minAge: minAge ? Number(minAge) : null,
      drivingLicence: v.drivingLicence,
      conductCertificate: v.conductCertificate,
    },
    signupMode: v.signupMode,
    waitlist: v.waitlist,
    contact: {
      name: v.contactName.trim() || null,
      phone: v.contactPhone.trim() || null,
      email: v.contactEmail.trim() || null,
    },
    recurrence: v.weekly ? { weekly: true, until: v.until || null } : null,
  };
}

export function needInput(v: NeedValues, rows: ShiftRow[]): NeedInput {
  return { ...needChanges(v), shifts: rows.map(shiftInput) };
}
