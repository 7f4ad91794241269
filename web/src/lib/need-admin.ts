// The calls of the group's needs area and of the coordinators' review queue: posting and editing
// a need, its shifts, its participants (accept, decline, attendance), a message to all of them,
// and the coordinators' decision and trust. The types of a need are in needs.ts.
import { request, withQuery, type Organization, type Page } from './api';
import type { Attendance, Need, NeedStatus, SignupMode, SignupStatus } from './needs';

const id = encodeURIComponent;

export interface ShiftInput {
  start: string;
  end: string;
  capacity: number;
}

/** The body of a new need; PATCH takes every part but the shifts, each optional. */
export interface NeedInput {
  title: string;
  description: string;
  category: string;
  remote: boolean;
  location: { lat: number; lon: number; address: string | null; placeName: string | null } | null;
  requirements: { minAge: number | null; drivingLicence: boolean; conductCertificate: boolean };
  signupMode: SignupMode;
  waitlist: boolean;
  contact: { name: string | null; phone: string | null; email: string | null };
  recurrence: { weekly: true; until: string | null } | null;
  shifts: ShiftInput[];
}

export type NeedChanges = Partial<Omit<NeedInput, 'shifts'>>;

/** A page of the needs of a group or of a municipality, newest first, of one status or all. */
export function listNeeds(
  of: 'organizations' | 'municipalities',
  ownerId: string,
  query: { status?: NeedStatus | null; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<Need>> {
  return request('GET', withQuery(`/api/v1/${of}/${id(ownerId)}/needs`, { ...query, limit: 50 }), { signal });
}

export function createNeed(organizationId: string, body: NeedInput): Promise<Need> {
  return request('POST', `/api/v1/organizations/${id(organizationId)}/needs`, { body });
}

export function updateNeed(needId: string, body: NeedChanges): Promise<Need> {
  return request('PATCH', `/api/v1/needs/${id(needId)}`, { body });
}

export function cancelNeed(needId: string, reason: string): Promise<Need> {
  return request('POST', `/api/v1/needs/${id(needId)}/cancel`, { body: { reason } });
}

export function completeNeed(needId: string): Promise<Need> {
  return request('POST', `/api/v1/needs/${id(needId)}/complete`, { body: {} });
}

export function approveNeed(needId: string): Promise<Need> {
  return request('POST', `/api/v1/needs/${id(needId)}/approve`, { body: {} });
}

export function rejectNeed(needId: string, reason: string): Promise<Need> {
  return request('POST', `/api/v1/needs/${id(needId)}/reject`, { body: { reason } });
}

export function addShift(needId: string, body: ShiftInput): Promise<Need> {
  return request('POST', `/api/v1/needs/${id(needId)}/shifts`, { body });
}

export function updateShift(shiftId: string, body: Partial<ShiftInput>): Promise<Need> {
  return request('PATCH', `/api/v1/shifts/${id(shiftId)}`, { body });
}

export function deleteShift(shiftId: string): Promise<Need> {
  return request('DELETE', `/api/v1/shifts/${id(shiftId)}`);
}

export interface Participant {
  signupId: string;
  userId: string;
  displayName: string;
  email: string;
  status: SignupStatus;
  birthYear: number | null;
  message: string | null;
  attendance: Attendance | null;
  hours: number | null;
  reconfirmedAt: string | null;
  createdAt: string;
}

export interface ParticipantShift {
  id: string;
  start: string;
  end: string;
  capacity: number;
  taken: number;
  participants: Participant[];
}

export function participants(needId: string, signal?: AbortSignal): Promise<{ shifts: ParticipantShift[] }> {
  return request('GET', `/api/v1/needs/${id(needId)}/participants`, { signal });
}

export function acceptSignup(signupId: string): Promise<Participant & { shiftId: string }> {
  return request('POST', `/api/v1/signups/${id(signupId)}/accept`, { body: {} });
}

export function declineSignup(signupId: string, reason?: string): Promise<Participant & { shiftId: string }> {
  return request('POST', `/api/v1/signups/${id(signupId)}/decline`, { body: reason ? { reason } : {} });
}

export function recordAttendance(
  signupId: string,
  body: { attendance: Attendance; hours?: number },
): Promise<Participant & { shiftId: string }> {
  return request('PATCH', `/api/v1/signups/${id(signupId)}`, { body });
}

export function messageParticipants(needId: string, body: { subject: string; body: string }): Promise<{ recipients: number }> {
  return request('POST', `/api/v1/needs/${id(needId)}/messages`, { body });
}

/** An organisation as coordinators see it, with whether its needs skip the review. */
export type TrustedOrganization = Organization & { trusted?: boolean };

export function setTrusted(organizationId: string, trusted: boolean): Promise<TrustedOrganization> {
  return request('POST', `/api/v1/organizations/${id(organizationId)}/${trusted ? 'trust' : 'untrust'}`, { body: {} });
}
