import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  POST_BODY_MAX_LENGTH,
  REACTION_EMOJIS,
  type PostView,
  type ReactionEmoji,
  type ReactionsView,
  type ThreadView,
} from '@convergo/contracts';
import { toApiError, type ApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { TextAreaField } from '../../components/form';
import { MentionTextArea } from '../../components/mentions/MentionTextArea';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { useThreadSignals } from '../../realtime/useThreadSignals';
import {
  communityKeys,
  editPost,
  fetchSpace,
  fetchThread,
  fetchThreadMerge,
  fetchThreadPosts,
  markThreadRead,
  reactToPost,
  sendPost,
} from './community-api';
import { FlagPostForm } from './FlagPostForm';
import { addPost, applyReaction, replacePost, setReactions, type PostPages } from './post-cache';
import { ThreadModeratorMenu } from './ThreadModeratorMenu';
import { ThreadSubscriptionToggle } from './ThreadSubscriptionToggle';

const PAGE_SIZE = 100;
const READ_DEBOUNCE_MS = 800;
const QUOTE_LENGTH = 240;

function excerpt(text: string | null): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH)}…` : flat;
}

/** `/discussioni/:id`: the posts, live; reply, react, edit; who reads and who types. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { member } = useAuth();
  const myId = member?.id ?? null;
  const queryClient = useQueryClient();
  const listRef = useRef<HTMLOListElement>(null);
  const [replyTo, setReplyTo] = useState<PostView | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const signals = useThreadSignals(id, myId);
  const navigate = useNavigate();
  const location = useLocation();
  const mergedFrom = (location.state as { mergedFrom?: unknown } | null)?.mergedFrom;

  const thread = useQuery({
    queryKey: communityKeys.thread(id),
    queryFn: ({ signal }) => fetchThread(id, signal),
  });
  usePageTitle(thread.data?.title ?? t('community.title'));

  const spaceId = thread.data?.spaceId;
  const space = useQuery({
    queryKey: communityKeys.space(spaceId),
    queryFn: ({ signal }) => fetchSpace(spaceId ?? '', signal),
    enabled: spaceId !== undefined,
  });

  // A merged thread stays as a locked stub without posts: ask where its posts went.
  const maybeMerged = thread.data?.locked === true && thread.data.postCount === 0;
  const merge = useQuery({
    queryKey: communityKeys.threadMerge(id),
    queryFn: ({ signal }) => fetchThreadMerge(id, signal),
    enabled: maybeMerged,
    retry: false,
  });
  const mergeTarget = merge.data?.target ?? null;
  const mergedTitle = thread.data?.title;
  useEffect(() => {
    if (mergeTarget) {
      void navigate(`/discussioni/${mergeTarget.id}`, { replace: true, state: { mergedFrom: mergedTitle } });
    }
  }, [mergeTarget, mergedTitle, navigate]);

  const posts = useInfiniteQuery({
    queryKey: communityKeys.threadPosts(id),
    queryFn: ({ pageParam, signal }) => fetchThreadPosts(id, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const editPosts = useCallback(
    (change: (data: PostPages | undefined) => PostPages | undefined) =>
      queryClient.setQueryData<PostPages>(communityKeys.threadPosts(id), change),
    [queryClient, id],
  );

  const reload = () => {
    void thread.refetch();
    void posts.refetch();
    signals.announceReading();
  };

  useRoomEvents(
    `thread:${id}`,
    (event) => {
      if (isEventOfType(event, 'post.created')) {
        editPosts((data) => addPost(data, event.data));
        if (event.data.author) signals.postedBy(event.data.author.id);
        if (event.data.author?.id !== myId) {
          setAnnouncement(
            t('community.newPostAnnounced', {
              name: event.data.author?.displayName ?? t('community.unknownMember'),
            }),
          );
        }
      } else if (
        isEventOfType(event, 'post.updated') ||
        isEventOfType(event, 'post.deleted') ||
        isEventOfType(event, 'post.hidden') ||
        isEventOfType(event, 'post.restored')
      ) {
        editPosts((data) => replacePost(data, event.data));
      } else if (isEventOfType(event, 'reaction.updated')) {
        editPosts((data) => applyReaction(data, event.data, myId));
      } else if (
        isEventOfType(event, 'thread.updated') ||
        isEventOfType(event, 'thread.locked') ||
        isEventOfType(event, 'thread.pinned')
      ) {
        queryClient.setQueryData<ThreadView>(communityKeys.thread(id), (old) => ({
          ...event.data,
          viewer: old?.viewer ?? event.data.viewer,
        }));
      } else if (isEventOfType(event, 'thread.moved') && event.data.thread.id === id) {
        // The breadcrumb follows the new space (its name is fetched by the space query).
        queryClient.setQueryData<ThreadView>(communityKeys.thread(id), (old) => ({
          ...event.data.thread,
          viewer: old?.viewer ?? event.data.thread.viewer,
        }));
        void queryClient
          .fetchQuery({
            queryKey: communityKeys.space(event.data.toSpaceId),
            queryFn: () => fetchSpace(event.data.toSpaceId),
          })
          .then(
            (to) => setAnnouncement(t('community.movedAnnounced', { space: to.name })),
            () => setAnnouncement(t('community.movedAnnounced', { space: '' })),
          );
      } else if (isEventOfType(event, 'thread.merged')) {
        if (event.data.sourceThreadId === id) {
          void navigate(`/discussioni/${event.data.target.id}`, {
            replace: true,
            state: { mergedFrom: thread.data?.title ?? '' },
          });
        } else {
          // This is the target: the merged posts arrive at the end.
          reload();
          setAnnouncement(t('community.mergedHereAnnounced'));
        }
      }
    },
    { onResync: reload, onCaughtUp: reload },
  );

  // Mark read as posts scroll into view: the highest one seen, sent after a short pause.
  const lastMarked = useRef(0);
  const highestSeen = useRef<{ number: number; id: string } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const observer = useRef<IntersectionObserver | null>(null);
  useEffect(() => {
    lastMarked.current = 0;
    highestSeen.current = null;
    observer.current = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const el = entry.target as HTMLElement;
        const number = Number(el.dataset.postNumber);
        const postId = el.dataset.postId;
        if (!postId || !(number > (highestSeen.current?.number ?? 0))) continue;
        highestSeen.current = { number, id: postId };
      }
      const seen = highestSeen.current;
      if (!seen || seen.number <= lastMarked.current) return;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        lastMarked.current = seen.number;
        markThreadRead(id, seen.id)
          .then(() => void queryClient.invalidateQueries({ queryKey: communityKeys.allSpaceThreads }))
          .catch(() => {
            lastMarked.current = 0;
          });
      }, READ_DEBOUNCE_MS);
    });
    return () => {
      observer.current?.disconnect();
      observer.current = null;
      window.clearTimeout(timer.current);
    };
  }, [id, queryClient]);
  const observe = useCallback((el: HTMLElement | null) => {
    if (el) observer.current?.observe(el);
  }, []);

  const items = posts.data?.pages.flatMap((page) => page.items) ?? [];

  if (thread.isError)
    return <ProblemAlert error={toApiError(thread.error)} onRetry={() => void thread.refetch()} />;
  if (thread.isPending) return <Loading />;
  const data = thread.data;
  const others = signals.typing.map((m) => m.displayName || t('community.unknownMember'));
  const canModerate = data.viewer?.canModerate ?? false;

  return (
    <>
      <nav aria-label={t('community.breadcrumb')} className="mb-2 breadcrumb-container">
        <ol className="breadcrumb p-0">
          <li className="breadcrumb-item">
            <Link to="/spazi">{t('community.title')}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item">
            <Link to={`/spazi/${data.spaceId}`} className="thread-space-link">
              {space.data?.id === data.spaceId ? space.data.name : t('community.backToSpace')}
            </Link>
          </li>
        </ol>
      </nav>
      <h1 className="mb-2">{data.title}</h1>
      {typeof mergedFrom === 'string' && mergedFrom && (
        <div className="alert alert-info" role="status">
          {t('community.mergedFrom', { title: mergedFrom })}
        </div>
      )}
      {merge.data && (
        <div className="alert alert-warning merged-notice" role="status">
          {merge.data.target ? (
            <>
              {t('community.mergedInto')}{' '}
              <Link to={`/discussioni/${merge.data.target.id}`}>{merge.data.target.title}</Link>
            </>
          ) : (
            t('community.mergedIntoUnreadable')
          )}
        </div>
      )}
      <p className="mb-3">
        {data.pinned && <span className="badge bg-primary me-1">{t('community.pinned')}</span>}
        {data.locked && <span className="badge bg-dark me-1">{t('community.locked')}</span>}
        {data.tags.map((tag) => (
          <span key={tag} className="chip chip-simple chip-sm me-1">
            <span className="chip-label">{tag}</span>
          </span>
        ))}
      </p>
      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <h2 className="visually-hidden" id="posts-title">
            {t('community.postsList')}
          </h2>
          {posts.isPending && <Loading />}
          {posts.isError && (
            <ProblemAlert error={toApiError(posts.error)} onRetry={() => void posts.refetch()} />
          )}
          <ol ref={listRef} className="list-unstyled post-list" aria-labelledby="posts-title">
            {items.map((post, index) => (
              <li key={post.id} className="mb-3">
                <PostItem
                  post={post}
                  index={index}
                  mine={post.author?.id === myId}
                  locked={data.locked}
                  observe={observe}
                  onReply={() => {
                    setReplyTo(post);
                    document.getElementById('reply-body')?.focus();
                  }}
                  onChanged={(next) => editPosts((d) => replacePost(d, next))}
                  onReactions={(view) => editPosts((d) => setReactions(d, view.postId, view.reactions))}
                />
              </li>
            ))}
          </ol>
          <LoadMore
            listRef={listRef}
            count={items.length}
            hasMore={posts.hasNextPage}
            loading={posts.isFetchingNextPage}
            onLoadMore={() => void posts.fetchNextPage()}
          />
          <p className="visually-hidden" role="status" aria-live="polite">
            {announcement}
          </p>
          <ReplyForm
            threadId={id}
            locked={data.locked}
            replyTo={replyTo}
            onCancelReply={() => setReplyTo(null)}
            onTyping={signals.notifyTyping}
            onStopTyping={signals.stopTyping}
            myId={myId}
            onSent={(post) => {
              setReplyTo(null);
              editPosts((d) => addPost(d, post));
            }}
          />
        </div>
        <aside className="col-12 col-lg-4" aria-label={t('community.threadSidebar')}>
          {data.viewer && <ThreadSubscriptionToggle thread={data} />}
          {canModerate && !merge.data && <ThreadModeratorMenu thread={data} onNotice={setAnnouncement} />}
          <h2 id="readers-title" className="h5">
            {t('community.readers')}
          </h2>
          <div aria-live="polite" className="thread-readers">
            {signals.readers.length === 0 ? (
              <p className="small">{t('community.nobodyElse')}</p>
            ) : (
              <ul className="list-unstyled small">
                {signals.readers.map((reader) => (
                  <li key={reader.id}>
                    {reader.displayName || t('community.unknownMember')}
                    {reader.organizationName && ` · ${reader.organizationName}`}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <p className="typing-indicator small fst-italic" aria-live="polite">
            {others.length > 0 && t('community.typing', { count: others.length, names: others.join(', ') })}
          </p>
        </aside>
      </div>
    </>
  );
}

interface PostItemProps {
  post: PostView;
  index: number;
  mine: boolean;
  locked: boolean;
  observe(el: HTMLElement | null): void;
  onReply(): void;
  onChanged(post: PostView): void;
  onReactions(view: ReactionsView): void;
}

function PostItem({ post, index, mine, locked, observe, onReply, onChanged, onReactions }: PostItemProps) {
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
        <EditForm
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

function EditForm({ post, onDone }: { post: PostView; onDone(next: PostView | null): void }) {
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

function ReplyForm({
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
