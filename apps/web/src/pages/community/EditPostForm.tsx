import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { POST_BODY_MAX_LENGTH, type PostView } from '@convergo/contracts';
import type { ApiError } from '../../api/problem';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { TextAreaField } from '../../components/form';
import { ErrorSummary } from '../../components/ProblemAlert';
import { editPost } from './community-api';

/** Editing one's own post in place; `onDone(null)` when cancelled. */
export function EditPostForm({ post, onDone }: { post: PostView; onDone(next: PostView | null): void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState(post.body ?? '');
  const fieldId = `edit-${post.id}`;
  const fields: FormFields = {
    body: { id: fieldId, label: t('community.editLabel', { number: post.number }) },
  };
  const save = useMutation<PostView, ApiError>({
    mutationFn: () => editPost(post.id, body),
    onSuccess: (next) => onDone(next),
  });
  const errors = fieldErrorMessages(save.error, t, fields);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <ErrorSummary error={save.error} fields={fields} />
      <TextAreaField
        id={fieldId}
        label={fields.body.label}
        value={body}
        onValueChange={setBody}
        required
        rows={5}
        maxLength={POST_BODY_MAX_LENGTH}
        hint={t('community.markdownHint')}
        error={errors.body}
        autoFocus
      />
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary btn-sm" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('community.save')}
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
