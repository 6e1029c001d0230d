import { useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { toApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { TutoringNav } from './TutoringNav';
import { fetchCoachingThreads, fetchGroupCoachingThread, tutoringKeys } from './tutoring-api';
import { useTutoringContext } from './useTutoringContext';

/** Opens a group's coaching thread nobody opened yet (GET creates it), then goes to it. */
function OpenCoachingThread({ groupId, groupName }: { groupId: string; groupName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useMutation({
    mutationFn: () => fetchGroupCoachingThread(groupId),
    onSuccess: (thread) => void navigate(`/discussioni/${thread.threadId}`),
  });
  return (
    <div className="mt-2">
      <button
        type="button"
        className="btn btn-outline-primary btn-sm"
        aria-disabled={open.isPending}
        onClick={() => {
          if (!open.isPending) open.mutate();
        }}
      >
        {t('tutoring.coaching.open')}
        <span className="visually-hidden"> {t('tutoring.coaching.ofGroup', { group: groupName })}</span>
      </button>
      {open.isError && <ProblemAlert error={toApiError(open.error)} />}
    </div>
  );
}

/**
 * `/tutoraggio/coaching`: the member's private coaching threads (one per working group, with
 * the lab's tutors), newest activity first, with what is unread; each opens the thread page. A
 * group whose thread nobody opened yet is listed as such, with a button that opens it.
 */
export function CoachingPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  usePageTitle(t('tutoring.coaching.title'));
  const { isTutor } = useTutoringContext();
  const listRef = useRef<HTMLUListElement>(null);
  const threads = useInfiniteQuery({
    queryKey: tutoringKeys.coaching,
    queryFn: ({ pageParam, signal }) => fetchCoachingThreads(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = threads.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <h1 className="mb-3">{t('tutoring.coaching.title')}</h1>
      <p className="lead">{t('tutoring.coaching.intro')}</p>
      <TutoringNav isTutor={isTutor} />
      <ListStatus query={threads} count={items.length} empty={t('tutoring.coaching.none')} />
      <ul ref={listRef} className="list-unstyled" data-testid="coaching-threads">
        {items.map((thread, index) => (
          <li key={thread.group.id} data-result-index={index} tabIndex={-1} className="mb-3">
            <article
              className="card card-bg"
              aria-labelledby={`coaching-${thread.group.id}`}
              data-group-id={thread.group.id}
            >
              <div className="card-body">
                <h2 id={`coaching-${thread.group.id}`} className="h5 card-title mb-1">
                  {thread.threadId ? (
                    <Link to={`/discussioni/${thread.threadId}`}>
                      {t('tutoring.coaching.threadOf', { group: thread.group.name })}
                    </Link>
                  ) : (
                    <>
                      {t('tutoring.coaching.threadOf', { group: thread.group.name })}
                      <span className="badge bg-secondary ms-2">{t('tutoring.coaching.notOpened')}</span>
                    </>
                  )}
                  {thread.unreadCount > 0 && (
                    <span className="badge bg-primary ms-2">
                      {t('tutoring.coaching.unread', { count: thread.unreadCount })}
                    </span>
                  )}
                </h2>
                <p className="small mb-0">
                  <Link to={`/laboratori/${thread.lab.id}`}>{thread.lab.title}</Link>
                  {thread.threadId && <> · {t('tutoring.coaching.posts', { count: thread.postCount })}</>}
                  {thread.lastActivityAt && (
                    <> · {t('tutoring.coaching.lastActivity', { when: dateTime(thread.lastActivityAt) })}</>
                  )}
                </p>
                {!thread.threadId && (
                  <OpenCoachingThread groupId={thread.group.id} groupName={thread.group.name} />
                )}
              </div>
            </article>
          </li>
        ))}
      </ul>
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={threads.hasNextPage}
        loading={threads.isFetchingNextPage}
        onLoadMore={() => void threads.fetchNextPage()}
      />
    </>
  );
}
