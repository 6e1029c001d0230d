import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import {
  LAB_APPLICATION_LIMITS,
  LAB_APPLICATION_TRANSITIONS,
  type LabApplicationDecision,
  type LabApplicationStatus,
  type LabApplicationView,
  type LabView,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { TextAreaField, TextField } from '../../components/form';
import { ListStatus } from '../../components/ListStatus';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { useFormatters } from '../../i18n/format';
import { LabSection } from './LabSection';
import { applyToLab, decideApplication, fetchLabApplications, fetchOfficials, labKeys } from './labs-api';

const STATUS_CLASS: Record<LabApplicationStatus, string> = {
  pending: 'bg-warning text-dark',
  accepted: 'bg-success',
  rejected: 'bg-danger',
};

function upsert(list: LabApplicationView[] | undefined, application: LabApplicationView) {
  if (!list) return [application];
  return list.some((a) => a.id === application.id)
    ? list.map((a) => (a.id === application.id ? application : a))
    : [application, ...list];
}

interface ApplicationValues {
  memberIds: string[];
  motivation: string;
}

/** A referent's application for the officials of their administration. */
function ApplicationForm({ lab, organizationId }: { lab: LabView; organizationId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const officials = useQuery({
    queryKey: labKeys.officials(organizationId),
    queryFn: ({ signal }) => fetchOfficials(organizationId, signal),
  });
  const { form, clientErrors, onSubmit } = useFormWithSummary<ApplicationValues>({
    defaultValues: { memberIds: [], motivation: '' },
  });
  const send = useMutation({
    mutationFn: (values: ApplicationValues) =>
      applyToLab(lab.id, {
        organizationId,
        memberIds: values.memberIds,
        ...(values.motivation.trim() ? { motivation: values.motivation.trim() } : {}),
      }),
    onSuccess: (application) => {
      client.setQueryData<LabApplicationView[]>(labKeys.applications(lab.id), (old) =>
        upsert(old, application),
      );
      form.reset({ memberIds: [], motivation: '' });
    },
  });
  const fields = {
    memberIds: { id: `application-officials-${lab.id}`, label: t('labs.applications.officials') },
    motivation: { id: `application-motivation-${lab.id}`, label: t('labs.applications.motivation') },
  };
  const error = send.isError ? toApiError(send.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const people = officials.data ?? [];

  return (
    <form onSubmit={onSubmit(send.isPending, (values) => send.mutate(values))} noValidate className="mb-4">
      <h3 className="h5">{t('labs.applications.formTitle')}</h3>
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <Controller
        control={form.control}
        name="memberIds"
        rules={{
          validate: (value) => {
            if (value.length === 0) return t('labs.applications.officialsRequired');
            if (value.length > LAB_APPLICATION_LIMITS.members)
              return t('labs.applications.officialsTooMany', { count: LAB_APPLICATION_LIMITS.members });
            return true;
          },
        }}
        render={({ field }) => (
          <fieldset
            id={fields.memberIds.id}
            tabIndex={-1}
            className="mb-3"
            aria-describedby={fieldErrors.memberIds ? `${fields.memberIds.id}-error` : undefined}
          >
            <legend className="h6">{fields.memberIds.label}</legend>
            <ListStatus query={officials} count={people.length} empty={t('labs.applications.noOfficials')} />
            {people.map((person) => {
              const id = `${fields.memberIds.id}-${person.id}`;
              return (
                <div className="form-check" key={person.id}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={field.value.includes(person.id)}
                    onChange={(event) =>
                      field.onChange(
                        event.target.checked
                          ? [...field.value, person.id]
                          : field.value.filter((memberId) => memberId !== person.id),
                      )
                    }
                  />
                  <label htmlFor={id}>
                    {person.displayName}
                    {person.jobTitle && <span className="text-muted"> · {person.jobTitle}</span>}
                  </label>
                </div>
              );
            })}
            {fieldErrors.memberIds && (
              <div id={`${fields.memberIds.id}-error`} className="invalid-feedback d-block">
                {fieldErrors.memberIds}
              </div>
            )}
          </fieldset>
        )}
      />
      <Controller
        control={form.control}
        name="motivation"
        rules={{
          maxLength: {
            value: LAB_APPLICATION_LIMITS.motivation,
            message: t('form.maxLength', { count: LAB_APPLICATION_LIMITS.motivation }),
          },
        }}
        render={({ field }) => (
          <TextAreaField
            id={fields.motivation.id}
            label={fields.motivation.label}
            maxLength={LAB_APPLICATION_LIMITS.motivation}
            value={field.value}
            onValueChange={field.onChange}
            error={fieldErrors.motivation}
          />
        )}
      />
      <div role="status">
        {send.isSuccess && <div className="alert alert-success">{t('labs.applications.sent')}</div>}
      </div>
      <button type="submit" className="btn btn-primary" aria-disabled={send.isPending}>
        {send.isPending ? t('common.sending') : t('labs.applications.submit')}
      </button>
    </form>
  );
}

/** A tutor's accept/reject, with an optional note; the buttons are the moves the contract allows. */
function DecisionControls({ application }: { application: LabApplicationView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const moves = LAB_APPLICATION_TRANSITIONS.filter((move) => move.from === application.status);
  const decide = useMutation({
    mutationFn: (decision: LabApplicationDecision) =>
      decideApplication(application.id, { decision, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (decided) => {
      client.setQueryData<LabApplicationView[]>(labKeys.applications(decided.labId), (old) =>
        upsert(old, decided),
      );
      void client.invalidateQueries({ queryKey: labKeys.participants(decided.labId) });
      void client.invalidateQueries({ queryKey: labKeys.lab(decided.labId), exact: true });
    },
  });
  if (moves.length === 0) return null;
  return (
    <div className="mt-2">
      <TextField
        id={`application-note-${application.id}`}
        label={t('labs.applications.note')}
        maxLength={LAB_APPLICATION_LIMITS.note}
        value={note}
        onValueChange={setNote}
      />
      <div className="d-flex gap-2">
        {moves.map((move) => (
          <button
            key={move.to}
            type="button"
            className={`btn btn-sm ${move.to === 'accepted' ? 'btn-primary' : 'btn-outline-danger'}`}
            aria-disabled={decide.isPending}
            onClick={() => !decide.isPending && decide.mutate(move.to as LabApplicationDecision)}
          >
            {t(`labs.applications.decisions.${move.to as LabApplicationDecision}`)}
          </button>
        ))}
      </div>
      {decide.isError && <ProblemAlert error={toApiError(decide.error)} />}
    </div>
  );
}

export function LabApplicationsSection({ lab, canDecide }: { lab: LabView; canDecide: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { member } = useAuth();
  const organizationId = member?.organization?.id ?? null;
  const canList = canDecide || organizationId !== null;
  const applications = useQuery({
    queryKey: labKeys.applications(lab.id),
    queryFn: ({ signal }) => fetchLabApplications(lab.id, signal),
    enabled: canList,
  });
  const items = applications.data ?? [];
  const isReferent = Boolean(member?.isReferent && organizationId);

  return (
    <LabSection id="candidature" title={t('labs.applications.title')}>
      <p>{t('labs.applications.intro')}</p>
      {lab.status !== 'open' && <p className="fw-semibold">{t('labs.applications.notOpen')}</p>}
      {lab.status === 'open' && isReferent && organizationId && (
        <ApplicationForm lab={lab} organizationId={organizationId} />
      )}
      {lab.status === 'open' && !isReferent && !canDecide && <p>{t('labs.applications.notReferent')}</p>}
      {canList && (
        <>
          <h3 className="h5">{canDecide ? t('labs.applications.list') : t('labs.applications.mine')}</h3>
          <ListStatus query={applications} count={items.length} empty={t('labs.applications.none')} />
          <ul className="list-unstyled" aria-live="polite">
            {items.map((application) => (
              <li key={application.id} className="card card-bg mb-3" data-application-id={application.id}>
                <div className="card-body">
                  <h4 className="h6 card-title">
                    {application.organization.name}{' '}
                    <span className={`badge ${STATUS_CLASS[application.status]}`}>
                      {t(`labs.applications.statuses.${application.status}`)}
                    </span>
                  </h4>
                  <p className="small mb-1">
                    {t('labs.applications.appliedBy', {
                      name: application.appliedBy?.displayName ?? '—',
                      date: format.date(application.createdAt),
                    })}
                  </p>
                  <p className="small mb-1">
                    <span className="fw-semibold">{t('labs.applications.officialsOf')}:</span>{' '}
                    {application.members.map((m) => m.displayName).join(', ')}
                  </p>
                  {application.motivation && (
                    <p className="small mb-1 lab-text">
                      {t('labs.applications.motivationOf', { text: application.motivation })}
                    </p>
                  )}
                  {application.decidedAt && (
                    <p className="small mb-1">
                      {t('labs.applications.decidedBy', {
                        name: application.decidedBy?.displayName ?? '—',
                        date: format.date(application.decidedAt),
                      })}
                    </p>
                  )}
                  {application.note && (
                    <p className="small mb-1 lab-text">
                      {t('labs.applications.noteOf', { text: application.note })}
                    </p>
                  )}
                  {canDecide && <DecisionControls application={application} />}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </LabSection>
  );
}
