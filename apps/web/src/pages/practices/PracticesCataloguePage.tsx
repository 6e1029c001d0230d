import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ORGANIZATION_KINDS, PRACTICE_LIMITS } from '@convergo/contracts';
import { useAuth } from '../../auth/auth-context';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { SelectField, TextField } from '../../components/form';
import { usePageTitle } from '../../components/usePageTitle';
import { kindLabel, kindOptions } from '../../lib/organization-labels';
import { ITALIAN_REGIONS } from '../../lib/regions';
import { PracticeStatusBadge, ThemeBadges, themeLabel } from './PracticeBadges';
import { fetchPractices, fetchPracticeThemes, practiceKeys, type PracticeFilters } from './practices-api';
import { ResultCard } from '../../components/ResultCard';

const PAGE_SIZE = 12;

function readFilters(params: URLSearchParams): PracticeFilters {
  const kind = params.get('tipo') ?? '';
  const region = params.get('regione') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, PRACTICE_LIMITS.query),
    theme: params.get('tema') ?? '',
    region: (ITALIAN_REGIONS as readonly string[]).includes(region) ? region : '',
    kind: (ORGANIZATION_KINDS as readonly string[]).includes(kind) ? kind : '',
  };
}

/**
 * `/buone-pratiche`: the catalogue of good practices, searched in Italian full text (stems and
 * accents) and filtered by theme, region and kind of administration (kept in the query string).
 */
export function PracticesCataloguePage() {
  const { t } = useTranslation();
  usePageTitle(t('practices.catalogue.title'));
  const { member } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [draft, setDraft] = useState<PracticeFilters>(filters);
  const listRef = useRef<HTMLUListElement>(null);
  const themes = useQuery({
    queryKey: practiceKeys.themes,
    queryFn: ({ signal }) => fetchPracticeThemes(signal),
  });

  const practices = useInfiniteQuery({
    queryKey: practiceKeys.catalogueFiltered(filters),
    queryFn: ({ pageParam, signal }) => fetchPractices(filters, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const search = new URLSearchParams();
    if (draft.q.trim()) search.set('q', draft.q.trim());
    if (draft.theme) search.set('tema', draft.theme);
    if (draft.region) search.set('regione', draft.region);
    if (draft.kind) search.set('tipo', draft.kind);
    setParams(search, { replace: true });
  };

  const items = practices.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1 className="mb-3">{t('practices.catalogue.title')}</h1>
      <p className="lead mb-3">{t('practices.catalogue.intro')}</p>
      {member?.organization && (
        <p className="mb-4">
          <Link className="btn btn-outline-primary" to="/buone-pratiche/proponi">
            {t('practices.catalogue.propose')}
          </Link>
        </p>
      )}
      <form role="search" aria-label={t('practices.catalogue.filters')} onSubmit={apply} className="mb-4">
        <div className="row g-3 align-items-end">
          <div className="col-12">
            <TextField
              id="practices-q"
              label={t('practices.catalogue.search')}
              hint={t('practices.catalogue.searchHint')}
              type="search"
              maxLength={PRACTICE_LIMITS.query}
              value={draft.q}
              onValueChange={(value) => setDraft({ ...draft, q: value })}
            />
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              id="practices-theme"
              label={t('practices.catalogue.theme')}
              value={draft.theme}
              onValueChange={(value) => setDraft({ ...draft, theme: value })}
              emptyLabel={t('practices.catalogue.themeAll')}
              options={(themes.data ?? []).map((theme) => ({ value: theme.code, label: themeLabel(theme) }))}
            />
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              id="practices-region"
              label={t('practices.catalogue.region')}
              value={draft.region}
              onValueChange={(value) => setDraft({ ...draft, region: value })}
              emptyLabel={t('practices.catalogue.regionAll')}
              options={ITALIAN_REGIONS.map((r) => ({ value: r, label: r }))}
            />
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              id="practices-kind"
              label={t('practices.catalogue.kind')}
              value={draft.kind}
              onValueChange={(value) => setDraft({ ...draft, kind: value })}
              emptyLabel={t('practices.catalogue.kindAll')}
              options={kindOptions(t)}
            />
          </div>
          <div className="col-12 col-md-3 mb-4">
            <button type="submit" className="btn btn-primary w-100">
              {t('practices.catalogue.apply')}
            </button>
          </div>
        </div>
      </form>

      <ListStatus query={practices} count={items.length} empty={t('practices.catalogue.none')} />
      {items.length > 0 && (
        <ul ref={listRef} className="row list-unstyled g-3" aria-label={t('practices.catalogue.results')}>
          {items.map((practice, index) => (
            <li key={practice.id} className="col-12 col-lg-6">
              <ResultCard
                index={index}
                headingId={`practice-${practice.id}`}
                title={practice.title}
                to={`/buone-pratiche/${practice.id}`}
                className="h-100"
              >
                <p className="mb-2">
                  {practice.status !== 'published' && (
                    <>
                      <PracticeStatusBadge status={practice.status} />{' '}
                    </>
                  )}
                  <ThemeBadges themes={practice.themes} />
                </p>
                <p className="mb-1 small">
                  <span className="fw-semibold">{practice.offeringOrganization.name}</span>
                  {' · '}
                  {kindLabel(t, practice.offeringOrganization.kind)}
                  {practice.offeringOrganization.region ? ` · ${practice.offeringOrganization.region}` : ''}
                </p>
                <p className="mb-0 small">{practice.summary}</p>
              </ResultCard>
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={practices.hasNextPage}
        loading={practices.isFetchingNextPage}
        onLoadMore={() => void practices.fetchNextPage()}
      />
    </>
  );
}
