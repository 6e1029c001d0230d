import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { LAB_AMBITI, LAB_STATUSES, type LabAmbito, type LabStatus } from '@convergo/contracts';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { SelectField } from '../../components/form';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { ITALIAN_REGIONS } from '../../lib/regions';
import { LabStatusBadge } from './LabBadges';
import { fetchLabCatalogue, labKeys, type LabFilters } from './labs-api';
import { ResultCard } from '../../components/ResultCard';

const PAGE_SIZE = 12;

function readFilters(params: URLSearchParams): LabFilters {
  const ambito = params.get('ambito') ?? '';
  const status = params.get('stato') ?? '';
  return {
    ambito: (LAB_AMBITI as readonly string[]).includes(ambito) ? (ambito as LabAmbito) : '',
    status: (LAB_STATUSES as readonly string[]).includes(status) ? (status as LabStatus) : '',
    region: params.get('regione') ?? '',
  };
}

/** `/laboratori`: the catalogue, filtered by ambito, status and region (kept in the query string). */
export function LabsCataloguePage() {
  const { t } = useTranslation();
  const format = useFormatters();
  usePageTitle(t('labs.catalogue.title'));
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [draft, setDraft] = useState<LabFilters>(filters);
  const listRef = useRef<HTMLUListElement>(null);

  const labs = useInfiniteQuery({
    queryKey: labKeys.catalogueFiltered(filters),
    queryFn: ({ pageParam, signal }) => fetchLabCatalogue(filters, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const search = new URLSearchParams();
    if (draft.ambito) search.set('ambito', draft.ambito);
    if (draft.status) search.set('stato', draft.status);
    if (draft.region) search.set('regione', draft.region);
    setParams(search, { replace: true });
  };

  const items = labs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1 className="mb-3">{t('labs.catalogue.title')}</h1>
      <p className="lead mb-4">{t('labs.catalogue.intro')}</p>
      <form role="search" aria-label={t('labs.catalogue.filters')} onSubmit={apply} className="mb-4">
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-3">
            <SelectField
              id="labs-ambito"
              label={t('labs.catalogue.ambito')}
              value={draft.ambito}
              onValueChange={(value) => setDraft({ ...draft, ambito: value as LabAmbito | '' })}
              emptyLabel={t('labs.catalogue.ambitoAll')}
              options={LAB_AMBITI.map((a) => ({ value: a, label: t(`labs.ambiti.${a}`) }))}
            />
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              id="labs-status"
              label={t('labs.catalogue.status')}
              value={draft.status}
              onValueChange={(value) => setDraft({ ...draft, status: value as LabStatus | '' })}
              emptyLabel={t('labs.catalogue.statusAll')}
              options={LAB_STATUSES.map((s) => ({ value: s, label: t(`labs.statuses.${s}`) }))}
            />
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              id="labs-region"
              label={t('labs.catalogue.region')}
              value={draft.region}
              onValueChange={(value) => setDraft({ ...draft, region: value })}
              emptyLabel={t('labs.catalogue.regionAll')}
              options={ITALIAN_REGIONS.map((r) => ({ value: r, label: r }))}
            />
          </div>
          <div className="col-12 col-md-3 mb-4">
            <button type="submit" className="btn btn-primary w-100">
              {t('labs.catalogue.apply')}
            </button>
          </div>
        </div>
      </form>

      <ListStatus query={labs} count={items.length} empty={t('labs.catalogue.none')} />
      {items.length > 0 && (
        <ul ref={listRef} className="row list-unstyled g-3" aria-label={t('labs.catalogue.results')}>
          {items.map((lab, index) => (
            <li key={lab.id} className="col-12 col-md-6 col-xl-4">
              <ResultCard
                index={index}
                headingId={`lab-${lab.id}`}
                title={lab.title}
                to={`/laboratori/${lab.id}`}
                className="h-100"
              >
                <p className="mb-2">
                  <LabStatusBadge status={lab.status} />{' '}
                  <span className="badge bg-light text-dark border">
                    {t('labs.ambitoShort', { ambito: lab.ambito })}
                  </span>
                  {lab.myRole && (
                    <span className="badge bg-info text-dark ms-1">
                      {t('labs.catalogue.myRole', { role: t(`labs.roles.${lab.myRole}`) })}
                    </span>
                  )}
                </p>
                <p className="mb-1 small">{t(`labs.ambiti.${lab.ambito}`)}</p>
                <p className="mb-1 small">
                  <span className="fw-semibold">{t('labs.catalogue.regions')}:</span>{' '}
                  {lab.regions.length > 0 ? lab.regions.join(', ') : t('labs.catalogue.allRegions')}
                </p>
                <p className="mb-0 small">
                  {lab.capacity === null
                    ? t('labs.catalogue.participants', {
                        count: lab.participantCount,
                      })
                    : t('labs.catalogue.participantsOfCapacity', {
                        count: lab.participantCount,
                        capacity: format.number(lab.capacity),
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
        hasMore={labs.hasNextPage}
        loading={labs.isFetchingNextPage}
        onLoadMore={() => void labs.fetchNextPage()}
      />
    </>
  );
}
