import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Editor } from '@tiptap/react';
import { DOCUMENT_COMMENT_LIMITS, type DocumentCommentView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { anchorForRange, rangeForAnchor } from '../../documents/comment-anchor';
import {
  createComment,
  documentKeys,
  fetchAllComments,
  setCommentResolved,
  useMemberName,
  type NewComment,
} from './documents-api';
import { useFormatters } from '../../i18n/format';

const QUOTE_CHARS = 80;

function quote(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > QUOTE_CHARS ? `${clean.slice(0, QUOTE_CHARS - 1)}…` : clean;
}

/** Comments anchored to the text: add on the selection, reply, resolve/reopen; live through the room. */
export function CommentsPanel({ docId, editor }: { docId: string; editor: Editor | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [showResolved, setShowResolved] = useState(false);
  const fieldId = useId();

  const comments = useQuery({
    queryKey: documentKeys.comments(docId),
    queryFn: ({ signal }) => fetchAllComments(docId, signal),
  });
  const create = useMutation({
    mutationFn: (input: NewComment) => createComment(docId, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: documentKeys.comments(docId) }),
  });

  const selection = editor?.state.selection;
  const selectedText =
    editor && selection && !selection.empty
      ? editor.state.doc.textBetween(selection.from, selection.to, ' ')
      : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editor || !selection || create.isPending) return;
    const anchor = anchorForRange(editor.state, selection.from, selection.to);
    if (!anchor || !body.trim()) return;
    create.mutate({ body: body.trim(), anchor }, { onSuccess: () => setBody('') });
  };

  const all = comments.data ?? [];
  const threads = all.filter((c) => c.parentId === null && (showResolved || !c.resolved));
  const replies = (id: string) => all.filter((c) => c.parentId === id);

  return (
    <div className="document-comments">
      <form onSubmit={submit} className="mb-3" noValidate>
        <ErrorSummary error={create.error ? toApiError(create.error) : null} />
        <label htmlFor={fieldId} className="form-label fw-semibold">
          {t('documents.comments.new')}
        </label>
        <p className="small mb-1" id={`${fieldId}-hint`}>
          {selectedText
            ? t('documents.comments.selected', { text: quote(selectedText) })
            : t('documents.comments.selectFirst')}
        </p>
        <textarea
          id={fieldId}
          className="form-control"
          rows={3}
          value={body}
          maxLength={DOCUMENT_COMMENT_LIMITS.body}
          onChange={(event) => setBody(event.target.value)}
          aria-describedby={`${fieldId}-hint`}
        />
        <button
          type="submit"
          className="btn btn-primary btn-sm mt-2"
          disabled={!selectedText || !body.trim()}
          aria-disabled={create.isPending || undefined}
        >
          {create.isPending ? t('common.sending') : t('documents.comments.submit')}
        </button>
      </form>

      <div className="form-check mb-2">
        <input
          id={`${fieldId}-resolved`}
          type="checkbox"
          checked={showResolved}
          onChange={(event) => setShowResolved(event.target.checked)}
        />
        <label htmlFor={`${fieldId}-resolved`}>{t('documents.comments.showResolved')}</label>
      </div>

      {comments.isPending && <Loading />}
      {comments.isError && (
        <ProblemAlert error={toApiError(comments.error)} onRetry={() => void comments.refetch()} />
      )}
      {comments.isSuccess && threads.length === 0 && <p>{t('documents.comments.empty')}</p>}
      {threads.length > 0 && (
        <ul className="list-unstyled" aria-label={t('documents.comments.list')}>
          {threads.map((comment) => (
            <li key={comment.id} className="mb-3">
              <CommentThread docId={docId} comment={comment} replies={replies(comment.id)} editor={editor} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CommentThread({
  docId,
  comment,
  replies,
  editor,
}: {
  docId: string;
  comment: DocumentCommentView;
  replies: DocumentCommentView[];
  editor: Editor | null;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState('');
  const replyId = useId();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: documentKeys.comments(docId) });

  const toggle = useMutation({
    mutationFn: () => setCommentResolved(docId, comment.id, !comment.resolved),
    onSuccess: refresh,
  });
  const answer = useMutation({
    mutationFn: (text: string) => createComment(docId, { body: text, parentId: comment.id }),
    onSuccess: () => {
      setReply('');
      setReplying(false);
      refresh();
    },
  });

  const range = editor && comment.anchor ? rangeForAnchor(editor.state, comment.anchor) : null;
  const anchoredText = editor && range ? editor.state.doc.textBetween(range.from, range.to, ' ') : '';

  const showInText = () => {
    if (!editor || !range) return;
    editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  };

  const error = toggle.error ?? answer.error;
  return (
    <article
      className={`document-comment card card-bg p-3${comment.resolved ? ' document-comment--resolved' : ''}`}
      data-comment-id={comment.id}
    >
      {comment.anchor && (
        <p className="small mb-1 text-muted">
          {anchoredText
            ? t('documents.comments.quoted', { text: quote(anchoredText) })
            : t('documents.comments.anchorGone')}
        </p>
      )}
      <CommentBody comment={comment} />
      {comment.resolved && <span className="badge bg-success mb-2">{t('documents.comments.resolved')}</span>}
      {replies.length > 0 && (
        <ul className="list-unstyled ms-3 border-start ps-2">
          {replies.map((r) => (
            <li key={r.id} className="mt-2" data-comment-id={r.id}>
              <CommentBody comment={r} />
            </li>
          ))}
        </ul>
      )}
      {error && <ProblemAlert error={toApiError(error)} />}
      <div className="d-flex flex-wrap gap-2 mt-2">
        {range && (
          <button type="button" className="btn btn-outline-primary btn-xs btn-sm" onClick={showInText}>
            {t('documents.comments.showInText')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          aria-expanded={replying}
          onClick={() => setReplying((open) => !open)}
        >
          {t('documents.comments.reply')}
        </button>
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          aria-disabled={toggle.isPending || undefined}
          onClick={() => !toggle.isPending && toggle.mutate()}
        >
          {comment.resolved ? t('documents.comments.reopen') : t('documents.comments.resolve')}
        </button>
      </div>
      {replying && (
        <form
          className="mt-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (reply.trim() && !answer.isPending) answer.mutate(reply.trim());
          }}
        >
          <label htmlFor={replyId} className="form-label small mb-0">
            {t('documents.comments.replyLabel')}
          </label>
          <textarea
            id={replyId}
            className="form-control"
            rows={2}
            value={reply}
            maxLength={DOCUMENT_COMMENT_LIMITS.body}
            onChange={(event) => setReply(event.target.value)}
            autoFocus
          />
          <button type="submit" className="btn btn-primary btn-sm mt-2" disabled={!reply.trim()}>
            {t('documents.comments.sendReply')}
          </button>
        </form>
      )}
    </article>
  );
}

function CommentBody({ comment }: { comment: DocumentCommentView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = useMemberName(comment.authorId) ?? t('documents.comments.someone');
  return (
    <>
      <p className="small fw-semibold mb-1">
        {t('documents.comments.by', { name, when: format.dateTime(comment.createdAt) })}
      </p>
      <p className="mb-1 document-comment-body">{comment.body}</p>
    </>
  );
}
