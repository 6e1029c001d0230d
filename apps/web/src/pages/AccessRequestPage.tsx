import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { toApiError } from '../api/problem';
import { TextAreaField, TextField } from '../components/form';
import { fieldProps } from '../components/field-props';
import { RequiredOrganizationField, type PickedOrganization } from '../components/OrganizationPicker';
import { ErrorSummary } from '../components/ProblemAlert';
import { fieldErrorMessages } from '../components/field-errors';
import { useFormWithSummary } from '../components/useFormWithSummary';
import { usePageTitle } from '../components/usePageTitle';
import {
  DisplayNameField,
  NewPasswordField,
  displayNameRules,
  newPasswordRules,
} from '../components/account-fields';
import { EMAIL_MAX_LENGTH, JOB_TITLE_MAX_LENGTH, MOTIVATION_MAX_LENGTH } from '../lib/account-limits';
import { sendAccessRequest, type AccessRequestBody } from './members/members-api';

interface AccessRequestValues {
  email: string;
  displayName: string;
  organization: PickedOrganization | null;
  password: string;
  jobTitle: string;
  motivation: string;
}

export function AccessRequestPage() {
  const { t } = useTranslation();
  usePageTitle(t('accessRequest.title'));

  const { form, clientErrors, onSubmit } = useFormWithSummary<AccessRequestValues>({
    defaultValues: {
      email: '',
      displayName: '',
      organization: null,
      password: '',
      jobTitle: '',
      motivation: '',
    },
    apiNames: { organization: 'organizationId' },
  });
  const { control } = form;
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

  const submit = onSubmit(send.isPending, (values) => {
    if (!values.organization) return;
    send.mutate({
      email: values.email.trim(),
      displayName: values.displayName.trim(),
      organizationId: values.organization.id,
      password: values.password,
      ...(values.jobTitle.trim() ? { jobTitle: values.jobTitle.trim() } : {}),
      ...(values.motivation.trim() ? { motivation: values.motivation.trim() } : {}),
    });
  });

  const error = send.isError ? toApiError(send.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-8">
        <h1 className="mb-3">{t('accessRequest.title')}</h1>
        <p className="lead mb-4">{t('accessRequest.intro')}</p>
        <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
        <form onSubmit={submit} noValidate>
          <Controller
            control={control}
            name="email"
            rules={{
              maxLength: {
                value: EMAIL_MAX_LENGTH,
                message: t('form.maxLength', { count: EMAIL_MAX_LENGTH }),
              },
              validate: (value) => (value.trim() ? true : t('form.requiredField')),
            }}
            render={({ field }) => (
              <TextField
                {...fieldProps(fields.email, field, fieldErrors.email)}
                type="email"
                autoComplete="email"
                required
                maxLength={EMAIL_MAX_LENGTH}
                hint={t('accessRequest.emailHint')}
              />
            )}
          />
          <Controller
            control={control}
            name="displayName"
            rules={displayNameRules(t)}
            render={({ field }) => (
              <DisplayNameField {...fieldProps(fields.displayName, field, fieldErrors.displayName)} />
            )}
          />
          <RequiredOrganizationField
            control={control}
            name="organization"
            meta={fields.organizationId}
            error={fieldErrors.organizationId}
            requiredMessage={t('accessRequest.organizationRequired')}
          />
          <Controller
            control={control}
            name="jobTitle"
            rules={{
              maxLength: {
                value: JOB_TITLE_MAX_LENGTH,
                message: t('form.maxLength', { count: JOB_TITLE_MAX_LENGTH }),
              },
            }}
            render={({ field }) => (
              <TextField
                {...fieldProps(fields.jobTitle, field, fieldErrors.jobTitle)}
                autoComplete="organization-title"
                maxLength={JOB_TITLE_MAX_LENGTH}
              />
            )}
          />
          <Controller
            control={control}
            name="motivation"
            rules={{
              maxLength: {
                value: MOTIVATION_MAX_LENGTH,
                message: t('form.maxLength', { count: MOTIVATION_MAX_LENGTH }),
              },
            }}
            render={({ field }) => (
              <TextAreaField
                {...fieldProps(fields.motivation, field, fieldErrors.motivation)}
                maxLength={MOTIVATION_MAX_LENGTH}
                hint={t('accessRequest.motivationHint')}
              />
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
          <button type="submit" className="btn btn-primary" aria-disabled={send.isPending}>
            {send.isPending ? t('common.sending') : t('accessRequest.submit')}
          </button>
        </form>
      </div>
    </div>
  );
}
