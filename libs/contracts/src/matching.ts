import type { OrganizationSummary } from './members';
import type { PracticeThemeView } from './practices';

/** Limits of an administration's declared needs (fabbisogni). */
export const ORGANIZATION_NEEDS_LIMITS = {
  themes: 20,
  description: 2000,
} as const;

/** The needs an administration declares: the themes it wants to work on and, in its words, why. */
export interface OrganizationNeedsView {
  organizationId: string;
  themes: PracticeThemeView[];
  description: string;
  /** Null while nothing was ever declared. */
  updatedAt: string | null;
  /** Whether the asker (its referent, an admin) may change them. */
  canEdit: boolean;
}

export interface UpdateOrganizationNeedsRequest {
  themes: string[];
  description?: string;
}

/** The practice of a suggestion, as much as a list shows. */
export interface SuggestedPracticeRef {
  id: string;
  title: string;
  summary: string;
  offeringOrganization: OrganizationSummary;
}

/** One suggestion: a score and the plain Italian reasons it rests on, each citing a shared attribute. */
export interface SuggestedPractice {
  practice: SuggestedPracticeRef;
  score: number;
  reasons: string[];
}

export interface SuggestedOrganization {
  organization: OrganizationSummary;
  score: number;
  reasons: string[];
}

export interface SuggestionList<T> {
  items: T[];
}
