// A hotline request as its matched helper sees it: the caller's contact only on the request's
// own page (each read is audited by the server), the list in "Meine Einsätze" without it.
import { request } from './api';
import type { Caller, HelpRequestStatus, Recurrence } from './hotline';

export interface HelperRequestSummary {
  id: string;
  status: HelpRequestStatus;
  category: string;
  area: string;
  /** Null only once erased, which a matched request never is. */
  summary: string | null;
  when: { start: string; end: string } | null;
  recurrence: Recurrence;
  repeatUntil: string | null;
  needId: string | null;
  hotlinePhone: string | null;
  municipalityName: string;
}

export interface HelperRequest extends HelperRequestSummary {
  details: string | null;
  caller: Caller;
}

const id = encodeURIComponent;

/**
 * The request for its helper. A coordinator of its municipality gets the coordinator view from
 * the same address (with `offers`), which belongs on the hotline's own page.
 */
export function getHelperRequest(requestId: string, signal?: AbortSignal): Promise<HelperRequest | { offers: unknown[] }> {
  return request('GET', `/api/v1/help-requests/${id(requestId)}`, { signal });
}

export function myHelpRequests(signal?: AbortSignal): Promise<{ items: HelperRequestSummary[] }> {
  return request('GET', '/api/v1/me/help-requests', { signal });
}
