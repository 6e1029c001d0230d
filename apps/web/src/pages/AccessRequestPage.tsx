import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { toApiError } from '../api/problem';
import { DisplayNameField, NewPasswordField } from '../components/account-fields';
import { TextAreaField, TextField } from '../components/form';
import { OrganizationPicker, type PickedOrganization } from '../components/OrganizationPicker';
import { ErrorSummary } from '../components/ProblemAlert';
import { fieldErrorMessages } from '../components/field-errors';
import { usePageTitle } from '../components/usePageTitle';
import { newPasswordError } from '../lib/password';
import { sendAccessRequest, type AccessRequestBody } from './members/members-api';

export function AccessRequestPage() {
  const { t } = useTranslation();
  usePageTitle(t('accessRequest.title'));

  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organization, setOrganization] = useState<PickedOrganization | null>(null);
  const [password, setPassword] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  const [motivation, setMotivation] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const doneRef = useRef<HTMLDivElement>(null);

  const send = useMutation({
    mutationFn: (body: AccessRequestBody) => sendAccessRequest(body),
  });

  useEffect(() => {
    if (send.isSuccess) doneRef.current?.focus();
  }, [send.isSuccess]);

  if (send.isSuccess) {
    return (
      <div className="row justify-content-center">
        <div className="col-12 col-lg-8">
          <h1 className="mb-3">{t('accessRequest.title')}</h1>
          <div ref={doneRef} tabIndex={-1} className="alert alert-success" role="status">
            <p className="mb-0">{t('accessRequest.sent', { email: send.data.email })}</p>
          </div>
          <Link to="/accedi">{t('accessRequest.backToLogin')}</Link>
        </div>
      </div>
    );
  }

  const fields = {
    email: { id: 'request-email', label: t('accessRequest.email') },
    displayName: { id: 'request-name', label: t('accessRequest.displayName') },
    organizationId: { id: 'request-organization', label: t('accessRequest.organization') },
    password: { id: 'request-password', label: t('accessRequest.password') },
    jobTitle: { id: 'request-job', label: t('accessRequest.jobTitle') },
    motivation: { id: 'request-motivation', label: t('accessRequest.motivation') },
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (send.isPending) return;
    const errors: Record<string, string> = {};
    if (!email.trim()) errors.email = t('form.requiredField');
    if (displayName.trim().length < 2) errors.displayName = t('form.minLength', { count: 2 });
    if (!organization) errors.organizationId = t('accessRequest.organizationRequired');
    const passwordError = newPasswordError(password, t);
    if (passwordError) errors.password = passwordError;
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || !organization) return;
    send.mutate({
      email: email.trim(),
      displayName: displayName.trim(),
      organizationId: organization.id,
      password,
      ...(jobTitle.trim() ? { jobTitle: jobTitle.trim() } : {}),
      ...(motivation.trim() ? { motivation: motivation.trim() } : {}),
    });
  };

  const error = send.isError ? toApiError(send.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-8">
        <h1 className="mb-3">{t('accessRequest.title')}</h1>
        <p className="lead mb-4">{t('accessRequest.intro')}</p>
        <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
        <form onSubmit={submit} noValidate>
          <TextField
            id={fields.email.id}
            label={fields.email.label}
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            hint={t('accessRequest.emailHint')}
            value={email}
            onValueChange={setEmail}
            error={fieldErrors.email}
          />
          <DisplayNameField
            id={fields.displayName.id}
            label={fields.displayName.label}
            value={displayName}
            onValueChange={setDisplayName}
            error={fieldErrors.displayName}
          />
          <OrganizationPicker
            id={fields.organizationId.id}
            legend={fields.organizationId.label}
            value={organization}
            onChange={setOrganization}
            required
            error={fieldErrors.organizationId}
          />
          <TextField
            id={fields.jobTitle.id}
            label={fields.jobTitle.label}
            autoComplete="organization-title"
            maxLength={120}
            value={jobTitle}
            onValueChange={setJobTitle}
            error={fieldErrors.jobTitle}
          />
          <TextAreaField
            id={fields.motivation.id}
            label={fields.motivation.label}
            maxLength={2000}
            hint={t('accessRequest.motivationHint')}
            value={motivation}
            onValueChange={setMotivation}
            error={fieldErrors.motivation}
          />
          <NewPasswordField
            id={fields.password.id}
            label={fields.password.label}
            value={password}
            onValueChange={setPassword}
            error={fieldErrors.password}
          />
          <button type="submit" className="btn btn-primary" aria-disabled={send.isPending}>
            {send.isPending ? t('common.sending') : t('accessRequest.submit')}
          </button>
        </form>
      </div>
    </div>
  );
}
