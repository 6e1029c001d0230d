import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccessRequestView } from '@convergo/contracts';
import { toApiError, type ApiError } from '../api/problem';
import { useAuth } from '../auth/auth-context';
import { TextAreaField } from '../components/form';
import { LoadMore } from '../components/LoadMore';
import { Loading } from '../components/Loading';
import { ProblemAlert, problemMessage } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';
import { useFormatters } from '../i18n/format';
import { kindLabel } from '../lib/organization-labels';
import { useRoomEvents } from '../realtime/useRoomEvents';
import {
  decideAccessRequest,
  fetchPendingAccessRequests,
  memberKeys,
  type AccessRequestDecision,
} from './members/members-api';
import { InvitationForm } from './admin/InvitationForm';
import { ReferentAdminPage } from './admin/ReferentAdminPage';

/** `/amministrazione`: everything for admins; for a referent, their administration's colleagues. */
export function AdminPage() {
  const { member } = useAuth();
  if (member && member.role !== 'admin' && member.organization)
    return <ReferentAdminPage organization={member.organization} />;
  return <PlatformAdminPage />;
}

function PlatformAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  return (
    <>
      <h1 className="mb-4">{t('admin.title')}</h1>
      <PendingRequests />
      <InviteForm />
    </>
  );
}

function PendingRequests() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const listRef = useRef<HTMLUListElement>(null);
  const [announcement, setAnnouncement] = useState('');

  const requests = useInfiniteQuery({
    queryKey: memberKeys.pendingAccessRequests,
    queryFn: ({ pageParam, signal }) => fetchPendingAccessRequests(20, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  const refresh = () => void queryClient.invalidateQueries({ queryKey: memberKeys.pendingAccessRequests });
  // New requests and decisions taken by other admins show up without reloading.
  useRoomEvents(
    'admin',
    (event) => {
      if (event.type === 'access_request.created' || event.type === 'access_request.decided') refresh();
    },
    { onResync: refresh },
  );

  const items = requests.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="pending-title" className="mb-5">
      <h2 id="pending-title" className="h3 mb-3" tabIndex={-1}>
        {t('admin.pendingTitle')}
      </h2>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {requests.isPending && <Loading />}
      {requests.isError && <ProblemAlert error={toApiError(requests.error)} onRetry={refresh} />}
      {requests.isSuccess && items.length === 0 && <p>{t('admin.noPending')}</p>}
      {items.length > 0 && (
        <ul ref={listRef} className="list-unstyled">
          {items.map((request, index) => (
            <li key={request.id} className="mb-3">
              <AccessRequestCard
                request={request}
                index={index}
                onDecided={(decision) => {
                  setAnnouncement(t(`admin.${decision}Done`, { name: request.displayName }));
                  // The decided card goes away: keep the keyboard user in this section.
                  document.getElementById('pending-title')?.focus();
                  refresh();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={requests.hasNextPage}
        loading={requests.isFetchingNextPage}
        onLoadMore={() => void requests.fetchNextPage()}
      />
    </section>
  );
}

function AccessRequestCard({
  request,
  index,
  onDecided,
}: {
  request: AccessRequestView;
  index: number;
  onDecided(decision: AccessRequestDecision): void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const headingId = `request-${request.id}`;

  const decide = useMutation({
    mutationFn: ({ decision, note }: { decision: AccessRequestDecision; note?: string }) =>
      decideAccessRequest(request.id, decision, note),
    onSuccess: (_result, { decision }) => onDecided(decision),
  });
  const error: ApiError | null = decide.isError ? toApiError(decide.error) : null;

  const reject = (event: FormEvent) => {
    event.preventDefault();
    if (!decide.isPending) decide.mutate({ decision: 'reject', note: note.trim() || undefined });
  };

  return (
    <article className="result-card" aria-labelledby={headingId} tabIndex={-1} data-result-index={index}>
      <h3 id={headingId} className="h5 mb-1">
        {request.displayName} <span className="fw-normal text-muted">&lt;{request.email}&gt;</span>
      </h3>
      <p className="mb-1">
        {request.organization
          ? `${request.organization.name} (${kindLabel(t, request.organization.kind)}${request.organization.region ? `, ${request.organization.region}` : ''})`
          : t('profile.noOrganization')}
      </p>
      {request.jobTitle && <p className="mb-1">{request.jobTitle}</p>}
      {request.motivation && (
        <blockquote className="mb-2 border-start ps-3">
          <span className="visually-hidden">{t('admin.motivation')}: </span>
          {request.motivation}
        </blockquote>
      )}
      <p className="small text-muted mb-2">
        {t('admin.requestedAt', { date: format.dateTime(request.createdAt) })}
      </p>
      {error && (
        <p className="text-danger" role="alert">
          {problemMessage(error, t)}
        </p>
      )}
      {rejecting ? (
        <form onSubmit={reject} noValidate>
          <TextAreaField
            id={`reject-note-${request.id}`}
            label={t('admin.rejectNote')}
            hint={t('admin.rejectNoteHint')}
            maxLength={1000}
            rows={2}
            value={note}
            onValueChange={setNote}
            autoFocus
          />
          <div className="d-flex gap-2">
            <button type="submit" className="btn btn-danger btn-sm" aria-disabled={decide.isPending}>
              {t('admin.confirmReject')}
            </button>
            <button
              type="button"
              className="btn btn-outline-secondary btn-sm"
              onClick={() => setRejecting(false)}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="d-flex gap-2" role="group" aria-labelledby={headingId}>
          <button
            type="button"
            className="btn btn-success btn-sm"
            aria-disabled={decide.isPending}
            onClick={() => !decide.isPending && decide.mutate({ decision: 'approve' })}
          >
            {t('admin.approve')}
          </button>
          <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => setRejecting(true)}>
            {t('admin.reject')}
          </button>
        </div>
      )}
    </article>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title" className="h3 mb-3">
        {t('admin.inviteTitle')}
      </h2>
      <div className="row">
        <div className="col-12 col-lg-8">
          <InvitationForm idPrefix="invite" />
        </div>
      </div>
    </section>
  );
}
