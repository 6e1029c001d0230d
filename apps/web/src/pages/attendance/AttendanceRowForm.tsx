import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import {
  ATTENDANCE_LIMITS,
  ATTENDANCE_MODES,
  ATTENDANCE_STATUSES,
  type AttendanceMode,
  type AttendanceRow,
  type AttendanceStatus,
  type MemberRef,
  type UpdateAttendanceInput,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { SelectField, TextAreaField, TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { ErrorSummary } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { updateAttendance } from './attendance-api';

interface RowValues {
  status: AttendanceStatus;
  mode: AttendanceMode;
  minutes: string;
  note: string;
}

/**
 * The tutor's correction of one member's row (or an absentee's): status, mode, minutes, note.
 * Once the register is confirmed every change needs a note, which the change log keeps.
 */
export function AttendanceRowForm({
  sessionId,
  member,
  row,
  confirmed,
  onSaved,
  onCancel,
}: {
  sessionId: string;
  member: MemberRef;
  row: AttendanceRow | null;
  confirmed: boolean;
  onSaved(row: AttendanceRow): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const prefix = `attendance-${member.id}`;
  const { form, clientErrors, onSubmit } = useFormWithSummary<RowValues>({
    defaultValues: {
      status: row?.status ?? 'present',
      mode: row?.mode ?? 'in_presence',
      minutes: row ? String(row.minutes) : '',
      note: '',
    },
  });
  const save = useMutation({
    mutationFn: (body: UpdateAttendanceInput) => updateAttendance(sessionId, member.id, body),
    onSuccess: onSaved,
  });
  const fields = {
    status: { id: `${prefix}-status`, label: t('live.register.columns.status') },
    mode: { id: `${prefix}-mode`, label: t('live.register.columns.mode') },
    minutes: { id: `${prefix}-minutes`, label: t('live.register.columns.minutes') },
    note: { id: `${prefix}-note`, label: t('live.register.note') },
  };
  const error = save.isError ? toApiError(save.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const submit = onSubmit(save.isPending, (values) => {
    const body: UpdateAttendanceInput = { status: values.status, mode: values.mode };
    if (values.minutes.trim() !== '') body.minutes = Number(values.minutes);
    if (values.note.trim()) body.note = values.note.trim();
    save.mutate(body);
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={`${prefix}-heading`}
      className="p-3 border rounded bg-light"
    >
      <h3 id={`${prefix}-heading`} className="h6">
        {t('live.register.editFor', { name: member.displayName })}
      </h3>
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <div className="row">
        <div className="col-12 col-md-4">
          <Controller
            control={form.control}
            name="status"
            render={({ field }) => (
              <SelectField
                {...fieldProps(fields.status, field, fieldErrors.status)}
                required
                options={ATTENDANCE_STATUSES.map((s) => ({
                  value: s,
                  label: t(`live.register.statuses.${s}`),
                }))}
              />
            )}
          />
        </div>
        <div className="col-12 col-md-4">
          <Controller
            control={form.control}
            name="mode"
            render={({ field }) => (
              <SelectField
                {...fieldProps(fields.mode, field, fieldErrors.mode)}
                options={ATTENDANCE_MODES.map((m) => ({ value: m, label: t(`live.register.modes.${m}`) }))}
              />
            )}
          />
        </div>
        <div className="col-12 col-md-4">
          <Controller
            control={form.control}
            name="minutes"
            rules={{
              validate: (value) => {
                if (value.trim() === '') return true;
                const minutes = Number(value);
                return Number.isInteger(minutes) && minutes >= 0 && minutes <= ATTENDANCE_LIMITS.maxMinutes
                  ? true
                  : t('live.register.minutesInvalid', { max: ATTENDANCE_LIMITS.maxMinutes });
              },
            }}
            render={({ field }) => (
              <TextField
                {...fieldProps(fields.minutes, field, fieldErrors.minutes)}
                type="number"
                inputMode="numeric"
                min={0}
                max={ATTENDANCE_LIMITS.maxMinutes}
              />
            )}
          />
        </div>
      </div>
      <Controller
        control={form.control}
        name="note"
        rules={{
          validate: (value) => (confirmed && !value.trim() ? t('live.register.noteRequired') : true),
          maxLength: {
            value: ATTENDANCE_LIMITS.note,
            message: t('form.maxLength', { count: ATTENDANCE_LIMITS.note }),
          },
        }}
        render={({ field }) => (
          <TextAreaField
            {...fieldProps(fields.note, field, fieldErrors.note)}
            rows={2}
            required={confirmed}
            maxLength={ATTENDANCE_LIMITS.note}
            hint={confirmed ? t('live.register.noteRequired') : t('live.register.noteHint')}
          />
        )}
      />
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary btn-sm" aria-disabled={save.isPending}>
          {save.isPending ? t('common.sending') : t('live.register.save')}
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={onCancel}>
          {t('live.register.cancel')}
        </button>
      </div>
    </form>
  );
}
