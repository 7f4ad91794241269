// Words for organisation kinds, what the group's pages say while they load the group, and the
// fields of an organisation's profile as the forms hold them (application, direct creation by a
// coordinator, the organisation's own area).
import type { Organization, OrganizationInput, OrganizationKind } from './api';
import { t, type MessageKey } from './i18n.svelte';

export const organizationKinds: readonly OrganizationKind[] = ['verein', 'hilfsorganisation', 'initiative', 'einrichtung'];

export function kindLabel(kind: string): string {
  return organizationKinds.includes(kind as OrganizationKind) ? t(`kind.${kind}` as MessageKey) : kind;
}

export function kindOptions(): { value: string; label: string }[] {
  return organizationKinds.map((k) => ({ value: k, label: kindLabel(k) }));
}

/** The texts of LoadStatus on a page of the group's own area, which loads the group first. */
export function organizationLoadTexts() {
  return {
    loadingText: t('orgAdmin.loading'),
    errorTitle: t('orgAdmin.loadError'),
    missingTitle: t('orgAdmin.missingTitle'),
    missingText: t('orgAdmin.missing'),
  };
}

/** The profile fields, named as the API names them (so that 422 errors land on them). */
export type OrganizationField = 'name' | 'kind' | 'description' | 'contactEmail' | 'website' | 'address';

/** The profile as typed: plain strings, empty for "not given". */
export interface OrganizationValues {
  name: string;
  kind: string;
  description: string;
  contactEmail: string;
  website: string;
  address: string;
}

export function emptyOrganization(): OrganizationValues {
  return { name: '', kind: '', description: '', contactEmail: '', website: '', address: '' };
}

export function organizationValues(o: Organization): OrganizationValues {
  return {
    name: o.name,
    kind: o.kind,
    description: o.description,
    contactEmail: o.contactEmail,
    website: o.website ?? '',
    address: o.address ?? '',
  };
}

/** The input ids of the fields in a form whose ids start with `prefix`, in the form's order. */
export function organizationFieldIds(prefix: string): Record<OrganizationField, string> {
  return {
    name: `${prefix}-name`,
    kind: `${prefix}-kind`,
    description: `${prefix}-description`,
    contactEmail: `${prefix}-email`,
    website: `${prefix}-website`,
    address: `${prefix}-address`,
  };
}

/**
 * The messages of the fields that are missing; the server checks the rest. `voice` as in
 * OrganizationFields: whether the organisation is the user's own.
 */
export function checkOrganization(
  v: OrganizationValues,
  voice: 'own' | 'other' = 'own',
): Partial<Record<OrganizationField, string>> {
  const errors: Partial<Record<OrganizationField, string>> = {};
  if (!v.name.trim()) errors.name = t('apply.errorName');
  if (!v.kind) errors.kind = t('apply.errorKind');
  if (!v.description.trim()) errors.description = voice === 'own' ? t('apply.errorDescription') : t('apply.errorDescriptionOther');
  if (!v.contactEmail.trim()) errors.contactEmail = t('apply.errorEmail');
  return errors;
}

/** The request body's profile part: trimmed, empty optional fields as null. */
export function organizationInput(v: OrganizationValues): OrganizationInput {
  return {
    name: v.name.trim(),
    kind: v.kind as OrganizationKind,
    description: v.description.trim(),
    contactEmail: v.contactEmail.trim(),
    website: v.website.trim() || null,
    address: v.address.trim() || null,
  };
}
