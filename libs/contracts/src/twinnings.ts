/** Twinnings (Gemellaggi): an offering administration hands a practice to receiving ones. */
import type { OrganizationSummary } from './members';

export const TWINNING_STATUSES = ['candidatura', 'selezionato', 'in_corso', 'concluso'] as const;
export type TwinningStatus = (typeof TWINNING_STATUSES)[number];

export const TWINNING_TITLE_MAX_LENGTH = 200;
export const TWINNING_PRACTICE_DESCRIPTION_MAX_LENGTH = 5000;
export const TWINNING_MAX_RECEIVING = 20;

export interface TwinningView {
  id: string;
  title: string;
  practiceTitle: string;
  practiceDescription: string;
  /** The administration that offers the practice (offerente). */
  offeringOrganization: OrganizationSummary;
  /** The administrations that receive it (riceventi), by name. */
  receivingOrganizations: OrganizationSummary[];
  status: TwinningStatus;
  createdAt: string;
  /** Whether the asker's administration is the offering or a receiving one. */
  isParty: boolean;
}

/** `POST /api/v1/twinnings` (admins). */
export interface CreateTwinningInput {
  title: string;
  practiceTitle: string;
  practiceDescription?: string;
  offeringOrganizationId: string;
  receivingOrganizationIds: string[];
  status?: TwinningStatus;
}
