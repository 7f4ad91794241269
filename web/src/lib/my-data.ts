// "Meine Daten": everything the server holds about the signed-in person (GET /api/v1/me/export)
// and the deletion of the account (DELETE /api/v1/me, with the password once more).
import { request } from './api';
import type { Attendance, SignupStatus } from './needs';

/** Where the browser downloads the export from; the session cookie is all it needs. */
export const exportPath = '/api/v1/me/export';
/** The name of the downloaded file (the server's Content-Disposition names it alike). */
export const exportFileName = 'helferkarte-daten.json';

export interface ExportProfile {
  id: string;
  email: string;
  displayName: string;
  language: string;
  emailVerified: boolean;
  createdAt: string;
}

export interface ExportRole {
  role: string;
  municipalityId: string | null;
  municipalityName?: string | null;
  organizationId: string | null;
  organizationName?: string | null;
}

export interface ExportInvitation {
  [key: string]: unknown;
}

export interface ExportSession {
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
}

export interface ExportSignup {
  id: string;
  status: SignupStatus | string;
  needId: string | null;
  needTitle: string | null;
  organizationName: string | null;
  shiftStart: string | null;
  shiftEnd: string | null;
  birthYear: number | null;
  message: string | null;
  attendance: Attendance | null;
  minutes: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExportHours {
  organizationName: string;
  year: number;
  minutes: number;
  shifts: number;
}

export interface ExportAuditEntry {
  at: string;
  action: string;
  actorName: string;
  subjectType: string;
  subjectLabel: string;
  reason: string | null;
}

export interface ExportMail {
  createdAt: string;
  sentAt: string | null;
  subject: string;
  body: string;
  template: string;
  status: string;
}

export interface MyDataExport {
  exportedAt: string;
  profile: ExportProfile;
  roles: ExportRole[];
  invitations: ExportInvitation[];
  sessions: ExportSession[];
  signups: ExportSignup[];
  hours: ExportHours[];
  calendarFeed: { createdAt: string } | null;
  organizationsApplied: { id: string; name: string; status: string }[];
  needsCreated: { id: string; title: string; status: string }[];
  helpRequestsHelped: { id: string; status: string; category: string; area: string }[];
  auditEntries: ExportAuditEntry[];
  mails: ExportMail[];
}

export function myDataExport(signal?: AbortSignal): Promise<MyDataExport> {
  return request('GET', exportPath, { signal });
}

/**
 * Deletes the account for good. Refused with 403 `wrong-password` and 409 `last-admin` (the
 * only admin of a group); on success the server has ended every session of the person.
 */
export async function deleteAccount(password: string): Promise<void> {
  await request<void>('DELETE', '/api/v1/me', { body: { password } });
}
