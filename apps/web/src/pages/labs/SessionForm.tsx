import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import {
  SESSION_LIMITS,
  SESSION_MODES,
  type CreateSessionInput,
  type LabModuleView,
  type LabSessionView,
  type SessionMode,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { SelectField, TextAreaField, TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { DateTimeField } from '../../components/DateTimeField';
import { ErrorSummary } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { agendaText, parseAgenda } from './agenda';
import { createSession, updateSession } from './labs-api';
import { fromRomeLocalInput, romeEndRule, romeStartRule, toRomeLocalInput } from './lab-time';
import { foldSession } from './useLabLiveUpdates';

interface SessionValues {
  title: string;
  moduleId: string;
  mode: SessionMode;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  agenda: string;
}

/**
 * A tutor's form for a new session of the lab or, with `session`, for changing one (time, place,
 * mode, agenda). Times are typed on Rome's clock whatever the browser's time zone.
 */
export function SessionForm({
  labId,
  modules,
  session,
  onDone,
}: {
  labId: string;
  modules: readonly LabModuleView[];
  session?: LabSessionView;
  onDone(session: LabSessionView): void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefix = session ? `session-edit-${session.id}` : `session-new-${labId}`;
  const initial: SessionValues = session
    ? {
        title: session.title,
        moduleId: session.moduleId ?? '',
        mode: session.mode,
        startsAt: toRomeLocalInput(session.startsAt),
        endsAt: toRomeLocalInput(session.endsAt),
        place: session.place ?? '',
        onlineUrl: session.onlineUrl ?? '',
        agenda: agendaText(session.agenda),
      }
    : {
        title: '',
        moduleId: '',
        mode: 'in_presence',
        startsAt: '',
        endsAt: '',
        place: '',
        onlineUrl: '',
        agenda: '',
      };
  const { form, clientErrors, onSubmit } = useFormWithSummary<SessionValues>({ defaultValues: initial });
  const { control, getValues, reset } = form;

  const save = useMutation({
    mutationFn: (body: CreateSessionInput) =>
      session ? updateSession(session.id, body) : createSession(labId, body),
    onSuccess: (saved) => {
      foldSession(client, saved);
      if (!session) reset(initial);
      onDone(saved);
    },
  });

  const fields = {
    title: { id: `${prefix}-title`, label: t('labs.sessionForm.title') },
    moduleId: { id: `${prefix}-module`, label: t('labs.sessionForm.module') },
    mode: { id: `${prefix}-mode`, label: t('labs.sessionForm.mode') },
    startsAt: { id: `${prefix}-starts`, label: t('labs.sessionForm.startsAt') },
    endsAt: { id: `${prefix}-ends`, label: t('labs.sessionForm.endsAt') },
    place: { id: `${prefix}-place`, label: t('labs.sessionForm.place') },
    onlineUrl: { id: `${prefix}-online`, label: t('labs.sessionForm.onlineUrl') },
    agenda: { id: `${prefix}-agenda`, label: t('labs.sessionForm.agenda') },
  };
  const max = (count: number) => ({ value: count, message: t('form.maxLength', { count }) });
  const required = (value: string) => (value.trim() ? true : t('form.requiredField'));

  const submit = onSubmit(save.isPending, (values) => {
    const startsAt = fromRomeLocalInput(values.startsAt);
    const endsAt = fromRomeLocalInput(values.endsAt);
    if (!startsAt || !endsAt) return;
    save.mutate({
      title: values.title.trim(),
      moduleId: values.moduleId || null,
      mode: values.mode,
      startsAt,
      endsAt,
      place: values.place.trim() || null,
      onlineUrl: values.onlineUrl.trim() || null,
      agenda: parseAgenda(values.agenda),
    });
  });

  const error = save.isError ? toApiError(save.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h3 className="h5" id={`${prefix}-heading`}>
        {session ? t('labs.sessionForm.editTitle') : t('labs.sessionForm.newTitle')}
      </h3>
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <Controller
        control={control}
        name="title"
        rules={{ validate: required, maxLength: max(SESSION_LIMITS.title) }}
        render={({ field }) => (
          <TextField
            {...fieldProps(fields.title, field, fieldErrors.title)}
            required
            maxLength={SESSION_LIMITS.title}
          />
        )}
      />
      <div className="row">
        <div className="col-12 col-md-6">
          <Controller
            control={control}
            name="moduleId"
            render={({ field }) => (
              <SelectField
                {...fieldProps(fields.moduleId, field, fieldErrors.moduleId)}
                emptyLabel={t('labs.sessionForm.noModule')}
                options={modules.map((m) => ({ value: m.id, label: m.title }))}
              />
            )}
          />
        </div>
        <div className="col-12 col-md-6">
          <Controller
            control={control}
            name="mode"
            render={({ field }) => (
              <SelectField
                {...fieldProps(fields.mode, field, fieldErrors.mode)}
                required
                options={SESSION_MODES.map((m) => ({ value: m, label: t(`labs.sessions.modes.${m}`) }))}
              />
            )}
          />
        </div>
        <div className="col-12 col-md-6">
          <DateTimeField
            control={control}
            name="startsAt"
            meta={fields.startsAt}
            error={fieldErrors.startsAt}
            validate={romeStartRule(t('labs.sessionForm.invalidDate'))}
          />
        </div>
        <div className="col-12 col-md-6">
          <DateTimeField
            control={control}
            name="endsAt"
            meta={fields.endsAt}
            error={fieldErrors.endsAt}
            validate={romeEndRule(
              () => getValues('startsAt'),
              {
                invalid: t('labs.sessionForm.invalidDate'),
                order: t('labs.sessionForm.endBeforeStart'),
                tooLong: t('labs.sessionForm.tooLong', { hours: SESSION_LIMITS.maxDurationHours }),
              },
              SESSION_LIMITS.maxDurationHours,
            )}
          />
        </div>
      </div>
      <Controller
        control={control}
        name="place"
        rules={{ maxLength: max(SESSION_LIMITS.place) }}
        render={({ field }) => (
          <TextField
            {...fieldProps(fields.place, field, fieldErrors.place)}
            maxLength={SESSION_LIMITS.place}
          />
        )}
      />
      <Controller
        control={control}
        name="onlineUrl"
        rules={{ maxLength: max(SESSION_LIMITS.onlineUrl) }}
        render={({ field }) => (
          <TextField
            {...fieldProps(fields.onlineUrl, field, fieldErrors.onlineUrl)}
            type="url"
            maxLength={SESSION_LIMITS.onlineUrl}
          />
        )}
      />
      <Controller
        control={control}
        name="agenda"
        rules={{
          validate: (value) => {
            const items = parseAgenda(value);
            if (items.length > SESSION_LIMITS.agendaItems)
              return t('labs.sessionForm.tooManyAgenda', { count: SESSION_LIMITS.agendaItems });
            if (items.some((item) => item.title.length > SESSION_LIMITS.agendaTitle))
              return t('labs.sessionForm.agendaItemTooLong', { count: SESSION_LIMITS.agendaTitle });
            if (
              items.some(
                (item) =>
                  item.minutes != null && (item.minutes < 1 || item.minutes > SESSION_LIMITS.agendaMinutes),
              )
            )
              return t('labs.sessionForm.agendaMinutes', { count: SESSION_LIMITS.agendaMinutes });
            return true;
          },
        }}
        render={({ field }) => (
          <TextAreaField
            {...fieldProps(fields.agenda, field, fieldErrors.agenda)}
            hint={t('labs.sessionForm.agendaHint')}
          />
        )}
      />
      <div role="status">
        {save.isSuccess && (
          <div className="alert alert-success">
            {session
              ? t('labs.sessionForm.saved')
              : t('labs.sessionForm.created', { title: save.data.title })}
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
        {save.isPending
          ? t('common.sending')
          : session
            ? t('labs.sessionForm.save')
            : t('labs.sessionForm.submit')}
      </button>
    </form>
  );
}
