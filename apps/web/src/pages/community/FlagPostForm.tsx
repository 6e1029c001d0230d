import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { REASON_MAX_LENGTH, type FlagView, type PostView } from '@convergo/contracts';
import type { ApiError } from '../../api/problem';
import { TextAreaField } from '../../components/form';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { ErrorSummary } from '../../components/ProblemAlert';
import { flagPost } from './community-api';

/** "Segnala": any reader flags someone else's post for the moderators, with a reason. */
export function FlagPostForm({ post, onClose }: { post: PostView; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const doneRef = useRef<HTMLParagraphElement>(null);
  const fieldId = `flag-reason-${post.id}`;
  const fields: FormFields = { reason: { id: fieldId, label: t('moderation.flag.reason') } };
  const send = useMutation<FlagView, ApiError>({
    mutationFn: () => flagPost(post.id, reason.trim()),
  });
  const errors = fieldErrorMessages(send.error, t, fields, clientErrors);

  useEffect(() => {
    if (send.isSuccess) doneRef.current?.focus();
  }, [send.isSuccess]);

  if (send.isSuccess) {
    return (
      <p ref={doneRef} tabIndex={-1} className="alert alert-success mb-0 mt-2 w-100" role="status">
        {t('moderation.flag.sent')}
      </p>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setClientErrors({ reason: t('form.required') });
      return;
    }
    setClientErrors({});
    send.mutate();
  };

  return (
    <form noValidate onSubmit={submit} className="w-100 mt-2 flag-form" aria-labelledby={`${fieldId}-title`}>
      <h4 id={`${fieldId}-title`} className="h6">
        {t('moderation.flag.title', { number: post.number })}
      </h4>
      <ErrorSummary error={send.error} clientErrors={clientErrors} fields={fields} />
      <TextAreaField
        id={fieldId}
        label={t('moderation.flag.reason')}
        value={reason}
        onValueChange={setReason}
        required
        rows={2}
        maxLength={REASON_MAX_LENGTH}
        hint={t('moderation.flag.hint')}
        error={errors.reason}
        autoFocus
      />
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary btn-sm" disabled={send.isPending}>
          {send.isPending ? t('common.sending') : t('moderation.flag.submit')}
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
