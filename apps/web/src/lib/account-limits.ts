/**
 * The API's limits on account fields (apps/api/src/modules/members/dto: create-access-request,
 * accept-invitation, create-invitation). libs/contracts does not carry them yet; until it does,
 * the account forms read them from here rather than from literals. Passwords: lib/password.ts.
 */
export const EMAIL_MAX_LENGTH = 254;
export const DISPLAY_NAME_MIN_LENGTH = 2;
export const DISPLAY_NAME_MAX_LENGTH = 120;
export const JOB_TITLE_MAX_LENGTH = 120;
export const MOTIVATION_MAX_LENGTH = 2000;
