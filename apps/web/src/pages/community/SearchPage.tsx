import { Fragment, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { SearchForm } from '../../components/SearchForm';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { communityKeys, searchPosts } from './community-api';
import { parseSnippet } from './snippet';
import { ResultCard } from '../../components/ResultCard';

const PAGE_SIZE = 20;

/** `/cerca?q=`: posts of every readable thread matching the words. */
export function SearchPage() {
  const { t } = useTranslation();
  usePageTitle(t('community.search'));
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const listRef = useRef<HTMLOListElement>(null);

  const results = useInfiniteQuery({
    queryKey: communityKeys.search(q),
    enabled: q.trim().length > 0,
    queryFn: ({ pageParam, signal }) => searchPosts(q, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <nav aria-label={t('community.backToSpaces')} className="mb-2">
        <Link to="/spazi">{t('community.backToSpaces')}</Link>
      </nav>
      <h1 className="mb-4">{t('community.search')}</h1>
      <SearchForm
        id="search-q"
        formLabel={t('community.searchLabel')}
        label={t('community.searchQ')}
        initial={q}
        maxLength={200}
        onSearch={(words) => setParams(words ? { q: words } : {}, { replace: true })}
      />
      <ListStatus
        query={results}
        count={items.length}
        empty={t('community.searchNone')}
        loading={results.isFetching && !results.isFetchingNextPage}
        loadingLabel={t('common.searching')}
      />
      {items.length > 0 && (
        <>
          <h2 className="h3">{t('community.searchResults')}</h2>
          <ol ref={listRef} className="list-unstyled">
            {items.map((hit, index) => (
              <li key={hit.post.id} className="mb-3">
                <ResultCard
                  index={index}
                  title={hit.thread.title}
                  to={`/discussioni/${hit.thread.id}#post-${hit.post.number}`}
                  level={3}
                >
                  <p className="mb-1 search-snippet">
                    {/* Text parts and <mark> elements: the snippet is never injected as HTML. */}
                    {parseSnippet(hit.snippet).map((part, i) =>
                      part.mark ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>,
                    )}
                  </p>
                  <p className="mb-0 small text-muted">
                    {hit.post.author?.displayName ?? t('community.anonymous')} ·{' '}
                    {format.dateTime(hit.post.createdAt)}
                  </p>
                </ResultCard>
              </li>
            ))}
          </ol>
        </>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={results.hasNextPage}
        loading={results.isFetchingNextPage}
        onLoadMore={() => void results.fetchNextPage()}
      />
    </>
  );
}
