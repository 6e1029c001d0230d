import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { toApiError } from '../api/problem';
import { acceptInvitation, type AcceptInvitationBody } from '../auth/auth-api';
import { useAuth } from '../auth/auth-context';
import { DisplayNameField, NewPasswordField } from '../components/account-fields';
import { PasswordField } from '../components/form';
import { ErrorSummary } from '../components/ProblemAlert';
import { fieldErrorMessages } from '../components/field-errors';
import { usePageTitle } from '../components/usePageTitle';
import { newPasswordError } from '../lib/password';

/** `/invito?token=…`: the link of an invitation e-mail (`acceptUrl`). */
export function InvitationPage() {
  const { t } = useTranslation();
  const { status, signIn } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  usePageTitle(t('invitation.title'));

  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (accept.isPending) return;
    const errors: Record<string, string> = {};
    if (displayName.trim().length < 2) errors.displayName = t('form.minLength', { count: 2 });
    const passwordError = newPasswordError(password, t);
    if (passwordError) errors.password = passwordError;
    else if (confirm !== password) errors.confirm = t('password.mismatch');
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) accept.mutate({ token, password, displayName: displayName.trim() });
  };

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
          <DisplayNameField
            id={fields.displayName.id}
            label={fields.displayName.label}
            value={displayName}
            onValueChange={setDisplayName}
            error={fieldErrors.displayName}
          />
          <NewPasswordField
            id={fields.password.id}
            label={fields.password.label}
            value={password}
            onValueChange={setPassword}
            error={fieldErrors.password}
          />
          <PasswordField
            id={fields.confirm.id}
            label={fields.confirm.label}
            autoComplete="new-password"
            required
            value={confirm}
            onValueChange={setConfirm}
            error={fieldErrors.confirm}
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
