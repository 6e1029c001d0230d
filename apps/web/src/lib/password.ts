import type { TFunction } from 'i18next';

/** The API's rule for new passwords (12–128 characters, a letter and a digit), checked early. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function newPasswordError(password: string, t: TFunction): string | undefined {
  if (!password) return t('form.requiredField');
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return t('password.length', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
  }
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return t('password.letterAndDigit');
  return undefined;
}
