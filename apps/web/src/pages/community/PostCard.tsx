import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { REACTION_EMOJIS, type PostView, type ReactionEmoji, type ReactionsView } from '@convergo/contracts';
import type { ApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormatters } from '../../i18n/format';
import { reactToPost } from './community-api';
import { EditPostForm } from './EditPostForm';
import { FlagPostForm } from './FlagPostForm';

interface PostCardProps {
  post: PostView;
  index: number;
  mine: boolean;
  locked: boolean;
  observe(el: HTMLElement | null): void;
  onReply(): void;
  onChanged(post: PostView): void;
  onReactions(view: ReactionsView): void;
}

/** One post of a thread: author, quote, body (or why it is gone), reactions, reply/flag/edit. */
export function PostCard({
  post,
  index,
  mine,
  locked,
  observe,
  onReply,
  onChanged,
  onReactions,
}: PostCardProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [editing, setEditing] = useState(false);
  const [flagging, setFlagging] = useState(false);
  const author = post.author?.displayName ?? t('community.anonymous');
  const headingId = `post-${post.number}-title`;
  const available = !post.deleted && !post.hidden;

  const react = useMutation<ReactionsView, ApiError, ReactionEmoji>({
    mutationFn: (emoji) => reactToPost(post.id, emoji),
    onSuccess: onReactions,
  });

  return (
    <article
      id={`post-${post.number}`}
      className="post-card"
      tabIndex={-1}
      data-result-index={index}
      data-post-id={post.id}
      data-post-number={post.number}
      aria-labelledby={headingId}
      ref={observe}
    >
      <header className="d-flex flex-wrap gap-2 align-items-baseline mb-2">
        <h3 id={headingId} className="h6 mb-0">
          {author}
          <span className="visually-hidden"> · {t('community.postNumber', { number: post.number })}</span>
        </h3>
        {post.author?.organizationName && (
          <span className="small text-muted">{post.author.organizationName}</span>
        )}
        <span className="small text-muted ms-auto">
          <time dateTime={post.createdAt}>{format.dateTime(post.createdAt)}</time>
          {post.editedAt && ` · ${t('community.edited')}`} · #{post.number}
        </span>
      </header>
      {post.replyTo && (
        <blockquote className="post-quote small">
          <p className="mb-1 fw-semibold">
            {t('community.replyingTo', {
              name: post.replyTo.author?.displayName ?? t('community.anonymous'),
              number: post.replyTo.number,
            })}
          </p>
          <p className="mb-0">{post.replyTo.excerpt ?? t('community.quoteUnavailable')}</p>
        </blockquote>
      )}
      {post.deleted ? (
        <p className="fst-italic">{t('community.deleted')}</p>
      ) : post.hidden && !post.bodyHtml ? (
        <>
          <p className="fst-italic">{t('community.hidden')}</p>
          {post.hidden.reason && (
            <p className="small hidden-reason">
              {t('community.hiddenReason', { reason: post.hidden.reason })}
            </p>
          )}
        </>
      ) : editing ? (
        <EditPostForm
          post={post}
          onDone={(next) => {
            setEditing(false);
            if (next) onChanged(next);
          }}
        />
      ) : (
        <>
          {post.hidden && (
            <div className="alert alert-warning py-2 small">
              <p className="fst-italic mb-0">{t('community.hidden')}</p>
              {post.hidden.reason && (
                <p className="mb-0 hidden-reason">
                  {mine
                    ? t('community.hiddenReasonMine', { reason: post.hidden.reason })
                    : t('community.hiddenReason', { reason: post.hidden.reason })}
                </p>
              )}
            </div>
          )}
          {/* bodyHtml is rendered and sanitised by the server (allow-listed tags and attributes,
              safe links only) from the post's Markdown; it is the only HTML the app injects. */}
          <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml ?? '' }} />
        </>
      )}
      {available && (
        <footer className="d-flex flex-wrap gap-2 align-items-center mt-2">
          <div role="group" aria-label={t('community.reactions')} className="d-flex flex-wrap gap-1">
            {REACTION_EMOJIS.map((emoji) => {
              const reaction = post.reactions.find((r) => r.emoji === emoji);
              const count = reaction?.count ?? 0;
              return (
                <button
                  key={emoji}
                  type="button"
                  className={`btn btn-xs reaction-button ${reaction?.mine ? 'btn-primary' : 'btn-outline-primary'}`}
                  aria-pressed={reaction?.mine ?? false}
                  aria-label={t('community.reactionLabel', { emoji, count })}
                  data-emoji={emoji}
                  disabled={react.isPending}
                  onClick={() => react.mutate(emoji)}
                >
                  <span aria-hidden="true">{t('community.reaction', { emoji, count })}</span>
                </button>
              );
            })}
          </div>
          <div className="ms-auto d-flex gap-2">
            {!locked && (
              <button type="button" className="btn btn-outline-secondary btn-xs" onClick={onReply}>
                {t('community.reply')}
                <span className="visually-hidden">
                  {' '}
                  · {t('community.postNumber', { number: post.number })}
                </span>
              </button>
            )}
            {!mine && !flagging && (
              <button
                type="button"
                className="btn btn-outline-secondary btn-xs"
                onClick={() => setFlagging(true)}
              >
                {t('moderation.flag.open')}
                <span className="visually-hidden">
                  {' '}
                  · {t('community.postNumber', { number: post.number })}
                </span>
              </button>
            )}
            {mine && !locked && !editing && (
              <button
                type="button"
                className="btn btn-outline-secondary btn-xs"
                onClick={() => setEditing(true)}
              >
                {t('community.edit')}
                <span className="visually-hidden">
                  {' '}
                  · {t('community.postNumber', { number: post.number })}
                </span>
              </button>
            )}
          </div>
          {react.error && <ProblemAlert error={react.error} />}
          {flagging && <FlagPostForm post={post} onClose={() => setFlagging(false)} />}
        </footer>
      )}
    </article>
  );
}
