import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ListStatus } from '../components/ListStatus';
import { LoadMore } from '../components/LoadMore';
import { OrganizationPicker, type PickedOrganization } from '../components/OrganizationPicker';
import { SearchForm } from '../components/SearchForm';
import { usePageTitle } from '../components/usePageTitle';
import { kindLabel } from '../lib/organization-labels';
import { fetchMemberDirectory, memberKeys } from './members/members-api';

const PAGE_SIZE = 20;

export function MembersPage() {
  const { t } = useTranslation();
  usePageTitle(t('members.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const organizationId = params.get('org') ?? '';
  const [organization, setOrganization] = useState<PickedOrganization | null>(
    organizationId
      ? {
          id: organizationId,
          name: params.get('orgName') ?? t('members.selectedOrganization'),
          kind: '',
          region: null,
        }
      : null,
  );
  const listRef = useRef<HTMLUListElement>(null);

  const members = useInfiniteQuery({
    queryKey: memberKeys.directory({ q, organizationId }),
    queryFn: ({ pageParam, signal }) =>
      fetchMemberDirectory({ q, organizationId }, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const update = (next: { q?: string; organization?: PickedOrganization | null }) => {
    const search = new URLSearchParams(params);
    if (next.q !== undefined) {
      if (next.q) search.set('q', next.q);
      else search.delete('q');
    }
    if (next.organization !== undefined) {
      if (next.organization) {
        search.set('org', next.organization.id);
        search.set('orgName', next.organization.name);
      } else {
        search.delete('org');
        search.delete('orgName');
      }
    }
    setParams(search, { replace: true });
  };

  const items = members.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1 className="mb-4">{t('members.title')}</h1>
      <SearchForm
        id="members-q"
        formLabel={t('members.searchLabel')}
        label={t('members.q')}
        initial={q}
        maxLength={100}
        onSearch={(words) => update({ q: words })}
      >
        <OrganizationPicker
          id="members-organization"
          legend={t('members.organizationFilter')}
          value={organization}
          onChange={(picked) => {
            setOrganization(picked);
            update({ organization: picked });
          }}
        />
      </SearchForm>

      <ListStatus query={members} count={items.length} empty={t('members.none')} />
      {items.length > 0 && (
        <ul ref={listRef} className="row list-unstyled g-3" aria-label={t('members.results')}>
          {items.map((member, index) => (
            <li key={member.id} className="col-12 col-md-6 col-xl-4">
              <article
                className="result-card"
                tabIndex={-1}
                data-result-index={index}
                aria-labelledby={`member-${member.id}`}
              >
                <h2 className="h5 mb-1" id={`member-${member.id}`}>
                  {member.displayName}
                </h2>
                {member.jobTitle && <p className="mb-1">{member.jobTitle}</p>}
                {member.organization && (
                  <p className="mb-1 text-muted">
                    {member.organization.name}
                    {member.organization.kind && ` · ${kindLabel(t, member.organization.kind)}`}
                    {member.organization.region && ` · ${member.organization.region}`}
                  </p>
                )}
                <p className="mb-1">
                  {member.role !== 'member' && (
                    <span className="badge bg-primary me-1">{t(`roles.${member.role}`)}</span>
                  )}
                  {member.isReferent && <span className="badge bg-secondary">{t('profile.referent')}</span>}
                </p>
                {member.interests.length > 0 && (
                  <p className="mb-0 small">
                    <span className="fw-semibold">{t('profile.interests')}:</span>{' '}
                    {member.interests.join(', ')}
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
        hasMore={members.hasNextPage}
        loading={members.isFetchingNextPage}
        onLoadMore={() => void members.fetchNextPage()}
      />
    </>
  );
}
