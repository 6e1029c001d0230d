import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { MEMBER_ROLES, type MemberRole, type OrganizationSummary } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { SelectField, TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { RequiredOrganizationField, type PickedOrganization } from '../../components/OrganizationPicker';
import { ErrorSummary } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { useFormatters } from '../../i18n/format';
import { EMAIL_MAX_LENGTH } from '../../lib/account-limits';
import { inviteMember, memberKeys, type InvitationBody } from '../members/members-api';

interface InviteValues {
  email: string;
  organization: PickedOrganization | null;
  role: MemberRole;
}

function isMemberRole(value: string): value is MemberRole {
  return (MEMBER_ROLES as readonly string[]).includes(value);
}

/**
 * The invitation form of `/amministrazione`. Admins choose the administration and the role; a
 * referent invites officials of their own administration (`organization`), which is all the API
 * lets a referent do, so those two fields are not shown. The accept link is shown once sent.
 */
export function InvitationForm({
  idPrefix,
  organization,
}: {
  /** Prefix of the fields' ids, unique on the page. */
  idPrefix: string;
  organization?: OrganizationSummary;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const { form, clientErrors, onSubmit } = useFormWithSummary<InviteValues>({
    defaultValues: { email: '', organization: organization ?? null, role: 'member' },
    apiNames: { organization: 'organizationId' },
  });
  const { control, reset } = form;
  const [copied, setCopied] = useState(false);

  const invite = useMutation({
    mutationFn: (body: InvitationBody) => inviteMember(body),
    onSuccess: () => {
      reset();
      setCopied(false);
      void queryClient.invalidateQueries({ queryKey: memberKeys.pendingInvitations });
    },
  });

  const fields = {
    email: { id: `${idPrefix}-email`, label: t('admin.inviteEmail') },
    organizationId: { id: `${idPrefix}-organization`, label: t('admin.inviteOrganization') },
    role: { id: `${idPrefix}-role`, label: t('admin.inviteRole') },
  };

  const submit = onSubmit(invite.isPending, (values) => {
    if (!values.organization) return;
    invite.mutate({ email: values.email.trim(), organizationId: values.organization.id, role: values.role });
  });

  const error = invite.isError ? toApiError(invite.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const created = invite.isSuccess ? invite.data : null;

  return (
    <>
      {created && (
        <div className="alert alert-success" role="status">
          <p className="mb-2">
            {t('admin.invited', { email: created.email, date: format.dateTime(created.expiresAt) })}
          </p>
          {created.acceptUrl && (
            <>
              <label htmlFor={`${idPrefix}-invite-url`} className="fw-semibold d-block">
                {t('admin.acceptUrl')}
              </label>
              <div className="d-flex gap-2">
                <input
                  id={`${idPrefix}-invite-url`}
                  className="form-control"
                  readOnly
                  value={created.acceptUrl}
                  onFocus={(e) => e.target.select()}
                />
                <button
                  type="button"
                  className="btn btn-outline-primary btn-sm"
                  onClick={() => {
                    void navigator.clipboard?.writeText(created.acceptUrl ?? '').then(() => setCopied(true));
                  }}
                >
                  {copied ? t('admin.copied') : t('admin.copy')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <form onSubmit={submit} noValidate>
        <Controller
          control={control}
          name="email"
          rules={{
            maxLength: { value: EMAIL_MAX_LENGTH, message: t('form.maxLength', { count: EMAIL_MAX_LENGTH }) },
            validate: (value) => (value.trim() ? true : t('form.requiredField')),
          }}
          render={({ field }) => (
            <TextField
              {...fieldProps(fields.email, field, fieldErrors.email)}
              type="email"
              autoComplete="off"
              required
              maxLength={EMAIL_MAX_LENGTH}
            />
          )}
        />
        {!organization && (
          <>
            <RequiredOrganizationField
              control={control}
              name="organization"
              meta={fields.organizationId}
              error={fieldErrors.organizationId}
              requiredMessage={t('accessRequest.organizationRequired')}
            />
            <Controller
              control={control}
              name="role"
              render={({ field }) => (
                <SelectField
                  id={fields.role.id}
                  label={fields.role.label}
                  value={field.value}
                  required
                  onValueChange={(value) => field.onChange(isMemberRole(value) ? value : 'member')}
                  options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  error={fieldErrors.role}
                />
              )}
            />
          </>
        )}
        <button type="submit" className="btn btn-primary" aria-disabled={invite.isPending}>
          {invite.isPending ? t('common.sending') : t('admin.inviteSubmit')}
        </button>
      </form>
    </>
  );
}
