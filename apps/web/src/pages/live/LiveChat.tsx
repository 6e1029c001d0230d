import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { SESSION_MESSAGE_LIMITS, type SessionMessageView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { TextAreaField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { Loading } from '../../components/Loading';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { useFormatters } from '../../i18n/format';
import { LivePanel } from './LivePanel';
import { byCreatedAt, fetchSessionMessages, liveKeys, postSessionMessage } from './live-api';
import { romeClock } from './live-time';
import { MemberName } from './MemberName';

/**
 * The room's chat: the latest messages (Markdown rendered and sanitised by the API), new ones
 * appended live (useLiveRoom folds `session.message` into the same cache). The list is a log:
 * screen readers read what arrives.
 */
export function LiveChat({ sessionId, canWrite }: { sessionId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const client = useQueryClient();
  const listRef = useRef<HTMLDivElement>(null);
  const messages = useQuery({
    queryKey: liveKeys.messages(sessionId),
    queryFn: ({ signal }) => fetchSessionMessages(sessionId, signal),
  });
  const items = messages.data ?? [];
  const last = items.at(-1)?.id;

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [last]);

  const { form, clientErrors, onSubmit } = useFormWithSummary<{ body: string }>({
    defaultValues: { body: '' },
  });
  const send = useMutation({
    mutationFn: (body: string) => postSessionMessage(sessionId, { body }),
    onSuccess: (message) => {
      client.setQueryData<SessionMessageView[]>(liveKeys.messages(sessionId), (old) =>
        old && !old.some((m) => m.id === message.id) ? [...old, message].sort(byCreatedAt) : old,
      );
      form.reset({ body: '' });
    },
  });
  const fields = { body: { id: `live-chat-${sessionId}`, label: t('live.chat.label') } };
  const error = send.isError ? toApiError(send.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const submit = onSubmit(send.isPending, (values) => send.mutate(values.body.trim()));

  return (
    <LivePanel id="live-chat" title={t('live.chat.title')}>
      {messages.isPending && <Loading />}
      {messages.isError && (
        <ProblemAlert error={toApiError(messages.error)} onRetry={() => void messages.refetch()} />
      )}
      {messages.isSuccess && items.length === 0 && <p>{t('live.chat.none')}</p>}
      <div
        ref={listRef}
        className="live-chat mb-3"
        role="log"
        aria-live="polite"
        aria-label={t('live.chat.list')}
        tabIndex={0}
        data-testid="live-chat"
      >
        <ol className="list-unstyled mb-0">
          {items.map((message) => (
            <li key={message.id} className="live-chat-message py-2 border-bottom">
              <p className="mb-1 small">
                <MemberName member={message.author} />{' '}
                <time className="text-muted" dateTime={message.createdAt}>
                  {romeClock(message.createdAt, locale)}
                </time>
              </p>
              <div className="post-body" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />
            </li>
          ))}
        </ol>
      </div>
      {canWrite && (
        <form onSubmit={submit} noValidate aria-label={t('live.chat.formLabel')}>
          <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
          <Controller
            control={form.control}
            name="body"
            rules={{
              validate: (value) => (value.trim() ? true : t('form.requiredField')),
              maxLength: {
                value: SESSION_MESSAGE_LIMITS.body,
                message: t('form.maxLength', { count: SESSION_MESSAGE_LIMITS.body }),
              },
            }}
            render={({ field }) => (
              <TextAreaField
                {...fieldProps(fields.body, field, fieldErrors.body)}
                rows={2}
                maxLength={SESSION_MESSAGE_LIMITS.body}
                hint={t('live.chat.hint')}
                onKeyDown={(event) => {
                  // Enter sends, Shift+Enter starts a new line (as in chat apps).
                  if (event.key === 'Enter' && !event.shiftKey) {
                    event.preventDefault();
                    submit(event);
                  }
                }}
              />
            )}
          />
          <button type="submit" className="btn btn-primary btn-sm" aria-disabled={send.isPending}>
            {send.isPending ? t('common.sending') : t('live.chat.send')}
          </button>
        </form>
      )}
    </LivePanel>
  );
}
