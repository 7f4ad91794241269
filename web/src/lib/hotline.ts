// The coordinators' hotline: a call recorded as a help request, published as a need of the
// municipality's hotline organisation, staffed with one of the people who offered to help and
// followed up with dated notes. The types as the API sends them, its calls, and the intake
// form's values, checks and request body. The caller's data is only ever sent to the API.
import { request, withQuery, type Page } from './api';
import { categories, type Category } from './categories';
import { berlinClock, berlinDate, formatDate } from './format';
import type { FormState } from './form.svelte';
import { t, type MessageKey } from './i18n.svelte';
import { addDays, checkShift, shiftTimes } from './need-form';
import type { SignupStatus } from './needs';

const id = encodeURIComponent;

export type HelpRequestStatus = 'new' | 'published' | 'matched' | 'done' | 'cancelled';
export type Recurrence = 'once' | 'weekly' | 'daily';
export type CloseOutcome = 'done' | 'cancelled';

/** The list's filters: `open` is new, published and matched; `closed` done and cancelled. */
export const statusFilters = ['open', 'new', 'published', 'matched', 'done', 'cancelled', 'all'] as const;
export type StatusFilter = (typeof statusFilters)[number];

export function isStatusFilter(value: string | undefined): value is StatusFilter {
  return (statusFilters as readonly string[]).includes(value ?? '');
}

export interface Caller {
  name: string;
  phone: string;
  address: string | null;
}

export interface Point {
  lat: number;
  lon: number;
}

export interface Offer {
  userId: string;
  displayName: string;
  email: string;
  status: SignupStatus;
  message: string | null;
  offeredAt: string;
}

export interface HelpRequestNote {
  id: string;
  /** `note` for a coordinator's note, else the change it records (see noteKindText). */
  kind: string;
  text: string;
  authorName: string;
  createdAt: string;
}

/** What the list and the request page have in common (the coordinator view). */
export interface HelpRequestBase {
  id: string;
  municipalityId: string;
  status: HelpRequestStatus;
  category: string;
  area: string;
  /** Null once erased, like everything personal below. */
  summary: string | null;
  details: string | null;
  caller: Caller | null;
  location: Point | null;
  publicLocation: Point | null;
  when: { start: string; end: string } | null;
  recurrence: Recurrence;
  repeatUntil: string | null;
  needId: string | null;
  helper: { userId: string; displayName: string; email: string } | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  matchedAt: string | null;
  closedAt: string | null;
  erasedAt: string | null;
}

export interface HelpRequest extends HelpRequestBase {
  offers: Offer[];
  notes: HelpRequestNote[];
}

export interface HelpRequestListItem extends HelpRequestBase {
  offerCount: number;
  lastNoteAt: string | null;
}

/** The body of a new request; PATCH takes the same parts but `publish`, each optional. */
export interface HelpRequestInput {
  caller: { name: string; phone: string; address: string | null };
  summary: string;
  details: string | null;
  category: string;
  area: string;
  location: Point | null;
  when: { start: string; end: string } | null;
  recurrence: Recurrence;
  repeatUntil: string | null;
  publish: boolean;
}

export function createHelpRequest(municipalityId: string, body: HelpRequestInput): Promise<HelpRequest> {
  return request('POST', `/api/v1/municipalities/${id(municipalityId)}/help-requests`, { body });
}

/** A page of the municipality's requests: the open ones oldest first, closed ones newest first. */
export function listHelpRequests(
  municipalityId: string,
  query: { status: StatusFilter; cursor: string | null },
  signal?: AbortSignal,
): Promise<Page<HelpRequestListItem>> {
  return request('GET', withQuery(`/api/v1/municipalities/${id(municipalityId)}/help-requests`, { ...query, limit: 50 }), {
    signal,
  });
}

/** One request; `print` tells the audit log that the call sheet was printed. */
export function getHelpRequest(requestId: string, purpose: 'print' | null = null, signal?: AbortSignal): Promise<HelpRequest> {
  return request('GET', withQuery(`/api/v1/help-requests/${id(requestId)}`, { purpose }), { signal });
}

export function updateHelpRequest(requestId: string, body: Partial<Omit<HelpRequestInput, 'publish'>>): Promise<HelpRequest> {
  return request('PATCH', `/api/v1/help-requests/${id(requestId)}`, { body });
}

export function publishHelpRequest(requestId: string): Promise<HelpRequest> {
  return request('POST', `/api/v1/help-requests/${id(requestId)}/publish`, { body: {} });
}

export function matchHelpRequest(requestId: string, userId: string): Promise<HelpRequest> {
  return request('POST', `/api/v1/help-requests/${id(requestId)}/match`, { body: { userId } });
}

export function unmatchHelpRequest(requestId: string, reason: string | null = null): Promise<HelpRequest> {
  return request('POST', `/api/v1/help-requests/${id(requestId)}/unmatch`, { body: reason ? { reason } : {} });
}

export function closeHelpRequest(requestId: string, outcome: CloseOutcome, note: string | null): Promise<HelpRequest> {
  return request('POST', `/api/v1/help-requests/${id(requestId)}/close`, { body: note ? { outcome, note } : { outcome } });
}

/** Where the panels of a request's page report what their actions did. */
export interface HelpRequestListeners {
  /** The request changed; `message` says how. */
  onchange: (updated: HelpRequest, message: string) => void | Promise<void>;
  /** Somebody else changed the request first (409): the page reads it again. */
  onstale: () => void;
}

/**
 * An action on a request through its form (busy flag, errors in its summary): the changed
 * request goes to `onchange` with `message`, a conflict (409) to `onstale`.
 */
export async function actOnHelpRequest<F extends string>(
  form: FormState<F>,
  action: () => Promise<HelpRequest>,
  message: string,
  listeners: HelpRequestListeners,
): Promise<void> {
  const result: { updated: HelpRequest | null } = { updated: null };
  const ok = await form.submit(async () => {
    result.updated = await action();
  });
  if (ok && result.updated) await listeners.onchange(result.updated, message);
  else if (form.status === 409) listeners.onstale();
}

export function addHelpRequestNote(requestId: string, text: string): Promise<HelpRequestNote> {
  return request('POST', `/api/v1/help-requests/${id(requestId)}/notes`, { body: { text } });
}

const noteKinds = ['note', 'created', 'edited', 'published', 'matched', 'unmatched', 'done', 'cancelled'] as const;
type NoteKind = (typeof noteKinds)[number];

/** A note's kind in words ("Notiz", "Vermittelt"); one the app does not know is shown as sent. */
export function noteKindText(kind: string): string {
  if (!(noteKinds as readonly string[]).includes(kind)) return kind;
  const key: MessageKey = `hotline.noteKind.${kind as NoteKind}`;
  return t(key);
}

/** A phone number as a tel: link takes it: digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/g, '')}`;
}

export function isOpen(status: HelpRequestStatus): boolean {
  return status === 'new' || status === 'published' || status === 'matched';
}

/** The categories callers ask for most come first in the intake's select. */
const callerCategories: readonly Category[] = ['shopping', 'phone', 'transport', 'reading'];
export const intakeCategories: readonly Category[] = [
  ...callerCategories,
  ...categories.filter((c) => !callerCategories.includes(c)),
];

/** How long a request has waited, in Berlin calendar days: "seit heute", "seit 3 Tagen". */
export function ageText(createdAt: string, now: Date = new Date()): string {
  const from = berlinDate(createdAt);
  const to = berlinDate(now.toISOString());
  if (!from || !to) return '';
  const days = Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
  if (days === 0) return t('hotline.ageToday');
  if (days === 1) return t('hotline.ageYesterday');
  return t('hotline.ageDays', { count: days });
}

/** Once, every week or every day, until a date ("YYYY-MM-DD") when given. */
export function recurrenceText(recurrence: Recurrence, until: string | null): string {
  const base = t(`hotline.recurrence.${recurrence}`);
  if (recurrence === 'once' || !until) return base;
  return t('hotline.recurrenceUntil', { recurrence: base, until: formatIsoDate(until) });
}

/** "2027-01-31" as the UI writes a date (noon UTC is the same day in Berlin). */
export function formatIsoDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDate(`${date}T12:00:00Z`) : date;
}

// The intake form

export interface IntakeValues {
  name: string;
  phone: string;
  address: string;
  category: string;
  summary: string;
  details: string;
  area: string;
  /** The point of the place chosen from the suggestions, with its name; typed areas have none. */
  place: { name: string; point: Point } | null;
  date: string;
  start: string;
  end: string;
  recurrence: Recurrence;
  repeatUntil: string;
}

/** The fields in the order of the form (the error summary lists them so). */
export const intakeFields = [
  'name',
  'phone',
  'address',
  'category',
  'summary',
  'details',
  'area',
  'date',
  'start',
  'end',
  'recurrence',
  'repeatUntil',
] as const;
export type IntakeField = (typeof intakeFields)[number];

export function intakeIds(prefix: string): Record<IntakeField, string> {
  const ids = {} as Record<IntakeField, string>;
  for (const field of intakeFields) ids[field] = `${prefix}-${field}`;
  return ids;
}

/** The API's field names that differ from the form's. */
export const intakeAliases: Record<string, IntakeField> = {
  caller: 'name',
  'caller.name': 'name',
  'caller.phone': 'phone',
  'caller.address': 'address',
  location: 'area',
  'location.lat': 'area',
  'location.lon': 'area',
  when: 'date',
  'when.start': 'start',
  'when.end': 'end',
};

/** A new call: tomorrow from 10 to 12 o'clock, once, as most calls start. */
export function emptyIntake(): IntakeValues {
  return {
    name: '',
    phone: '',
    address: '',
    category: '',
    summary: '',
    details: '',
    area: '',
    place: null,
    date: addDays(berlinDate(new Date().toISOString()), 1),
    start: '10:00',
    end: '12:00',
    recurrence: 'once',
    repeatUntil: '',
  };
}

const PHONE = /^[+0-9 /()-]{3,40}$/;

/** The form of a stored request: what the coordinator recorded. */
export function intakeValues(r: HelpRequest): IntakeValues {
  return {
    name: r.caller?.name ?? '',
    phone: r.caller?.phone ?? '',
    address: r.caller?.address ?? '',
    category: r.category,
    summary: r.summary ?? '',
    details: r.details ?? '',
    area: r.area,
    place: r.location ? { name: r.area, point: r.location } : null,
    date: r.when ? berlinDate(r.when.start) : '',
    start: r.when ? berlinClock(r.when.start) : '',
    end: r.when ? berlinClock(r.when.end) : '',
    recurrence: r.recurrence,
    repeatUntil: r.repeatUntil ?? '',
  };
}

/**
 * The form's errors, keyed by field; `publish` needs the time. Without `publicFields` (a
 * request already published) only the caller is checked. The server checks all again.
 */
export function checkIntake(v: IntakeValues, publish: boolean, publicFields = true): Partial<Record<IntakeField, string>> {
  const errors: Partial<Record<IntakeField, string>> = {};
  if (!v.name.trim()) errors.name = t('hotline.errorName');
  const phone = v.phone.trim();
  if (!PHONE.test(phone) || (phone.match(/\d/g) ?? []).length < 3) errors.phone = t('hotline.errorPhone');
  if (!publicFields) return errors;
  if (!v.category) errors.category = t('hotline.errorCategory');
  if (!v.summary.trim()) errors.summary = t('hotline.errorSummary');
  if (!v.area.trim()) errors.area = t('hotline.errorArea');
  const timeGiven = !!(v.date || v.start || v.end);
  if (publish || timeGiven) {
    const shift = checkShift({ key: 0, date: v.date, start: v.start, end: v.end, capacity: '1' });
    if (shift.date) errors.date = publish && !timeGiven ? t('hotline.errorWhenPublish') : shift.date;
    if (shift.start) errors.start = shift.start;
    if (shift.end) errors.end = shift.end;
  }
  if (v.recurrence !== 'once' && v.repeatUntil && !/^\d{4}-\d{2}-\d{2}$/.test(v.repeatUntil)) {
    errors.repeatUntil = t('hotline.errorDate');
  }
  return errors;
}

/** The changes of a stored request: the caller and details, and the public parts while `new`. */
export function intakeChanges(v: IntakeValues, publicFields: boolean): Partial<Omit<HelpRequestInput, 'publish'>> {
  const all = intakeInput(v, false);
  const own = { caller: all.caller, details: all.details };
  if (!publicFields) return own;
  const { summary, category, area, location, when, recurrence, repeatUntil } = all;
  return { ...own, summary, category, area, location, when, recurrence, repeatUntil };
}

/** The request body; the chosen place's point only while the area still names that place. */
export function intakeInput(v: IntakeValues, publish: boolean): HelpRequestInput {
  const area = v.area.trim();
  const when = v.date || v.start || v.end ? shiftTimes({ key: 0, date: v.date, start: v.start, end: v.end, capacity: '1' }) : null;
  return {
    caller: { name: v.name.trim(), phone: v.phone.trim(), address: v.address.trim() || null },
    summary: v.summary.trim(),
    details: v.details.trim() || null,
    category: v.category,
    area,
    location: v.place && v.place.name === area ? v.place.point : null,
    when,
    recurrence: v.recurrence,
    repeatUntil: v.recurrence !== 'once' && v.repeatUntil ? v.repeatUntil : null,
    publish,
  };
}
