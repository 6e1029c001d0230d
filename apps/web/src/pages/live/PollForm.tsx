import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { POLL_LIMITS, type PollView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { TextAreaField, TextField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { ErrorSummary } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { createPoll } from './live-api';
import { pollOptions } from './poll-options';

/** The leader's quick poll: a question and 2 to 10 options, one per line. */
export function PollForm({ sessionId, onCreated }: { sessionId: string; onCreated(poll: PollView): void }) {
  const { t } = useTranslation();
  const { form, clientErrors, onSubmit } = useFormWithSummary<{ question: string; options: string }>({
    defaultValues: { question: '', options: '' },
  });
  const create = useMutation({
    mutationFn: (values: { question: string; options: string[] }) => createPoll(sessionId, values),
    onSuccess: (poll) => {
      form.reset({ question: '', options: '' });
      onCreated(poll);
    },
  });
  const fields = {
    question: { id: 'poll-new-question', label: t('live.polls.question') },
    options: { id: 'poll-new-options', label: t('live.polls.options') },
  };
  const error = create.isError ? toApiError(create.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const submit = onSubmit(create.isPending, (values) =>
    create.mutate({ question: values.question.trim(), options: pollOptions(values.options) }),
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="poll-new-heading" className="border rounded p-3 mb-3">
      <h3 id="poll-new-heading" className="h6">
        {t('live.polls.new')}
      </h3>
      <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
      <Controller
        control={form.control}
        name="question"
        rules={{
          validate: (value) => (value.trim() ? true : t('form.requiredField')),
          maxLength: {
            value: POLL_LIMITS.question,
            message: t('form.maxLength', { count: POLL_LIMITS.question }),
          },
        }}
        render={({ field }) => (
          <TextField
            {...fieldProps(fields.question, field, fieldErrors.question)}
            required
            maxLength={POLL_LIMITS.question}
          />
        )}
      />
      <Controller
        control={form.control}
        name="options"
        rules={{
          validate: (value) => {
            const options = pollOptions(value);
            if (options.length < POLL_LIMITS.minOptions || options.length > POLL_LIMITS.maxOptions)
              return t('live.polls.optionsCount', {
                min: POLL_LIMITS.minOptions,
                max: POLL_LIMITS.maxOptions,
              });
            if (options.some((option) => option.length > POLL_LIMITS.optionLabel))
              return t('live.polls.optionTooLong', { count: POLL_LIMITS.optionLabel });
            return true;
          },
        }}
        render={({ field }) => (
          <TextAreaField
            {...fieldProps(fields.options, field, fieldErrors.options)}
            required
            rows={4}
            hint={t('live.polls.optionsHint', { min: POLL_LIMITS.minOptions, max: POLL_LIMITS.maxOptions })}
          />
        )}
      />
      <button type="submit" className="btn btn-primary btn-sm" aria-disabled={create.isPending}>
        {create.isPending ? t('common.sending') : t('live.polls.submit')}
      </button>
    </form>
  );
}
