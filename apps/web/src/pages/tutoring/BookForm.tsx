import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { TUTORING_LIMITS, type TutoringBookingView, type TutoringSlotView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { TextAreaField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { ErrorSummary } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { useAuth } from '../../auth/auth-context';
import { bookSlot } from './tutoring-api';
import { foldBooking } from './tutoring-cache';
import { tutoringProblem } from './tutoring-problems';

/** "Prenota": the topic the official wants to discuss (read only by the tutor), then the booking. */
export function BookForm({
  slot,
  onBooked,
  onCancel,
}: {
  slot: TutoringSlotView;
  onBooked(booking: TutoringBookingView): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const client = useQueryClient();
  const { form, clientErrors, onSubmit } = useFormWithSummary<{ topic: string }>({
    defaultValues: { topic: '' },
  });
  const book = useMutation({
    mutationFn: (topic: string) => bookSlot(slot.id, { topic: topic || null }),
    onSuccess: (booking) => {
      if (member) foldBooking(client, booking, member.id);
      onBooked(booking);
    },
  });
  const fields = { topic: { id: `book-${slot.id}-topic`, label: t('tutoring.book.topic') } };
  const error = book.isError ? tutoringProblem(toApiError(book.error), t) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  return (
    <form
      onSubmit={onSubmit(book.isPending, (values) => book.mutate(values.topic.trim()))}
      noValidate
      aria-label={t('tutoring.book.formLabel')}
      className="mt-3"
    >
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <Controller
        control={form.control}
        name="topic"
        rules={{
          maxLength: {
            value: TUTORING_LIMITS.topic,
            message: t('form.maxLength', { count: TUTORING_LIMITS.topic }),
          },
        }}
        render={({ field }) => (
          <TextAreaField
            {...fieldProps(fields.topic, field, fieldErrors.topic)}
            rows={3}
            maxLength={TUTORING_LIMITS.topic}
            hint={t('tutoring.book.topicHint')}
            autoFocus
          />
        )}
      />
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary btn-sm" aria-disabled={book.isPending}>
          {book.isPending ? t('common.sending') : t('tutoring.book.confirm')}
        </button>
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
