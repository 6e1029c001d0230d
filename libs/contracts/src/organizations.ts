export const ORGANIZATION_KINDS = [
  'regione',
  'provincia',
  'citta_metropolitana',
  'comune',
  'amministrazione_centrale',
  'universita',
  'ente_pubblico',
  'agenzia',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** The regions of the Convergence objective (EU cohesion policy 2007-2013). */
export const CONVERGENCE_REGIONS = ['Calabria', 'Campania', 'Puglia', 'Sicilia'] as const;

export interface OrganizationView {
  id: string;
  name: string;
  kind: OrganizationKind;
  region: string | null;
  provinceCode: string | null;
  provinceName: string | null;
  istatCode: string | null;
  ipaCode: string | null;
  convergence: boolean;
  website: string | null;
}
