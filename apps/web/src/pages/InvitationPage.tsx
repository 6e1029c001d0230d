import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { toApiError } from '../api/problem';
import { acceptInvitation, type AcceptInvitationBody } from '../auth/auth-api';
import { useAuth } from '../auth/auth-context';
import {
  DisplayNameField,
  NewPasswordField,
  displayNameRules,
  newPasswordRules,
} from '../components/account-fields';
import { PasswordField } from '../components/form';
import { fieldProps } from '../components/field-props';
import { ErrorSummary } from '../components/ProblemAlert';
import { fieldErrorMessages } from '../components/field-errors';
import { useFormWithSummary } from '../components/useFormWithSummary';
import { usePageTitle } from '../components/usePageTitle';
import { newPasswordError } from '../lib/password';

interface InvitationValues {
  displayName: string;
  password: string;
  confirm: string;
}

/** `/invito?token=…`: the link of an invitation e-mail (`acceptUrl`). */
export function InvitationPage() {
  const { t } = useTranslation();
  const { status, signIn } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  usePageTitle(t('invitation.title'));

  const { form, clientErrors, onSubmit } = useFormWithSummary<InvitationValues>({
    defaultValues: { displayName: '', password: '', confirm: '' },
  });
  const { control } = form;

  const accept = useMutation({
    mutationFn: (body: AcceptInvitationBody) => acceptInvitation(body),
    onSuccess: signIn,
  });

  if (accept.isSuccess || (status === 'authenticated' && !token)) return <Navigate to="/" replace />;

  if (!token) {
    return (
      <>
        <h1>{t('invitation.title')}</h1>
        <div className="alert alert-warning" role="alert">
          {t('invitation.missingToken')}
        </div>
        <Link to="/richiesta-accesso">{t('login.requestAccess')}</Link>
      </>
    );
  }

  const fields = {
    displayName: { id: 'invitation-name', label: t('invitation.displayName') },
    password: { id: 'invitation-password', label: t('invitation.password') },
    confirm: { id: 'invitation-confirm', label: t('invitation.confirm') },
    token: { id: 'invitation-token-error', label: t('invitation.token') },
  };

  const submit = onSubmit(accept.isPending, (values) =>
    accept.mutate({ token, password: values.password, displayName: values.displayName.trim() }),
  );

  const error = accept.isError ? toApiError(accept.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-3">{t('invitation.title')}</h1>
        <p className="lead mb-4">{t('invitation.intro')}</p>
        {status === 'authenticated' && (
          <div className="alert alert-info" role="status">
            {t('invitation.signedInWarning')}
          </div>
        )}
        <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
        <form onSubmit={submit} noValidate>
          <Controller
            control={control}
            name="displayName"
            rules={displayNameRules(t)}
            render={({ field }) => (
              <DisplayNameField {...fieldProps(fields.displayName, field, fieldErrors.displayName)} />
            )}
          />
          <Controller
            control={control}
            name="password"
            rules={newPasswordRules(t)}
            render={({ field }) => (
              <NewPasswordField {...fieldProps(fields.password, field, fieldErrors.password)} />
            )}
          />
          <Controller
            control={control}
            name="confirm"
            rules={{
              // Only once the password itself is acceptable: one message at a time.
              validate: (value, values) =>
                newPasswordError(values.password, t) !== undefined ||
                value === values.password ||
                t('password.mismatch'),
            }}
            render={({ field }) => (
              <PasswordField
                {...fieldProps(fields.confirm, field, fieldErrors.confirm)}
                autoComplete="new-password"
                required
              />
            )}
          />
          {fieldErrors.token && (
            <p id={fields.token.id} tabIndex={-1} className="text-danger">
              {fieldErrors.token}
            </p>
          )}
          <button type="submit" className="btn btn-primary" aria-disabled={accept.isPending}>
            {accept.isPending ? t('common.sending') : t('invitation.submit')}
          </button>
        </form>
      </div>
    </div>
  );
}
