import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import {
  DELIVERABLE_KINDS,
  DELIVERABLE_LIMITS,
  type CreateDeliverableInput,
  type DeliverableKind,
  type DeliverableView,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { SelectField, TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { ErrorSummary } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { fromRomeLocalInput } from './lab-time';
import { createDeliverable, fetchLabGroups, fetchLabModules, labKeys } from './labs-api';

interface DeliverableValues {
  groupId: string;
  kind: DeliverableKind | '';
  title: string;
  moduleId: string;
  dueOn: string;
}

const EMPTY: DeliverableValues = { groupId: '', kind: '', title: '', moduleId: '', dueOn: '' };

/** A tutor assigns a product to a working group; the group gets its shared document at once. */
export function DeliverableForm({ labId, onDone }: { labId: string; onDone(d: DeliverableView): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefix = `deliverable-new-${labId}`;
  const groups = useQuery({
    queryKey: labKeys.groups(labId),
    queryFn: ({ signal }) => fetchLabGroups(labId, signal),
  });
  const modules = useQuery({
    queryKey: labKeys.modules(labId),
    queryFn: ({ signal }) => fetchLabModules(labId, signal),
  });
  const { form, clientErrors, onSubmit } = useFormWithSummary<DeliverableValues>({ defaultValues: EMPTY });
  const { control, reset } = form;

  const save = useMutation({
    mutationFn: (body: CreateDeliverableInput) => createDeliverable(labId, body),
    onSuccess: async (created) => {
      reset(EMPTY);
      await client.invalidateQueries({ queryKey: labKeys.deliverables(labId) });
      onDone(created);
    },
  });

  const fields = {
    groupId: { id: `${prefix}-group`, label: t('labs.deliverableForm.group') },
    kind: { id: `${prefix}-kind`, label: t('labs.deliverableForm.kind') },
    title: { id: `${prefix}-title`, label: t('labs.deliverableForm.title') },
    moduleId: { id: `${prefix}-module`, label: t('labs.deliverableForm.module') },
    dueAt: { id: `${prefix}-due`, label: t('labs.deliverableForm.dueOn') },
  };
  const required = (value: string) => (value.trim() ? true : t('form.requiredField'));

  const submit = onSubmit(save.isPending, (values) => {
    // A due date is the end of that working day on Rome's clock.
    const dueAt = values.dueOn ? fromRomeLocalInput(`${values.dueOn}T18:00`) : undefined;
    save.mutate({
      groupId: values.groupId,
      kind: values.kind as DeliverableKind,
      title: values.title.trim(),
      ...(values.moduleId ? { moduleId: values.moduleId } : {}),
      ...(dueAt ? { dueAt } : {}),
    });
  });

  const error = save.isError ? toApiError(save.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h3 className="h5" id={`${prefix}-heading`}>
        {t('labs.deliverableForm.newTitle')}
      </h3>
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <div className="row">
        <div className="col-12 col-md-6">
          <Controller
            control={control}
            name="groupId"
            rules={{ validate: required }}
            render={({ field }) => (
              <SelectField
                {...fieldProps(fields.groupId, field, fieldErrors.groupId)}
                required
                emptyLabel={t('labs.deliverableForm.chooseGroup')}
                options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
              />
            )}
          />
        </div>
        <div className="col-12 col-md-6">
          <Controller
            control={control}
            name="kind"
            rules={{ validate: required }}
            render={({ field }) => (
              <SelectField
                {...fieldProps(fields.kind, field, fieldErrors.kind)}
                required
                emptyLabel={t('labs.deliverableForm.chooseKind')}
                options={DELIVERABLE_KINDS.map((k) => ({
                  value: k,
                  label: t(`labs.deliverables.kinds.${k}`),
                }))}
              />
            )}
          />
        </div>
      </div>
      <Controller
        control={control}
        name="title"
        rules={{
          validate: required,
          maxLength: {
            value: DELIVERABLE_LIMITS.title,
            message: t('form.maxLength', { count: DELIVERABLE_LIMITS.title }),
          },
        }}
        render={({ field }) => (
          <TextField
            {...fieldProps(fields.title, field, fieldErrors.title)}
            required
            maxLength={DELIVERABLE_LIMITS.title}
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
                options={(modules.data ?? []).map((m) => ({ value: m.id, label: m.title }))}
              />
            )}
          />
        </div>
        <div className="col-12 col-md-6">
          <Controller
            control={control}
            name="dueOn"
            render={({ field }) => (
              <TextField {...fieldProps(fields.dueAt, field, fieldErrors.dueAt)} type="date" />
            )}
          />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t('labs.deliverableForm.submit')}
      </button>
    </form>
  );
}
