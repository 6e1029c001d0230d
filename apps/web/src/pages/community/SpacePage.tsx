import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import {
  POST_BODY_MAX_LENGTH,
  THREAD_TITLE_MAX_LENGTH,
  type SpaceVisibility,
  type ThreadWithFirstPost,
  roomName,
} from '@convergo/contracts';
import { toApiError, type ApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { TextField } from '../../components/form';
import { MentionTextArea } from '../../components/mentions/MentionTextArea';
import { fieldErrorMessages, type FormFields } from '../../components/field-errors';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ErrorSummary, ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { communityKeys, createThread, fetchSpace, fetchSpaceThreads } from './community-api';
import { ResultCard } from '../../components/ResultCard';

/** Badge colour of each visibility: open, reserved to invited members, to a lab, to a group and its tutors. */
const VISIBILITY_BADGE: Record<SpaceVisibility, string> = {
  public: 'bg-success',
  private: 'bg-secondary',
  lab: 'bg-primary',
  coaching: 'bg-dark',
  twinning: 'bg-dark',
};

const PAGE_SIZE = 30;

/** "open data, PON-metro" → ["open data", "pon-metro"]: the API checks the rest. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter(Boolean);
  return [...new Set(tags)];
}

/** `/spazi/:id`: the space, its threads (pinned first, unread counts) and a new-thread form. */
export function SpacePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const format = useFormatters();
  const listRef = useRef<HTMLUListElement>(null);

  const space = useQuery({
    queryKey: communityKeys.space(id),
    queryFn: ({ signal }) => fetchSpace(id, signal),
  });
  usePageTitle(space.data?.name ?? t('community.title'));

  const threads = useInfiniteQuery({
    queryKey: communityKeys.spaceThreads(id),
    queryFn: ({ pageParam, signal }) => fetchSpaceThreads(id, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  // New, renamed, pinned or locked threads: reload the list (order and counts come from the API).
  useRoomEvents(
    roomName('space', id),
    (event) => {
      if (
        isEventOfType(event, 'thread.created') ||
        isEventOfType(event, 'thread.updated') ||
        isEventOfType(event, 'thread.pinned') ||
        isEventOfType(event, 'thread.locked')
      ) {
        void threads.refetch();
      }
    },
    { onResync: () => void threads.refetch(), onCaughtUp: () => void threads.refetch() },
  );

  const items = threads.data?.pages.flatMap((page) => page.items) ?? [];

  if (space.isError)
    return <ProblemAlert error={toApiError(space.error)} onRetry={() => void space.refetch()} />;
  if (space.isPending) return <Loading />;

  return (
    <>
      <nav aria-label={t('community.backToSpaces')} className="mb-2">
        <Link to="/spazi">{t('community.backToSpaces')}</Link>
      </nav>
      <h1 className="mb-2">{space.data.name}</h1>
      <p className="mb-2">
        <span className={`badge ${VISIBILITY_BADGE[space.data.visibility]}`}>
          {t(`community.visibility.${space.data.visibility}`)}
        </span>
      </p>
      {space.data.description && <p className="lead">{space.data.description}</p>}

      <div className="row g-4">
        <section className="col-12 col-lg-7" aria-labelledby="threads-title">
          <h2 id="threads-title" className="h3">
            {t('community.threads')}
          </h2>
          {threads.isPending && <Loading />}
          {threads.isError && (
            <ProblemAlert error={toApiError(threads.error)} onRetry={() => void threads.refetch()} />
          )}
          {threads.isSuccess && items.length === 0 && <p>{t('community.noThreads')}</p>}
          {items.length > 0 && (
            <ul ref={listRef} className="list-unstyled thread-list" aria-labelledby="threads-title">
              {items.map((thread, index) => (
                <li key={thread.id} className="mb-3">
                  <ResultCard index={index} title={thread.title} to={`/discussioni/${thread.id}`} level={3}>
                    <p className="mb-1">
                      {thread.pinned && (
                        <span className="badge bg-primary me-1">{t('community.pinned')}</span>
                      )}
                      {thread.locked && <span className="badge bg-dark me-1">{t('community.locked')}</span>}
                      {(thread.viewer?.unreadCount ?? 0) > 0 && (
                        <span className="badge bg-danger me-1">
                          {t('community.unread', { count: thread.viewer?.unreadCount ?? 0 })}
                        </span>
                      )}
                      <span className="small">{t('community.posts', { count: thread.postCount })}</span>
                    </p>
                    {thread.tags.length > 0 && (
                      <ul className="list-inline mb-1" aria-label={t('community.tags')}>
                        {thread.tags.map((tag) => (
                          <li key={tag} className="list-inline-item">
                            <span className="chip chip-simple chip-sm">
                              <span className="chip-label">{tag}</span>
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                    <p className="mb-0 small text-muted">
                      {thread.author && `${t('community.startedBy', { name: thread.author.displayName })} · `}
                      {t('community.lastActivity', { when: format.dateTime(thread.lastActivityAt) })}
                    </p>
                  </ResultCard>
                </li>
              ))}
            </ul>
          )}
          <LoadMore
            listRef={listRef}
            count={items.length}
            hasMore={threads.hasNextPage}
            loading={threads.isFetchingNextPage}
            onLoadMore={() => void threads.fetchNextPage()}
          />
        </section>
        <section className="col-12 col-lg-5" aria-labelledby="new-thread-title">
          <NewThreadForm spaceId={id} />
        </section>
      </div>
    </>
  );
}

function NewThreadForm({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tags, setTags] = useState('');
  const fields: FormFields = {
    title: { id: 'thread-title', label: t('community.threadTitle') },
    body: { id: 'thread-body', label: t('community.threadBody') },
    tags: { id: 'thread-tags', label: t('community.threadTags') },
  };

  const create = useMutation<ThreadWithFirstPost, ApiError>({
    mutationFn: () => createThread(spaceId, { title: title.trim(), body, tags: parseTags(tags) }),
    onSuccess: (thread) => void navigate(`/discussioni/${thread.id}`),
  });
  const errors = fieldErrorMessages(create.error, t, fields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <form onSubmit={submit} noValidate className="new-thread-form">
      <h2 id="new-thread-title" className="h3">
        {t('community.newThread')}
      </h2>
      <ErrorSummary error={create.error} fields={fields} />
      <TextField
        id="thread-title"
        label={t('community.threadTitle')}
        value={title}
        onValueChange={setTitle}
        required
        maxLength={THREAD_TITLE_MAX_LENGTH}
        error={errors.title}
      />
      <MentionTextArea
        id="thread-body"
        excludeMemberId={member?.id ?? null}
        label={t('community.threadBody')}
        value={body}
        onValueChange={setBody}
        required
        rows={6}
        maxLength={POST_BODY_MAX_LENGTH}
        hint={t('community.markdownHint')}
        error={errors.body}
      />
      <TextField
        id="thread-tags"
        label={t('community.threadTags')}
        value={tags}
        onValueChange={setTags}
        hint={t('community.threadTagsHint')}
        error={errors.tags}
      />
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {create.isPending ? t('common.sending') : t('community.create')}
      </button>
    </form>
  );
}
