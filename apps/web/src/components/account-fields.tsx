import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../lib/password';
import { PasswordField, TextField, type TextFieldProps } from './form';

type AccountFieldProps = Pick<TextFieldProps, 'id' | 'label' | 'value' | 'onValueChange' | 'error'>;

/** "Nome e cognome" as every account form asks it: required, at most 120 characters, autofilled. */
export function DisplayNameField(props: AccountFieldProps) {
  return <TextField {...props} autoComplete="name" required maxLength={120} />;
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
