/** Lab products (prodotti): what a module expects its working groups to produce. */

/**
 * The kinds of product of the Formez labs: quadro logico per macro-area, proposta di piano
 * strategico di apertura internazionale, proposta progettuale con budget, analisi dell'assetto
 * organizzativo, azioni di miglioramento.
 */
export const DELIVERABLE_KINDS = [
  'logical_framework',
  'internationalisation_plan',
  'project_proposal',
  'organisational_analysis',
  'improvement_actions',
] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];
