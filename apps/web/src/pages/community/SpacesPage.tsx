import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { Page, SpaceView } from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';
import { TextField } from '../../components/form';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';

const PAGE_SIZE = 20;

/** `/spazi`: the spaces the member may read, with a search over every thread. */
export function SpacesPage() {
  const { t } = useTranslation();
  usePageTitle(t('community.title'));
  const format = useFormatters();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const listRef = useRef<HTMLUListElement>(null);

  const spaces = useInfiniteQuery({
    queryKey: ['spaces'],
    queryFn: ({ pageParam, signal }) =>
      api<Page<SpaceView>>('/spaces', { query: { limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = spaces.data?.pages.flatMap((page) => page.items) ?? [];

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim()) void navigate(`/cerca?q=${encodeURIComponent(q.trim())}`);
  };

  return (
    <>
      <h1 className="mb-2">{t('community.title')}</h1>
      <p className="lead mb-4">{t('community.spacesLead')}</p>
      <form role="search" aria-label={t('community.searchLabel')} onSubmit={search} className="mb-4">
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-8">
            <TextField
              id="community-q"
              label={t('community.searchQ')}
              type="search"
              value={q}
              onValueChange={setQ}
              maxLength={200}
            />
          </div>
          <div className="col-12 col-md-4 mb-4">
            <button type="submit" className="btn btn-primary w-100">
              {t('common.search')}
            </button>
          </div>
        </div>
      </form>

      <h2 className="h3">{t('community.spacesList')}</h2>
      {spaces.isPending && <Loading />}
      {spaces.isError && (
        <ProblemAlert error={toApiError(spaces.error)} onRetry={() => void spaces.refetch()} />
      )}
      {spaces.isSuccess && items.length === 0 && <p>{t('community.noSpaces')}</p>}
      {items.length > 0 && (
        <ul ref={listRef} className="row list-unstyled g-3" aria-label={t('community.spacesList')}>
          {items.map((space, index) => (
            <li key={space.id} className="col-12 col-lg-6">
              <article className="result-card" tabIndex={-1} data-result-index={index}>
                <h3 className="h5 mb-1">
                  <Link to={`/spazi/${space.id}`}>{space.name}</Link>
                </h3>
                <p className="mb-2">
                  <span
                    className={`badge ${space.visibility === 'public' ? 'bg-success' : 'bg-secondary'} me-2`}
                  >
                    {t(`community.visibility.${space.visibility}`)}
                  </span>
                  <span className="small">{t('community.threadCount', { count: space.threadCount })}</span>
                </p>
                {space.description && <p className="mb-1">{space.description}</p>}
                {space.lastActivityAt && (
                  <p className="mb-0 small text-muted">
                    {t('community.lastActivity', { when: format.dateTime(space.lastActivityAt) })}
                  </p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={spaces.hasNextPage}
        loading={spaces.isFetchingNextPage}
        onLoadMore={() => void spaces.fetchNextPage()}
      />
    </>
  );
}
