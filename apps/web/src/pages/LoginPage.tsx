import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { toApiError } from '../api/problem';
import { logIn } from '../auth/auth-api';
import { useAuth } from '../auth/auth-context';
import { PasswordField, TextField } from '../components/form';
import { ErrorSummary, rateLimitMessage } from '../components/ProblemAlert';
import { fieldErrorMessages } from '../components/field-errors';
import { usePageTitle } from '../components/usePageTitle';

/** Only same-app paths are followed after login, never an absolute URL. */
function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { status, signIn } = useAuth();
  const location = useLocation();
  const from = safeReturnPath((location.state as { from?: unknown } | null)?.from);
  usePageTitle(t('login.title'));

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const login = useMutation({
    mutationFn: logIn,
    onSuccess: signIn,
  });

  if (status === 'authenticated') return <Navigate to={from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (login.isPending) return;
    const errors: Record<string, string> = {};
    if (!email.trim()) errors.email = t('form.requiredField');
    if (!password) errors.password = t('form.requiredField');
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) login.mutate({ email: email.trim(), password });
  };

  const error = login.isError ? toApiError(login.error) : null;
  const fields = {
    email: { id: 'login-email', label: t('login.email') },
    password: { id: 'login-password', label: t('login.password') },
  };
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-3">{t('login.title')}</h1>
        <p className="lead mb-4">{t('login.intro')}</p>
        <ErrorSummary
          error={error}
          clientErrors={clientErrors}
          fields={fields}
          message={error?.status === 429 ? rateLimitMessage(error, t, true) : undefined}
        />
        <form onSubmit={submit} noValidate>
          <TextField
            id={fields.email.id}
            label={fields.email.label}
            type="email"
            autoComplete="username"
            required
            value={email}
            onValueChange={setEmail}
            error={fieldErrors.email}
          />
          <PasswordField
            id={fields.password.id}
            label={fields.password.label}
            autoComplete="current-password"
            required
            value={password}
            onValueChange={setPassword}
            error={fieldErrors.password}
          />
          <button type="submit" className="btn btn-primary" aria-disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="mt-4">
          {t('login.noAccount')} <Link to="/richiesta-accesso">{t('login.requestAccess')}</Link>
        </p>
      </div>
    </div>
  );
}
