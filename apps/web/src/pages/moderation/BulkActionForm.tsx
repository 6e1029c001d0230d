import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { MODERATION_MAX_ITEMS, REASON_MAX_LENGTH, type ModerationActionResult } from '@convergo/contracts';
import type { ApiError } from '../../api/problem';
import { SelectField, TextAreaField } from '../../components/form';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { ErrorSummary } from '../../components/ProblemAlert';
import { actOnPosts } from './moderation-api';

export type PostAction = 'hide' | 'restore' | 'dismiss';
const POST_ACTIONS: readonly PostAction[] = ['hide', 'restore', 'dismiss'];

/** One action with one reason on every selected post (at most 100), all or nothing. */
export function BulkActionForm({
  postIds,
  onDone,
}: {
  postIds: readonly string[];
  onDone(count: number, action: PostAction): void;
}) {
  const { t } = useTranslation();
  const [action, setAction] = useState<PostAction>('hide');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const fields: FormFields = {
    reason: { id: 'bulk-reason', label: t('moderation.bulk.reason') },
    postIds: { id: 'queue-select-all', label: t('moderation.bulk.selection') },
  };
  const run = useMutation<ModerationActionResult, ApiError>({
    mutationFn: () => actOnPosts(action, [...postIds], reason.trim()),
    onSuccess: (result) => {
      setReason('');
      onDone(result.results.length, action);
    },
  });
  const errors = fieldErrorMessages(run.error, t, fields, clientErrors);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (postIds.length === 0) found.postIds = t('moderation.bulk.noneSelected');
    else if (postIds.length > MODERATION_MAX_ITEMS)
      found.postIds = t('moderation.bulk.tooMany', { count: MODERATION_MAX_ITEMS });
    if (!reason.trim()) found.reason = t('form.required');
    setClientErrors(found);
    if (Object.keys(found).length === 0) run.mutate();
  };

  return (
    <form noValidate onSubmit={submit} className="card card-bg mb-4 p-3" aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="h5">
        {t('moderation.bulk.title')}
      </h2>
      <p className="mb-2" aria-live="polite">
        {t('moderation.bulk.selected', { count: postIds.length })}
      </p>
      <ErrorSummary error={run.error} clientErrors={clientErrors} fields={fields} />
      {errors.postIds && <p className="text-danger">{errors.postIds}</p>}
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <SelectField
            id="bulk-action"
            label={t('moderation.bulk.action')}
            value={action}
            onValueChange={(value) => setAction(POST_ACTIONS.find((a) => a === value) ?? 'hide')}
            options={POST_ACTIONS.map((a) => ({ value: a, label: t(`moderation.actions.${a}`) }))}
          />
        </div>
        <div className="col-12 col-md-8">
          <TextAreaField
            id="bulk-reason"
            label={t('moderation.bulk.reason')}
            value={reason}
            onValueChange={setReason}
            required
            rows={2}
            maxLength={REASON_MAX_LENGTH}
            hint={action === 'hide' ? t('moderation.reasonShownToAuthor') : t('moderation.reasonForLog')}
            error={errors.reason}
          />
        </div>
      </div>
      <div>
        {/* Nothing selected, nothing to act on: the button waits for a selection. */}
        <button
          type="submit"
          className="btn btn-primary"
          disabled={run.isPending || postIds.length === 0}
          aria-describedby={postIds.length === 0 ? 'bulk-none-selected' : undefined}
        >
          {run.isPending
            ? t('common.saving')
            : t('moderation.bulk.submit', {
                count: postIds.length,
                action: t(`moderation.actions.${action}`),
              })}
        </button>
        {postIds.length === 0 && (
          <p id="bulk-none-selected" className="form-text mt-2 mb-0">
            {t('moderation.bulk.selectFirst')}
          </p>
        )}
      </div>
    </form>
  );
}
