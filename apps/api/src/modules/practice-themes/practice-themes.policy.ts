import type { AbilityContributor } from '../auth/ability.factory';

export const PRACTICE_THEME_SUBJECT = 'PracticeTheme';

/**
 * The themes of the practices are reference data: everyone reads them (the open data refers to
 * them too); admins add and rename them through the base `manage all`.
 */
export const practiceThemeRules: AbilityContributor = (_member, { can }) => {
  can('read', PRACTICE_THEME_SUBJECT);
};
