import { useRef } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { TutoringNav } from './TutoringNav';
import { fetchCoachingThreads, tutoringKeys } from './tutoring-api';
import { useTutoringContext } from './useTutoringContext';

/**
 * `/tutoraggio/coaching`: the member's private coaching threads (one per working group, with
 * the lab's tutors), newest activity first, with what is unread; each opens the thread page.
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
          <li key={thread.threadId} data-result-index={index} tabIndex={-1} className="mb-3">
            <article className="card card-bg" aria-labelledby={`coaching-${thread.threadId}`}>
              <div className="card-body">
                <h2 id={`coaching-${thread.threadId}`} className="h5 card-title mb-1">
                  <Link to={`/discussioni/${thread.threadId}`}>
                    {t('tutoring.coaching.threadOf', { group: thread.group.name })}
                  </Link>
                  {thread.unreadCount > 0 && (
                    <span className="badge bg-primary ms-2">
                      {t('tutoring.coaching.unread', { count: thread.unreadCount })}
                    </span>
                  )}
                </h2>
                <p className="small mb-0">
                  <Link to={`/laboratori/${thread.lab.id}`}>{thread.lab.title}</Link> ·{' '}
                  {t('tutoring.coaching.posts', { count: thread.postCount })}
                  {thread.lastActivityAt && (
                    <> · {t('tutoring.coaching.lastActivity', { when: dateTime(thread.lastActivityAt) })}</>
                  )}
                </p>
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
