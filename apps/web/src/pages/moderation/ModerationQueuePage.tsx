import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { roomName, type EventEnvelope, type FlagStatus, type ModerationScopeView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { SelectField } from '../../components/form';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isEventOfType } from '../../realtime/useRoomEvents';
import { BulkActionForm } from './BulkActionForm';
import { FlagQueueCard } from './FlagQueueCard';
import { communityKeys } from '../community/community-api';
import { fetchFlagQueue, fetchSpaces, moderationKeys } from './moderation-api';
import { ModerationGate } from './ModerationGate';
import { ModerationTabs } from './ModerationTabs';
import { RoomListener } from './RoomListener';

const PAGE_SIZE = 50;

/** `/moderazione`: the flag queue, live, with bulk and per-item actions. */
export function ModerationQueuePage() {
  const { t } = useTranslation();
  return (
    <ModerationGate title={t('moderation.queue.title')}>
      {(scope) => <FlagQueue scope={scope} />}
    </ModerationGate>
  );
}

function FlagQueue({ scope }: { scope: ModerationScopeView }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const queryClient = useQueryClient();
  const listRef = useRef<HTMLOListElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<FlagStatus>('open');
  const [space, setSpace] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  const spaces = useQuery({
    queryKey: communityKeys.allSpaces,
    queryFn: ({ signal }) => fetchSpaces(signal),
  });
  const spaceNames = new Map((spaces.data ?? []).map((s) => [s.id, s.name]));
  const moderated = (spaces.data ?? []).filter((s) => scope.everySpace || scope.spaceIds.includes(s.id));

  const flags = useInfiniteQuery({
    queryKey: moderationKeys.flags(status, space),
    queryFn: ({ pageParam, signal }) => fetchFlagQueue({ status, space }, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = flags.data?.pages.flatMap((page) => page.items) ?? [];
  const itemIds = items.map((item) => item.postId);
  const chosen = itemIds.filter((id) => selected.has(id));

  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: moderationKeys.allFlags }),
    [queryClient],
  );

  // RoomListener always calls the latest handler: no memo needed for the names it reads.
  const onEvent = (event: EventEnvelope) => {
    if (isEventOfType(event, 'flag.created')) {
      setAnnouncement(
        t('moderation.queue.newFlag', {
          number: event.data.post.number,
          space: spaceNames.get(event.data.spaceId) ?? '',
          reason: event.data.reason,
        }),
      );
      refresh();
    } else if (isEventOfType(event, 'flag.resolved')) {
      refresh();
    }
  };

  // Some, not all, selected: the "select all" box says so.
  useEffect(() => {
    if (selectAllRef.current) {
      selectAllRef.current.indeterminate = chosen.length > 0 && chosen.length < itemIds.length;
    }
  }, [chosen.length, itemIds.length]);

  const toggle = (postId: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(postId);
      else next.delete(postId);
      return next;
    });

  const rooms = scope.everySpace
    ? ['moderation']
    : scope.spaceIds.map((id) => roomName('moderation_space', id));

  return (
    <>
      {rooms.map((room) => (
        <RoomListener key={room} room={room} onEvent={onEvent} onResync={refresh} />
      ))}
      <h1 className="mb-3">{t('moderation.title')}</h1>
      <ModerationTabs />
      <p className="lead">
        {scope.everySpace ? t('moderation.queue.leadAll') : t('moderation.queue.leadSpaces')}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite" id="moderation-live">
        {announcement}
      </p>
      <form
        className="row g-3 mb-2"
        aria-label={t('moderation.queue.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="col-12 col-md-4">
          <SelectField
            id="queue-status"
            label={t('moderation.queue.status')}
            value={status}
            onValueChange={(value) => {
              setStatus(value === 'resolved' ? 'resolved' : 'open');
              setSelected(new Set());
            }}
            options={[
              { value: 'open', label: t('moderation.queue.statusOpen') },
              { value: 'resolved', label: t('moderation.queue.statusResolved') },
            ]}
          />
        </div>
        <div className="col-12 col-md-8">
          <SelectField
            id="queue-space"
            label={t('moderation.queue.space')}
            value={space}
            onValueChange={(value) => {
              setSpace(value);
              setSelected(new Set());
            }}
            options={[
              { value: '', label: t('moderation.queue.allSpaces') },
              ...moderated.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        </div>
      </form>

      {flags.isError && <ProblemAlert error={toApiError(flags.error)} onRetry={() => void flags.refetch()} />}
      {flags.isPending && <Loading />}
      {flags.isSuccess && items.length === 0 && (
        <p className="alert alert-info">
          {status === 'open' ? t('moderation.queue.empty') : t('moderation.queue.emptyResolved')}
        </p>
      )}
      {items.length > 0 && (
        <>
          <BulkActionForm
            postIds={chosen}
            onDone={(count, action) => {
              setSelected(new Set());
              setAnnouncement(
                t('moderation.bulk.done', { count, action: t(`moderation.actions.${action}`) }),
              );
              refresh();
            }}
          />
          <div className="form-check mb-3">
            <input
              ref={selectAllRef}
              id="queue-select-all"
              className="form-check-input"
              type="checkbox"
              checked={chosen.length > 0 && chosen.length === itemIds.length}
              onChange={(event) => setSelected(event.target.checked ? new Set(itemIds) : new Set())}
            />
            <label className="form-check-label" htmlFor="queue-select-all">
              {t('moderation.queue.selectAll', { count: itemIds.length })}
            </label>
          </div>
          <h2 className="visually-hidden" id="queue-list-title">
            {t('moderation.queue.listTitle')}
          </h2>
          <ol ref={listRef} className="list-unstyled" aria-labelledby="queue-list-title">
            {items.map((item, index) => (
              <li key={item.postId} className="mb-3">
                <FlagQueueCard
                  item={item}
                  index={index}
                  spaceName={spaceNames.get(item.spaceId) ?? ''}
                  selected={selected.has(item.postId)}
                  onSelect={(on) => toggle(item.postId, on)}
                  mayDiscipline={
                    scope.everySpace && item.post.author !== null && item.post.author.id !== member?.id
                  }
                  onDone={(message) => {
                    setAnnouncement(message);
                    toggle(item.postId, false);
                    refresh();
                  }}
                />
              </li>
            ))}
          </ol>
          <LoadMore
            listRef={listRef}
            count={items.length}
            hasMore={flags.hasNextPage}
            loading={flags.isFetchingNextPage}
            onLoadMore={() => void flags.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
