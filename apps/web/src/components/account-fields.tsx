import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { DISPLAY_NAME_MAX_LENGTH, DISPLAY_NAME_MIN_LENGTH } from '../lib/account-limits';
import { newPasswordError, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../lib/password';
import { PasswordField, TextField, type TextFieldProps } from './form';

type AccountFieldProps = Pick<TextFieldProps, 'id' | 'label' | 'value' | 'onValueChange' | 'error'>;

/** "Nome e cognome" as every account form asks it: required, at most 120 characters, autofilled. */
export function DisplayNameField(props: AccountFieldProps) {
  return <TextField {...props} autoComplete="name" required maxLength={DISPLAY_NAME_MAX_LENGTH} />;
}

/** The react-hook-form rules of a DisplayNameField: 2 to 120 characters once trimmed. */
export function displayNameRules(t: TFunction) {
  return {
    maxLength: {
      value: DISPLAY_NAME_MAX_LENGTH,
      message: t('form.maxLength', { count: DISPLAY_NAME_MAX_LENGTH }),
    },
    validate: (value: string) =>
      value.trim().length >= DISPLAY_NAME_MIN_LENGTH ||
      t('form.minLength', { count: DISPLAY_NAME_MIN_LENGTH }),
  };
}

/** A new password with the house rule as its hint, so password managers offer a strong one. */
export function NewPasswordField(props: AccountFieldProps) {
  const { t } = useTranslation();
  return (
    <PasswordField
      {...props}
      autoComplete="new-password"
      required
      maxLength={PASSWORD_MAX_LENGTH}
      hint={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
    />
  );
}

/** The react-hook-form rules of a NewPasswordField: the API's password rule, checked early. */
export function newPasswordRules(t: TFunction) {
  return { validate: (value: string) => newPasswordError(value, t) ?? true };
}
