import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { POST_BODY_MAX_LENGTH, type PostView } from '@convergo/contracts';
import type { ApiError } from '../../api/problem';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { MentionTextArea } from '../../components/mentions/MentionTextArea';
import { ErrorSummary } from '../../components/ProblemAlert';
import { sendPost } from './community-api';

const QUOTE_LENGTH = 240;

function excerpt(text: string | null): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH)}…` : flat;
}

interface ReplyFormProps {
  threadId: string;
  locked: boolean;
  replyTo: PostView | null;
  onCancelReply(): void;
  onTyping(): void;
  onStopTyping(): void;
  onSent(post: PostView): void;
  myId: string | null;
}

/** The reply at the foot of a thread, quoting the post it answers; tells the room who is typing. */
export function ReplyForm({
  threadId,
  locked,
  replyTo,
  onCancelReply,
  onTyping,
  onStopTyping,
  onSent,
  myId,
}: ReplyFormProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const fields: FormFields = { body: { id: 'reply-body', label: t('community.replyBody') } };
  const send = useMutation<PostView, ApiError>({
    mutationFn: () => sendPost(threadId, body, replyTo?.id ?? null),
    onSuccess: (post) => {
      setBody('');
      onStopTyping();
      onSent(post);
    },
  });
  const errors = fieldErrorMessages(send.error, t, fields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };

  return (
    <form onSubmit={submit} noValidate className="reply-form mt-4" aria-labelledby="reply-title">
      <h2 id="reply-title" className="h4">
        {t('community.reply')}
      </h2>
      {locked && (
        <div className="alert alert-warning" id="reply-locked">
          {t('community.lockedExplanation')}
        </div>
      )}
      <fieldset disabled={locked} aria-describedby={locked ? 'reply-locked' : undefined}>
        <legend className="visually-hidden">{t('community.reply')}</legend>
        <ErrorSummary error={send.error} fields={fields} />
        {replyTo && (
          <div className="post-quote mb-3">
            <p className="mb-1 fw-semibold">
              {t('community.replyingTo', {
                name: replyTo.author?.displayName ?? t('community.anonymous'),
                number: replyTo.number,
              })}
            </p>
            <blockquote className="mb-1 small">{excerpt(replyTo.body)}</blockquote>
            <button type="button" className="btn btn-link btn-sm p-0" onClick={onCancelReply}>
              {t('community.cancelReply')}
            </button>
          </div>
        )}
        <MentionTextArea
          id="reply-body"
          excludeMemberId={myId}
          label={t('community.replyBody')}
          value={body}
          onValueChange={(value) => {
            setBody(value);
            if (value) onTyping();
            else onStopTyping();
          }}
          onBlur={() => {
            if (!body) onStopTyping();
          }}
          required
          rows={5}
          maxLength={POST_BODY_MAX_LENGTH}
          hint={t('community.markdownHint')}
          error={errors.body}
        />
        <button type="submit" className="btn btn-primary" disabled={send.isPending}>
          {send.isPending ? t('common.sending') : t('community.send')}
        </button>
      </fieldset>
    </form>
  );
}
