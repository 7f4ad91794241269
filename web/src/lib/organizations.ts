// Words for organisation kinds, used by the forms and lists.
import type { OrganizationKind } from './api';
import { t, type MessageKey } from './i18n.svelte';

export const organizationKinds: readonly OrganizationKind[] = ['verein', 'hilfsorganisation', 'initiative', 'einrichtung'];

export function kindLabel(kind: string): string {
  return organizationKinds.includes(kind as OrganizationKind) ? t(`kind.${kind}` as MessageKey) : kind;
}

export function kindOptions(): { value: string; label: string }[] {
  return organizationKinds.map((k) => ({ value: k, label: kindLabel(k) }));
}
