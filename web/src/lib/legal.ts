// The municipalities' legal pages (Impressum, Datenschutzerklärung, Erklärung zur
// Barrierefreiheit) and "Barriere melden". The texts are plain text: shown as paragraphs,
// never as HTML.
import { getMunicipality, request, updateMunicipality, type Municipality, type MunicipalityInput } from './api';

export interface MunicipalityTexts extends Municipality {
  accessibility: string;
  /** The privacy text the server writes from its configuration, shown while `privacy` is empty. */
  privacyDefault: string;
}

export type LegalPage = 'imprint' | 'privacy' | 'accessibility';

export async function municipalityTexts(municipalityId: string, signal?: AbortSignal): Promise<MunicipalityTexts> {
  const m = (await getMunicipality(municipalityId, signal)) as Partial<MunicipalityTexts> & Municipality;
  return { ...m, imprint: m.imprint ?? '', privacy: m.privacy ?? '', accessibility: m.accessibility ?? '', privacyDefault: m.privacyDefault ?? '' };
}

/** Saves a municipality's profile together with its three texts. */
export async function updateMunicipalityTexts(
  municipalityId: string,
  body: Partial<MunicipalityInput> & { accessibility?: string },
): Promise<MunicipalityTexts> {
  const m = (await updateMunicipality(municipalityId, body)) as Partial<MunicipalityTexts> & Municipality;
  return { ...m, imprint: m.imprint ?? '', privacy: m.privacy ?? '', accessibility: m.accessibility ?? '', privacyDefault: m.privacyDefault ?? '' };
}

/** The text a page shows: the privacy page falls back to the default text. */
export function pageText(m: MunicipalityTexts, page: LegalPage): { text: string; isDefault: boolean } {
  if (page === 'privacy' && m.privacy.trim() === '') return { text: m.privacyDefault, isDefault: true };
  return { text: m[page], isDefault: false };
}

/** Paragraphs of a plain text: split on blank lines; single line breaks stay inside one. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export interface BarrierReportInput {
  page: string;
  description: string;
  email?: string;
  name?: string;
}

/** Sends a report to the municipality's coordinators (anyone may, also without an account). */
export async function reportBarrier(municipalityId: string, body: BarrierReportInput): Promise<void> {
  await request<void>('POST', `/api/v1/municipalities/${encodeURIComponent(municipalityId)}/barrier-reports`, { body });
}
