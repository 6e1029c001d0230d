import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { MemberRef, ModerationLogEntry } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormatters } from '../../i18n/format';
import { communityKeys } from '../community/community-api';
import { fetchModerationLog, fetchSpaces, moderationKeys } from './moderation-api';
import { ModerationGate } from './ModerationGate';
import { ModerationTabs } from './ModerationTabs';

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `/moderazione/registro`: every moderator action, newest first, filtered by moderator or member. */
export function ModerationLogPage() {
  const { t } = useTranslation();
  return <ModerationGate title={t('moderation.log.title')}>{() => <ModerationLog />}</ModerationGate>;
}

function ModerationLog() {
  const { t } = useTranslation();
  const format = useFormatters();
  const listRef = useRef<HTMLOListElement>(null);
  const [params, setParams] = useSearchParams();
  // The filters live in the address (shareable, back button); anything but a UUID is ignored.
  const moderator = UUID.test(params.get('moderatore') ?? '') ? params.get('moderatore')! : null;
  const member = UUID.test(params.get('membro') ?? '') ? params.get('membro')! : null;
  const names = { moderator: params.get('moderatoreNome') ?? '', member: params.get('membroNome') ?? '' };

  const spaces = useQuery({
    queryKey: communityKeys.allSpaces,
    queryFn: ({ signal }) => fetchSpaces(signal),
  });
  const spaceNames = new Map((spaces.data ?? []).map((s) => [s.id, s.name]));

  const log = useInfiniteQuery({
    queryKey: moderationKeys.log(moderator, member),
    queryFn: ({ pageParam, signal }) =>
      fetchModerationLog({ moderator, member }, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];

  const filterBy = (kind: 'moderatore' | 'membro', ref: MemberRef) => {
    const next = new URLSearchParams(params);
    next.set(kind, ref.id);
    next.set(`${kind}Nome`, ref.displayName);
    setParams(next);
  };
  const clear = () => setParams(new URLSearchParams());

  const target = (entry: ModerationLogEntry) => {
    const threadId =
      entry.targetType === 'thread'
        ? entry.targetId
        : typeof entry.details.threadId === 'string'
          ? entry.details.threadId
          : null;
    const label = t(`moderation.log.targets.${entry.targetType}`);
    return threadId ? <Link to={`/discussioni/${threadId}`}>{label}</Link> : label;
  };

  return (
    <>
      <h1 className="mb-3">{t('moderation.title')}</h1>
      <ModerationTabs />
      <p className="lead">{t('moderation.log.lead')}</p>
      {(moderator || member) && (
        <div className="alert alert-info d-flex flex-wrap gap-3 align-items-center" role="status">
          <span>
            {moderator && t('moderation.log.filteredModerator', { name: names.moderator || moderator })}
            {moderator && member && ' · '}
            {member && t('moderation.log.filteredMember', { name: names.member || member })}
          </span>
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={clear}>
            {t('moderation.log.clearFilters')}
          </button>
        </div>
      )}
      {log.isError && <ProblemAlert error={toApiError(log.error)} onRetry={() => void log.refetch()} />}
      {log.isPending && <Loading />}
      {log.isSuccess && items.length === 0 && <p className="alert alert-info">{t('moderation.log.empty')}</p>}
      <h2 className="visually-hidden" id="log-list-title">
        {t('moderation.log.listTitle')}
      </h2>
      <ol ref={listRef} className="list-unstyled moderation-log" aria-labelledby="log-list-title">
        {items.map((entry, index) => (
          <li key={entry.id} className="border-bottom py-2" data-result-index={index} tabIndex={-1}>
            <p className="mb-1">
              <time dateTime={entry.createdAt} className="small me-2">
                {format.dateTime(entry.createdAt)}
              </time>
              <strong className="log-action">{t(`moderation.log.actions.${entry.action}`)}</strong>
              {' · '}
              {target(entry)}
              {entry.spaceId && spaceNames.get(entry.spaceId) && ` · ${spaceNames.get(entry.spaceId)}`}
            </p>
            <p className="mb-1 small">
              {entry.moderator ? (
                <>
                  {t('moderation.log.by', { name: entry.moderator.displayName })}{' '}
                  <button
                    type="button"
                    className="btn btn-link btn-sm p-0 align-baseline"
                    onClick={() => filterBy('moderatore', entry.moderator!)}
                  >
                    {t('moderation.log.onlyModerator', { name: entry.moderator.displayName })}
                  </button>
                </>
              ) : (
                t('moderation.log.byUnknown')
              )}
              {entry.member && (
                <>
                  {' · '}
                  {t('moderation.log.concerning', { name: entry.member.displayName })}{' '}
                  <button
                    type="button"
                    className="btn btn-link btn-sm p-0 align-baseline"
                    onClick={() => filterBy('membro', entry.member!)}
                  >
                    {t('moderation.log.onlyMember', { name: entry.member.displayName })}
                  </button>
                </>
              )}
            </p>
            {entry.reason && (
              <p className="mb-0 small log-reason">{t('moderation.log.reason', { reason: entry.reason })}</p>
            )}
          </li>
        ))}
      </ol>
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={log.hasNextPage}
        loading={log.isFetchingNextPage}
        onLoadMore={() => void log.fetchNextPage()}
      />
    </>
  );
}
