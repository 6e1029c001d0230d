import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { toApiError } from '../../api/problem';
import { TextAreaField } from '../../components/form';
import { fieldProps } from '../../components/field-props';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrorMessages } from '../../components/field-errors';
import { Loading } from '../../components/Loading';
import { useFormWithSummary } from '../../components/useFormWithSummary';
import { useFormatters } from '../../i18n/format';
import { romeClock } from './live-time';
import { MemberName } from './MemberName';
import { appendChatLines, type ChatLine } from './chat-lines';

/** The words of one chat (its own list label, placeholder text and button). */
export interface ChatTexts {
  list: string;
  none: string;
  formLabel: string;
  label: string;
  hint: string;
  send: string;
}

interface ChatPanelProps<M extends ChatLine> {
  /** Base of the element ids (unique on the page). */
  id: string;
  queryKey: QueryKey;
  fetchLines: (signal: AbortSignal) => Promise<M[]>;
  postLine: (body: string) => Promise<M>;
  maxLength: number;
  canWrite: boolean;
  texts: ChatTexts;
  /** data-testid of the list (default: `id`). */
  testId?: string;
}

/**
 * A chat: the latest lines (Markdown rendered and sanitised by the API), new ones appended live
 * (the page folds its room's events into the same cache with appendChatLines). The list is a
 * log: screen readers read what arrives. Enter sends, Shift+Enter starts a new line.
 */
export function ChatPanel<M extends ChatLine>({
  id,
  queryKey,
  fetchLines,
  postLine,
  maxLength,
  canWrite,
  texts,
  testId = id,
}: ChatPanelProps<M>) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const client = useQueryClient();
  const listRef = useRef<HTMLDivElement>(null);
  const messages = useQuery({ queryKey, queryFn: ({ signal }) => fetchLines(signal) });
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
    mutationFn: (body: string) => postLine(body),
    onSuccess: (message) => {
      appendChatLines(client, queryKey, [message]);
      form.reset({ body: '' });
    },
  });
  const fields = { body: { id: `${id}-body`, label: texts.label } };
  const error = send.isError ? toApiError(send.error) : null;
  const fieldErrors = fieldErrorMessages(error, t, fields, clientErrors);
  const submit = onSubmit(send.isPending, (values) => send.mutate(values.body.trim()));

  return (
    <>
      {messages.isPending && <Loading />}
      {messages.isError && (
        <ProblemAlert error={toApiError(messages.error)} onRetry={() => void messages.refetch()} />
      )}
      {messages.isSuccess && items.length === 0 && <p>{texts.none}</p>}
      <div
        ref={listRef}
        className="live-chat mb-3"
        role="log"
        aria-live="polite"
        aria-label={texts.list}
        tabIndex={0}
        data-testid={testId}
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
        <form onSubmit={submit} noValidate aria-label={texts.formLabel}>
          <ErrorSummary error={error} clientErrors={clientErrors} fields={fields} />
          <Controller
            control={form.control}
            name="body"
            rules={{
              validate: (value) => (value.trim() ? true : t('form.requiredField')),
              maxLength: { value: maxLength, message: t('form.maxLength', { count: maxLength }) },
            }}
            render={({ field }) => (
              <TextAreaField
                {...fieldProps(fields.body, field, fieldErrors.body)}
                rows={2}
                maxLength={maxLength}
                hint={texts.hint}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && !event.shiftKey) {
                    event.preventDefault();
                    submit(event);
                  }
                }}
              />
            )}
          />
          <button type="submit" className="btn btn-primary btn-sm" aria-disabled={send.isPending}>
            {send.isPending ? t('common.sending') : texts.send}
          </button>
        </form>
      )}
    </>
  );
}
