// Needs (Hilfsgesuche), their shifts and a volunteer's sign-ups as the API sends them, and the
// calls of the public and volunteer pages: the need's page, joining and leaving a shift, "Meine
// Einsätze" with the personal calendar feed, hours and the Engagementnachweis, and the page
// behind the reminder mail's link.
import { request, withQuery } from './api';

export type NeedStatus = 'pending_review' | 'published' | 'rejected' | 'cancelled' | 'completed';
export type SignupStatus = 'confirmed' | 'waitlisted' | 'requested' | 'declined';
export type SignupMode = 'open' | 'approval';

export interface NeedLocation {
  lat: number;
  lon: number;
  address: string | null;
  placeName: string | null;
}

export interface Requirements {
  minAge: number | null;
  drivingLicence: boolean;
  conductCertificate: boolean;
}

export interface Contact {
  name: string | null;
  phone: string | null;
  email: string;
}

/** The caller's own sign-up on a shift (null without a session or without a sign-up). */
export interface MySignup {
  id: string;
  status: SignupStatus;
}

export interface Shift {
  id: string;
  start: string;
  end: string;
  capacity: number;
  /** Confirmed places. */
  taken: number;
  waitlisted: number;
  requested: number;
  placesLeft: number;
  full: boolean;
  started: boolean;
  mySignup: MySignup | null;
}

export interface Need {
  id: string;
  organization: { id: string; name: string };
  municipalityId: string;
  title: string;
  description: string;
  category: string;
  remote: boolean;
  location: NeedLocation | null;
  requirements: Requirements;
  signupMode: SignupMode;
  waitlist: boolean;
  contact: Contact;
  recurrence: { weekly: boolean; until: string | null } | null;
  status: NeedStatus;
  statusReason: string | null;
  shifts: Shift[];
  /** Places left over the shifts that have not started. */
  placesLeft: number;
  /** At least one shift to come, and all of those full. */
  covered: boolean;
  createdAt: string;
  updatedAt: string;
}

const id = encodeURIComponent;

export function getNeed(needId: string, signal?: AbortSignal): Promise<Need> {
  return request('GET', `/api/v1/needs/${id(needId)}`, { signal });
}

/** The link of the need's shifts as an iCalendar file. */
export function needCalendarUrl(needId: string): string {
  return `/api/v1/needs/${id(needId)}/calendar.ics`;
}

export interface SignupResult {
  id: string;
  shiftId: string;
  needId: string;
  status: SignupStatus;
}

export function signUp(shiftId: string, body: { birthYear?: number; message?: string }): Promise<SignupResult> {
  return request('POST', `/api/v1/shifts/${id(shiftId)}/signups`, { body });
}

export async function leaveShift(shiftId: string): Promise<void> {
  await request('DELETE', `/api/v1/shifts/${id(shiftId)}/signups/me`);
}

// The volunteer's own engagements

export type Attendance = 'attended' | 'no_show';

export interface Engagement {
  id: string;
  status: SignupStatus;
  attendance: Attendance | null;
  hours: number | null;
  shift: { id: string; start: string; end: string };
  need: {
    id: string;
    title: string;
    category: string;
    remote: boolean;
    location: NeedLocation | null;
    status: NeedStatus;
    organization: { id: string; name: string };
  };
  createdAt: string;
}

export function mySignups(when: 'upcoming' | 'past', signal?: AbortSignal): Promise<{ items: Engagement[] }> {
  return request('GET', withQuery('/api/v1/me/signups', { when }), { signal });
}

export interface CalendarFeed {
  active: boolean;
  createdAt: string | null;
}

export function calendarFeed(signal?: AbortSignal): Promise<CalendarFeed> {
  return request('GET', '/api/v1/me/calendar-feed', { signal });
}

/** A new secret feed address (the old one stops working); it can be read only now. */
export function createCalendarFeed(): Promise<{ url: string; createdAt: string }> {
  return request('POST', '/api/v1/me/calendar-feed', {});
}

export async function deleteCalendarFeed(): Promise<void> {
  await request('DELETE', '/api/v1/me/calendar-feed');
}

export interface HoursEntry {
  organization: { id: string; name: string };
  year: number;
  hours: number;
  shifts: number;
}

export function myHours(signal?: AbortSignal): Promise<{ items: HoursEntry[] }> {
  return request('GET', '/api/v1/me/hours', { signal });
}

export interface Certificate {
  person: { displayName: string };
  organization: { id: string; name: string; address: string | null; contactEmail: string };
  municipality: { id: string; name: string };
  year: number;
  hours: number;
  engagements: { date: string; needTitle: string; hours: number }[];
  issuedAt: string;
}

export function certificate(organizationId: string, year: string, signal?: AbortSignal): Promise<Certificate> {
  return request('GET', withQuery('/api/v1/me/certificate', { organizationId, year }), { signal });
}

// The reminder mail's link: works without a session, the token stands for the sign-up.

export interface SignupLink {
  signup: Engagement;
  reconfirmedAt: string | null;
}

export function signupLink(token: string, signal?: AbortSignal): Promise<SignupLink> {
  return request('GET', `/api/v1/signup-links/${id(token)}`, { signal });
}

export function confirmSignupLink(token: string): Promise<SignupLink> {
  return request('POST', `/api/v1/signup-links/${id(token)}/confirm`, {});
}

export async function cancelSignupLink(token: string): Promise<void> {
  await request('POST', `/api/v1/signup-links/${id(token)}/cancel`, {});
}
