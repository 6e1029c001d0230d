import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { REASON_MAX_LENGTH, type FlagQueueItem, type ModerationActionResult } from '@convergo/contracts';
import type { ApiError } from '../../api/problem';
import { TextAreaField } from '../../components/form';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { ErrorSummary } from '../../components/ProblemAlert';
import type { PostAction } from './BulkActionForm';
import { actOnPosts } from './moderation-api';

/** Hide, restore or dismiss one flagged post, with a reason (shown to the author when hiding). */
export function ItemActionForm({ item, onDone }: { item: FlagQueueItem; onDone(action: PostAction): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const reasonId = `item-reason-${item.postId}`;
  const fields: FormFields = { reason: { id: reasonId, label: t('moderation.item.reason') } };
  const run = useMutation<ModerationActionResult, ApiError, PostAction>({
    mutationFn: (action) => actOnPosts(action, [item.postId], reason.trim()),
    onSuccess: (_result, action) => onDone(action),
  });
  const errors = fieldErrorMessages(run.error, t, fields, clientErrors);
  const go = (action: PostAction) => {
    if (!reason.trim()) {
      setClientErrors({ reason: t('form.required') });
      return;
    }
    setClientErrors({});
    run.mutate(action);
  };
  const actions: PostAction[] = [
    ...(item.post.hidden ? (['restore'] as const) : item.post.deleted ? [] : (['hide'] as const)),
    ...(item.resolution ? [] : (['dismiss'] as const)),
  ];

  return (
    <form noValidate onSubmit={(event) => event.preventDefault()} aria-label={t('moderation.item.title')}>
      <ErrorSummary error={run.error} clientErrors={clientErrors} fields={fields} />
      <TextAreaField
        id={reasonId}
        label={t('moderation.item.reason')}
        value={reason}
        onValueChange={setReason}
        required
        rows={2}
        maxLength={REASON_MAX_LENGTH}
        hint={t('moderation.reasonShownToAuthor')}
        error={errors.reason}
      />
      <div className="d-flex flex-wrap gap-2 mb-3">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={`btn btn-sm ${action === 'hide' ? 'btn-danger' : 'btn-outline-primary'}`}
            disabled={run.isPending}
            onClick={() => go(action)}
          >
            {t(`moderation.item.${action}`, { number: item.post.number })}
          </button>
        ))}
      </div>
    </form>
  );
}
