import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { TWINNING_STATUSES, type TwinningStatus } from '@convergo/contracts';
import { useAuth } from '../../auth/auth-context';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { SelectField } from '../../components/form';
import { usePageTitle } from '../../components/usePageTitle';
import { TwinningStatusBadge } from './TwinningStatus';
import { fetchTwinnings, twinningKeys } from './twinnings-api';
import { ResultCard } from '../../components/ResultCard';

const PAGE_SIZE = 20;

function readStatus(params: URLSearchParams): TwinningStatus | '' {
  const status = params.get('stato') ?? '';
  return (TWINNING_STATUSES as readonly string[]).includes(status) ? (status as TwinningStatus) : '';
}

/**
 * `/gemellaggi`: the twinnings of the member's administration (every twinning for admins),
 * filtered by status (kept in the query string).
 */
export function TwinningsPage() {
  const { t } = useTranslation();
  usePageTitle(t('twinnings.list.title'));
  const { member } = useAuth();
  const isAdmin = member?.role === 'admin';
  const [params, setParams] = useSearchParams();
  const status = readStatus(params);
  const [draft, setDraft] = useState<TwinningStatus | ''>(status);
  const listRef = useRef<HTMLUListElement>(null);
  const filters = { status, mine: !isAdmin };
  const twinnings = useInfiniteQuery({
    queryKey: twinningKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchTwinnings(filters, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams(draft ? { stato: draft } : {}, { replace: true });
  };
  const items = twinnings.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1 className="mb-3">{t('twinnings.list.title')}</h1>
      <p className="lead mb-4">{isAdmin ? t('twinnings.list.introAll') : t('twinnings.list.introMine')}</p>
      <form role="search" aria-label={t('twinnings.list.filters')} onSubmit={apply} className="mb-4">
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-6">
            <SelectField
              id="twinnings-status"
              label={t('twinnings.list.status')}
              value={draft}
              onValueChange={(value) => setDraft(value as TwinningStatus | '')}
              emptyLabel={t('twinnings.list.statusAll')}
              options={TWINNING_STATUSES.map((s) => ({ value: s, label: t(`twinnings.statuses.${s}`) }))}
            />
          </div>
          <div className="col-12 col-md-3 mb-4">
            <button type="submit" className="btn btn-primary w-100">
              {t('twinnings.list.apply')}
            </button>
          </div>
        </div>
      </form>
      <ListStatus query={twinnings} count={items.length} empty={t('twinnings.list.none')} />
      {items.length > 0 && (
        <ul ref={listRef} className="list-unstyled" aria-label={t('twinnings.list.results')}>
          {items.map((twinning, index) => (
            <li key={twinning.id} className="mb-3">
              <ResultCard
                index={index}
                headingId={`twinning-${twinning.id}`}
                title={twinning.title}
                to={`/gemellaggi/${twinning.id}`}
              >
                <p className="mb-1">
                  <TwinningStatusBadge status={twinning.status} />
                </p>
                <p className="mb-0 small">
                  {t('twinnings.list.offering', { name: twinning.offeringOrganization.name })}
                  {' · '}
                  {t('twinnings.list.receiving', {
                    names: twinning.receivingOrganizations.map((o) => o.name).join(', '),
                  })}
                </p>
              </ResultCard>
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={twinnings.hasNextPage}
        loading={twinnings.isFetchingNextPage}
        onLoadMore={() => void twinnings.fetchNextPage()}
      />
    </>
  );
}
