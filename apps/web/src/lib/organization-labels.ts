import type { TFunction } from 'i18next';
import { ORGANIZATION_KINDS, type OrganizationKind } from '@convergo/contracts';

export function isOrganizationKind(kind: string): kind is OrganizationKind {
  return (ORGANIZATION_KINDS as readonly string[]).includes(kind);
}

/** "comune", "città metropolitana"… in the interface language; unknown kinds as sent. */
export function kindLabel(t: TFunction, kind: string): string {
  return isOrganizationKind(kind) ? t(`organizations.kinds.${kind}`) : kind;
}

export function kindOptions(t: TFunction): { value: OrganizationKind; label: string }[] {
  return ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizations.kinds.${kind}`) }));
}
