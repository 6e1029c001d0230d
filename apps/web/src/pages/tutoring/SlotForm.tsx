import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import {
  TUTORING_LIMITS,
  TUTORING_MEETING_KINDS,
  WEEKDAYS,
  type CreateTutoringSlotInput,
  type TutoringMeetingKind,
  type TutoringSlotView,
  type Weekday,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { SelectField, TextAreaField, TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { DateTimeField } from '../../components/DateTimeField';
import { ErrorSummary } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { fromRomeLocalInput, romeEndRule, romeStartRule, toRomeLocalInput } from '../labs/lab-time';
import { createSeries, createSlot, tutoringKeys, updateSlot } from './tutoring-api';
import { foldSlot } from './tutoring-cache';
import { tutoringProblem } from './tutoring-problems';
import { notDates, parseDates } from './tutoring-time';

export type SlotFormMode = 'slot' | 'series' | 'edit';

interface SlotValues {
  startsAt: string;
  endsAt: string;
  durationMinutes: string;
  weekdays: Weekday[];
  intervalWeeks: string;
  endKind: 'count' | 'until';
  count: string;
  until: string;
  exceptions: string;
  labId: string;
  capacity: string;
  meeting: TutoringMeetingKind;
  onlineUrl: string;
  place: string;
  note: string;
}

function initialValues(slot: TutoringSlotView | undefined, defaultLabId: string): SlotValues {
  return {
    startsAt: slot ? toRomeLocalInput(slot.startsAt) : '',
    endsAt: slot ? toRomeLocalInput(slot.endsAt) : '',
    durationMinutes: '60',
    weekdays: [],
    intervalWeeks: '1',
    endKind: 'count',
    count: '8',
    until: '',
    exceptions: '',
    labId: slot?.lab?.id ?? defaultLabId,
    capacity: String(slot?.capacity ?? 1),
    meeting: slot?.meeting ?? 'convergo',
    onlineUrl: slot?.onlineUrl ?? '',
    place: slot?.place ?? '',
    note: slot?.note ?? '',
  };
}

const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN);

/**
 * The tutor's form for one slot, a weekly series, or (with `slot`) the changes to a slot. Times
 * are typed on Rome's clock whatever the browser's zone; a series keeps its wall-clock time across
 * daylight-saving changes (the API expands it).
 */
export function SlotForm({
  mode,
  slot,
  labs,
  allowNoLab,
  onDone,
}: {
  mode: SlotFormMode;
  slot?: TutoringSlotView;
  /** The labs the member may publish for (those they tutor; every lab for an admin). */
  labs: readonly { id: string; title: string }[];
  /** Slots open to every member: only for the tutor and admin roles (a lab's tutor publishes for the lab). */
  allowNoLab: boolean;
  onDone(message: string): void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefix = slot ? `slot-edit-${slot.id}` : `tutoring-${mode}`;
  const initial = initialValues(slot, allowNoLab ? '' : (labs[0]?.id ?? ''));
  const { form, clientErrors, onSubmit } = useFormWithSummary<SlotValues>({
    defaultValues: initial,
    apiNames: { startsAt: mode === 'series' ? 'firstStartsAt' : 'startsAt' },
  });
  const { control, getValues, watch, reset } = form;
  const meeting = watch('meeting');
  const endKind = watch('endKind');

  const save = useMutation({
    mutationFn: async (values: SlotValues): Promise<string> => {
      const startsAt = fromRomeLocalInput(values.startsAt) ?? '';
      const common = {
        capacity: whole(values.capacity),
        meeting: values.meeting,
        onlineUrl: values.meeting === 'online' ? values.onlineUrl.trim() || null : null,
        place: values.meeting === 'in_presence' ? values.place.trim() || null : null,
        note: values.note.trim() || null,
      };
      if (mode === 'edit' && slot) {
        const saved = await updateSlot(slot.id, {
          ...common,
          startsAt,
          endsAt: fromRomeLocalInput(values.endsAt) ?? '',
        });
        foldSlot(client, saved);
        return t('tutoring.form.saved');
      }
      const labId = values.labId || null;
      if (mode === 'series') {
        const made = await createSeries({
          ...common,
          labId,
          firstStartsAt: startsAt,
          durationMinutes: whole(values.durationMinutes),
          weekdays: values.weekdays.length > 0 ? values.weekdays : undefined,
          intervalWeeks: whole(values.intervalWeeks),
          ...(values.endKind === 'count' ? { count: whole(values.count) } : { until: values.until }),
          exceptions: parseDates(values.exceptions),
        });
        return t('tutoring.form.seriesCreated', { count: made.slots.length });
      }
      const body: CreateTutoringSlotInput = {
        ...common,
        labId,
        startsAt,
        endsAt: fromRomeLocalInput(values.endsAt) ?? '',
      };
      await createSlot(body);
      return t('tutoring.form.created');
    },
    onSuccess: (message) => {
      void client.invalidateQueries({ queryKey: tutoringKeys.slots });
      if (mode !== 'edit') reset(initial);
      onDone(message);
    },
  });

  const fields = {
    startsAt: {
      id: `${prefix}-starts`,
      label: mode === 'series' ? t('tutoring.form.firstStartsAt') : t('tutoring.form.startsAt'),
    },
    firstStartsAt: {
      id: `${prefix}-starts`,
      label: t('tutoring.form.firstStartsAt'),
    },
    endsAt: { id: `${prefix}-ends`, label: t('tutoring.form.endsAt') },
    durationMinutes: { id: `${prefix}-duration`, label: t('tutoring.form.duration') },
    weekdays: { id: `${prefix}-weekdays-${WEEKDAYS[0]}`, label: t('tutoring.form.weekdays') },
    intervalWeeks: { id: `${prefix}-interval`, label: t('tutoring.form.interval') },
    count: { id: `${prefix}-count`, label: t('tutoring.form.count') },
    until: { id: `${prefix}-until`, label: t('tutoring.form.until') },
    exceptions: { id: `${prefix}-exceptions`, label: t('tutoring.form.exceptions') },
    labId: { id: `${prefix}-lab`, label: t('tutoring.form.lab') },
    capacity: { id: `${prefix}-capacity`, label: t('tutoring.form.capacity') },
    meeting: { id: `${prefix}-meeting`, label: t('tutoring.form.meeting') },
    onlineUrl: { id: `${prefix}-online`, label: t('tutoring.form.onlineUrl') },
    place: { id: `${prefix}-place`, label: t('tutoring.form.place') },
    note: { id: `${prefix}-note`, label: t('tutoring.form.note') },
  };
  const max = (count: number) => ({ value: count, message: t('form.maxLength', { count }) });
  const dateTime = romeStartRule(t('tutoring.form.invalidDate'));
  const range = (min: number, maxValue: number) => (value: string) => {
    const n = whole(value);
    return n >= min && n <= maxValue ? true : t('tutoring.form.between', { min, max: maxValue });
  };

  const error = save.isError ? tutoringProblem(toApiError(save.error), t) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const submit = onSubmit(save.isPending, (values) => save.mutate(values));
  const title = { slot: 'newSlot', series: 'newSeries', edit: 'editSlot' } as const;

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h3 className="h5" id={`${prefix}-heading`}>
        {t(`tutoring.form.${title[mode]}`)}
      </h3>
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <div className="row">
        <div className="col-12 col-md-6">
          <DateTimeField
            control={control}
            name="startsAt"
            meta={fields.startsAt}
            error={fieldErrors.startsAt ?? fieldErrors.firstStartsAt}
            validate={dateTime}
            hint={t('tutoring.form.romeTime')}
          />
        </div>
        <div className="col-12 col-md-6">
          {mode === 'series' ? (
            <Controller
              control={control}
              name="durationMinutes"
              rules={{ validate: range(TUTORING_LIMITS.minMinutes, TUTORING_LIMITS.maxMinutes) }}
              render={({ field }) => (
                <TextField
                  {...fieldProps(fields.durationMinutes, field, fieldErrors.durationMinutes)}
                  type="number"
                  inputMode="numeric"
                  min={TUTORING_LIMITS.minMinutes}
                  max={TUTORING_LIMITS.maxMinutes}
                  required
                />
              )}
            />
          ) : (
            <DateTimeField
              control={control}
              name="endsAt"
              meta={fields.endsAt}
              error={fieldErrors.endsAt}
              validate={romeEndRule(() => getValues('startsAt'), {
                invalid: t('tutoring.form.invalidDate'),
                order: t('tutoring.form.endBeforeStart'),
              })}
            />
          )}
        </div>
      </div>
      {mode === 'series' && (
        <>
          <Controller
            control={control}
            name="weekdays"
            render={({ field }) => (
              <fieldset className="mb-3" aria-describedby={`${prefix}-weekdays-hint`}>
                <legend className="h6">{fields.weekdays.label}</legend>
                <div className="d-flex flex-wrap gap-3">
                  {WEEKDAYS.map((day) => (
                    <div className="form-check form-check-inline" key={day}>
                      <input
                        id={`${prefix}-weekdays-${day}`}
                        type="checkbox"
                        checked={field.value.includes(day)}
                        onChange={(event) =>
                          field.onChange(
                            event.target.checked
                              ? WEEKDAYS.filter((d) => d === day || field.value.includes(d))
                              : field.value.filter((d) => d !== day),
                          )
                        }
                      />
                      <label htmlFor={`${prefix}-weekdays-${day}`}>{t(`tutoring.weekdays.${day}`)}</label>
                    </div>
                  ))}
                </div>
                <small id={`${prefix}-weekdays-hint`} className="form-text d-block">
                  {t('tutoring.form.weekdaysHint')}
                </small>
                {fieldErrors.weekdays && (
                  <div className="invalid-feedback d-block">{fieldErrors.weekdays}</div>
                )}
              </fieldset>
            )}
          />
          <div className="row">
            <div className="col-12 col-md-4">
              <Controller
                control={control}
                name="intervalWeeks"
                rules={{ validate: range(1, TUTORING_LIMITS.seriesMaxIntervalWeeks) }}
                render={({ field }) => (
                  <TextField
                    {...fieldProps(fields.intervalWeeks, field, fieldErrors.intervalWeeks)}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={TUTORING_LIMITS.seriesMaxIntervalWeeks}
                  />
                )}
              />
            </div>
            <div className="col-12 col-md-4">
              <Controller
                control={control}
                name="endKind"
                render={({ field }) => (
                  <SelectField
                    id={`${prefix}-end-kind`}
                    label={t('tutoring.form.endKind')}
                    value={field.value}
                    onValueChange={(value) => field.onChange(value)}
                    options={[
                      { value: 'count', label: t('tutoring.form.endByCount') },
                      { value: 'until', label: t('tutoring.form.endByDate') },
                    ]}
                  />
                )}
              />
            </div>
            <div className="col-12 col-md-4">
              {endKind === 'count' ? (
                <Controller
                  control={control}
                  name="count"
                  rules={{ validate: range(1, TUTORING_LIMITS.seriesMaxOccurrences) }}
                  render={({ field }) => (
                    <TextField
                      {...fieldProps(fields.count, field, fieldErrors.count)}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={TUTORING_LIMITS.seriesMaxOccurrences}
                    />
                  )}
                />
              ) : (
                <Controller
                  control={control}
                  name="until"
                  rules={{ validate: (value) => (value ? true : t('form.requiredField')) }}
                  render={({ field }) => (
                    <TextField {...fieldProps(fields.until, field, fieldErrors.until)} type="date" />
                  )}
                />
              )}
            </div>
          </div>
          <Controller
            control={control}
            name="exceptions"
            rules={{
              validate: (value) => {
                const wrong = notDates(value);
                if (wrong.length > 0) return t('tutoring.form.notDates', { dates: wrong.join(', ') });
                return parseDates(value).length <= TUTORING_LIMITS.seriesMaxExceptions
                  ? true
                  : t('tutoring.form.tooManyExceptions', { count: TUTORING_LIMITS.seriesMaxExceptions });
              },
            }}
            render={({ field }) => (
              <TextField
                {...fieldProps(fields.exceptions, field, fieldErrors.exceptions)}
                hint={t('tutoring.form.exceptionsHint')}
              />
            )}
          />
        </>
      )}
      <div className="row">
        {mode !== 'edit' && (
          <div className="col-12 col-md-6">
            <Controller
              control={control}
              name="labId"
              render={({ field }) => (
                <SelectField
                  {...fieldProps(fields.labId, field, fieldErrors.labId)}
                  emptyLabel={allowNoLab ? t('tutoring.form.noLab') : undefined}
                  required={!allowNoLab}
                  options={labs.map((lab) => ({ value: lab.id, label: lab.title }))}
                  hint={t('tutoring.form.labHint')}
                />
              )}
            />
          </div>
        )}
        <div className="col-12 col-md-6">
          <Controller
            control={control}
            name="capacity"
            rules={{ validate: range(1, TUTORING_LIMITS.maxCapacity) }}
            render={({ field }) => (
              <TextField
                {...fieldProps(fields.capacity, field, fieldErrors.capacity)}
                type="number"
                inputMode="numeric"
                min={1}
                max={TUTORING_LIMITS.maxCapacity}
                required
              />
            )}
          />
        </div>
        <div className="col-12 col-md-6">
          <Controller
            control={control}
            name="meeting"
            render={({ field }) => (
              <SelectField
                {...fieldProps(fields.meeting, field, fieldErrors.meeting)}
                onValueChange={(value) => field.onChange(value as TutoringMeetingKind)}
                options={TUTORING_MEETING_KINDS.map((kind) => ({
                  value: kind,
                  label: t(`tutoring.meeting.${kind}`),
                }))}
                required
              />
            )}
          />
        </div>
        {meeting === 'online' && (
          <div className="col-12 col-md-6">
            <Controller
              control={control}
              name="onlineUrl"
              rules={{
                validate: (value) =>
                  /^https:\/\/\S+$/i.test(value.trim()) ? true : t('tutoring.form.httpsOnly'),
                maxLength: max(TUTORING_LIMITS.onlineUrl),
              }}
              render={({ field }) => (
                <TextField
                  {...fieldProps(fields.onlineUrl, field, fieldErrors.onlineUrl)}
                  type="url"
                  required
                  maxLength={TUTORING_LIMITS.onlineUrl}
                />
              )}
            />
          </div>
        )}
        {meeting === 'in_presence' && (
          <div className="col-12 col-md-6">
            <Controller
              control={control}
              name="place"
              rules={{
                validate: (value) => (value.trim() ? true : t('form.requiredField')),
                maxLength: max(TUTORING_LIMITS.place),
              }}
              render={({ field }) => (
                <TextField
                  {...fieldProps(fields.place, field, fieldErrors.place)}
                  required
                  maxLength={TUTORING_LIMITS.place}
                />
              )}
            />
          </div>
        )}
      </div>
      <Controller
        control={control}
        name="note"
        rules={{ maxLength: max(TUTORING_LIMITS.note) }}
        render={({ field }) => (
          <TextAreaField
            {...fieldProps(fields.note, field, fieldErrors.note)}
            rows={2}
            maxLength={TUTORING_LIMITS.note}
            hint={t('tutoring.form.noteHint')}
          />
        )}
      />
      <button type="submit" className="btn btn-primary" aria-disabled={save.isPending}>
        {save.isPending ? t('common.sending') : t(`tutoring.form.submit.${mode}`)}
      </button>
    </form>
  );
}
