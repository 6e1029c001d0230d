import type { AbilityContributor } from '../auth/ability.factory';

export const TWINNING_SUBJECT = 'Twinning';

/**
 * Every member reads the twinnings catalogue, as the POAT SI "Buone Pratiche e Gemellaggi"
 * database was open to the community; admins create and manage twinnings (base rules).
 */
export const twinningRules: AbilityContributor = (_member, { can }) => {
  can('read', TWINNING_SUBJECT);
};
