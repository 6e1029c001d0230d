import type { AbilityContributor } from '../auth/ability.factory';

export const ORGANIZATION_NEEDS_SUBJECT = 'OrganizationNeeds';
/** Demand-led matching (which administrations need this practice): the agency's work, admins only. */
export const PRACTICE_MATCHING_SUBJECT = 'PracticeMatching';

/**
 * Every member reads an administration's needs and the practices suggested for it; its referent
 * declares them. Admins do everything through the base `manage all`.
 */
export const matchingRules: AbilityContributor = (member, { can }) => {
  can('read', ORGANIZATION_NEEDS_SUBJECT);
  if (member.isReferent && member.organizationId) {
    can('update', ORGANIZATION_NEEDS_SUBJECT, { organizationId: member.organizationId });
  }
};
