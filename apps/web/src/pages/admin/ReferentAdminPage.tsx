import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvitationView, OrganizationSummary } from '@convergo/contracts';
import { toApiError, type ApiError } from '../../api/problem';
import { ListStatus } from '../../components/ListStatus';
import { LoadMore } from '../../components/LoadMore';
import { InvitationForm } from './InvitationForm';
import { Loading } from '../../components/Loading';
import { ProblemAlert, problemMessage } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import {
  fetchMemberDirectory,
  fetchPendingInvitations,
  memberKeys,
  revokeInvitation,
} from '../members/members-api';

/**
 * `/amministrazione` for an administration's referent: invite colleagues (as officials of the
 * referent's own administration, which is all the API lets a referent do), follow and revoke
 * the pending invitations, and see the administration's people.
 */
export function ReferentAdminPage({ organization }: { organization: OrganizationSummary }) {
  const { t } = useTranslation();
  usePageTitle(t('admin.referent.title', { organization: organization.name }));
  return (
    <>
      <h1 className="mb-2">{t('admin.referent.title', { organization: organization.name })}</h1>
      <p className="lead mb-4">{t('admin.referent.intro')}</p>
      <InviteColleague organization={organization} />
      <PendingInvitations />
      <Colleagues organization={organization} />
    </>
  );
}

function InviteColleague({ organization }: { organization: OrganizationSummary }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="colleague-invite-title" className="mb-5">
      <h2 id="colleague-invite-title" className="h3 mb-2">
        {t('admin.referent.inviteTitle')}
      </h2>
      <p>{t('admin.referent.inviteIntro', { organization: organization.name })}</p>
      <div className="row">
        <div className="col-12 col-lg-8">
          <InvitationForm idPrefix="colleague" organization={organization} />
        </div>
      </div>
    </section>
  );
}

function PendingInvitations() {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const invitations = useQuery({
    queryKey: memberKeys.pendingInvitations,
    queryFn: ({ signal }) => fetchPendingInvitations(signal),
  });
  const revoke = useMutation<void, ApiError, InvitationView>({
    mutationFn: (invitation) => revokeInvitation(invitation.id),
    onSuccess: (_nothing, invitation) => {
      // Gone from the list together with the announcement, not a refetch later.
      queryClient.setQueryData<{ items: InvitationView[] }>(memberKeys.pendingInvitations, (data) =>
        data ? { ...data, items: data.items.filter((i) => i.id !== invitation.id) } : data,
      );
      setAnnouncement(t('admin.referent.revoked', { email: invitation.email }));
      document.getElementById('pending-invitations-title')?.focus();
      void queryClient.invalidateQueries({ queryKey: memberKeys.pendingInvitations });
    },
  });
  const items = invitations.data?.items ?? [];

  return (
    <section aria-labelledby="pending-invitations-title" className="mb-5">
      <h2 id="pending-invitations-title" className="h3 mb-3" tabIndex={-1}>
        {t('admin.referent.pendingTitle')}
      </h2>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {invitations.isPending && <Loading />}
      {invitations.isError && (
        <ProblemAlert error={toApiError(invitations.error)} onRetry={() => void invitations.refetch()} />
      )}
      {revoke.isError && (
        <p className="text-danger" role="alert">
          {problemMessage(toApiError(revoke.error), t)}
        </p>
      )}
      {invitations.isSuccess && items.length === 0 && <p>{t('admin.referent.noPending')}</p>}
      {items.length > 0 && (
        <ul className="list-group pending-invitations">
          {items.map((invitation) => (
            <li
              key={invitation.id}
              className="list-group-item d-flex flex-wrap gap-2 align-items-center"
              data-invitation-id={invitation.id}
            >
              <span className="fw-semibold">{invitation.email}</span>
              <span className="small text-muted">
                {t('admin.referent.expires', { date: format.dateTime(invitation.expiresAt) })}
              </span>
              <button
                type="button"
                className="btn btn-outline-danger btn-xs ms-auto"
                aria-disabled={revoke.isPending}
                onClick={() => !revoke.isPending && revoke.mutate(invitation)}
              >
                {t('admin.referent.revoke')}
                <span className="visually-hidden"> · {invitation.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Colleagues({ organization }: { organization: OrganizationSummary }) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  const filters = { q: '', organizationId: organization.id };
  const colleagues = useInfiniteQuery({
    queryKey: memberKeys.directory(filters),
    queryFn: ({ pageParam, signal }) => fetchMemberDirectory(filters, 50, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = colleagues.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="colleagues-title">
      <h2 id="colleagues-title" className="h3 mb-3">
        {t('admin.referent.colleaguesTitle', { organization: organization.name })}
      </h2>
      <ListStatus query={colleagues} count={items.length} empty={t('admin.referent.noColleagues')} />
      {items.length > 0 && (
        <ul ref={listRef} className="list-group colleagues">
          {items.map((colleague, index) => (
            <li
              key={colleague.id}
              className="list-group-item"
              tabIndex={-1}
              data-result-index={index}
              data-member-id={colleague.id}
            >
              <span className="fw-semibold">{colleague.displayName}</span>
              {colleague.jobTitle && <span className="text-muted"> · {colleague.jobTitle}</span>}
              {colleague.isReferent && (
                <span className="badge bg-secondary ms-2">{t('profile.referent')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={colleagues.hasNextPage}
        loading={colleagues.isFetchingNextPage}
        onLoadMore={() => void colleagues.fetchNextPage()}
      />
    </section>
  );
}
