import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { CheckboxField, SelectField } from '../components/form';
import { ListStatus } from '../components/ListStatus';
import { LoadMore } from '../components/LoadMore';
import { SearchForm } from '../components/SearchForm';
import { usePageTitle } from '../components/usePageTitle';
import { isOrganizationKind, kindLabel, kindOptions } from '../lib/organization-labels';
import { ITALIAN_REGIONS } from '../lib/regions';
import { safeHttpUrl } from '../lib/safe-url';
import { fetchOrganizations, organizationKeys } from './organizations/organizations-api';

const PAGE_SIZE = 20;
const REGION_OPTIONS = ITALIAN_REGIONS.map((region) => ({ value: region, label: region }));

export function OrganizationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('organizations.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const region = params.get('region') ?? '';
  const kindParam = params.get('kind') ?? '';
  const kind = isOrganizationKind(kindParam) ? kindParam : '';
  const convergence = params.get('convergence') === 'true';
  const tableRef = useRef<HTMLTableSectionElement>(null);

  const organizations = useInfiniteQuery({
    queryKey: organizationKeys.directory({ q, region, kind, convergence }),
    queryFn: ({ pageParam, signal }) =>
      fetchOrganizations({ q, region, kind, convergence }, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const setParam = (key: string, value: string) => {
    const search = new URLSearchParams(params);
    if (value) search.set(key, value);
    else search.delete(key);
    setParams(search, { replace: true });
  };

  const items = organizations.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1 className="mb-4">{t('organizations.title')}</h1>
      <SearchForm
        id="organizations-q"
        formLabel={t('organizations.searchLabel')}
        label={t('organizations.q')}
        initial={q}
        maxLength={100}
        onSearch={(words) => setParam('q', words)}
      >
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-4">
            <SelectField
              id="organizations-region"
              label={t('organizations.region')}
              value={region}
              onValueChange={(value) => setParam('region', value)}
              options={REGION_OPTIONS}
              emptyLabel={t('organizations.allRegions')}
            />
          </div>
          <div className="col-12 col-md-4">
            <SelectField
              id="organizations-kind"
              label={t('organizations.kind')}
              value={kind}
              onValueChange={(value) => setParam('kind', value)}
              options={kindOptions(t)}
              emptyLabel={t('organizations.allKinds')}
            />
          </div>
          <div className="col-12 col-md-4 mb-4">
            <CheckboxField
              id="organizations-convergence"
              label={t('organizations.convergence')}
              hint={t('organizations.convergenceHint')}
              checked={convergence}
              onCheckedChange={(checked) => setParam('convergence', checked ? 'true' : '')}
            />
          </div>
        </div>
      </SearchForm>

      <ListStatus query={organizations} count={items.length} empty={t('organizations.none')} />
      {items.length > 0 && (
        <div className="table-responsive">
          <table className="table table-hover">
            <caption className="visually-hidden">{t('organizations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organizations.name')}</th>
                <th scope="col">{t('organizations.kind')}</th>
                <th scope="col">{t('organizations.region')}</th>
                <th scope="col">{t('organizations.province')}</th>
                <th scope="col">{t('organizations.codes')}</th>
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {items.map((organization, index) => {
                const website = safeHttpUrl(organization.website);
                return (
                  <tr key={organization.id}>
                    <th scope="row" tabIndex={-1} data-result-index={index} className="fw-semibold">
                      {website ? (
                        <a href={website} target="_blank" rel="noreferrer noopener">
                          {organization.name}
                          <span className="visually-hidden"> {t('common.newWindow')}</span>
                        </a>
                      ) : (
                        organization.name
                      )}
                      {organization.convergence && (
                        <span className="badge bg-secondary ms-2">{t('organizations.convergenceBadge')}</span>
                      )}
                      <Link to={`/enti/${organization.id}`} className="d-block small fw-normal py-1">
                        {t('practices.matching.needsLink')}
                      </Link>
                    </th>
                    <td>{kindLabel(t, organization.kind)}</td>
                    <td>{organization.region ?? '—'}</td>
                    <td>{organization.provinceName ?? '—'}</td>
                    <td className="small">
                      {organization.ipaCode && (
                        <span className="d-block">
                          <abbr title={t('organizations.ipaTitle')}>IPA</abbr> {organization.ipaCode}
                        </span>
                      )}
                      {organization.istatCode && (
                        <span className="d-block">
                          <abbr title={t('organizations.istatTitle')}>ISTAT</abbr> {organization.istatCode}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        listRef={tableRef}
        count={items.length}
        hasMore={organizations.hasNextPage}
        loading={organizations.isFetchingNextPage}
        onLoadMore={() => void organizations.fetchNextPage()}
      />
    </>
  );
}
