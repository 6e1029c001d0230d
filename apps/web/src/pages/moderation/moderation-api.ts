import type {
  FlagQueueItem,
  FlagStatus,
  ModerationAction,
  ModerationActionResult,
  ModerationLogEntry,
  ModerationScopeView,
  Page,
  SpaceView,
  SuspensionView,
  ThreadMergedEvent,
  ThreadMovedEvent,
  ThreadView,
  WarningView,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';

/** Query keys of the moderation views (the spaces they name are the community's `allSpaces`). */
export const moderationKeys = {
  /** Prefix of every flag queue, whatever its filters. */
  allFlags: ['moderation-flags'] as const,
  flags: (status: FlagStatus, space: string) => ['moderation-flags', status, space] as const,
  log: (moderator: string | null, member: string | null) => ['moderation-log', moderator, member] as const,
  scope: (memberId: string | null) => ['moderation-scope', memberId] as const,
};

/** Rejects with an ApiError (problem details), as the mutations expect. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

export function actOnPosts(
  action: Extract<ModerationAction, 'hide' | 'restore' | 'dismiss'>,
  postIds: string[],
  reason: string,
): Promise<ModerationActionResult> {
  return call(() =>
    api<ModerationActionResult>('/moderation/actions', { method: 'POST', body: { action, postIds, reason } }),
  );
}

export function warnMember(memberId: string, reason: string): Promise<WarningView> {
  return call(() =>
    api<WarningView>(`/moderation/members/${memberId}/warnings`, { method: 'POST', body: { reason } }),
  );
}

export function suspendMember(
  memberId: string,
  reason: string,
  until: string | null,
): Promise<SuspensionView> {
  return call(() =>
    api<SuspensionView>(`/moderation/members/${memberId}/suspensions`, {
      method: 'POST',
      body: { reason, ...(until ? { until } : {}) },
    }),
  );
}

/** The spaces the member reads (names for the queue and the log; targets for moving a thread). */
export async function fetchSpaces(signal?: AbortSignal): Promise<SpaceView[]> {
  const page = await api<Page<SpaceView>>('/spaces', { query: { limit: 100 }, signal });
  return page.items;
}

export function fetchFlagQueue(
  filters: { status: FlagStatus; space: string },
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<FlagQueueItem>>('/moderation/flags', {
    query: { status: filters.status, space: filters.space || undefined, limit, cursor },
    signal,
  });
}

export function fetchModerationLog(
  filters: { moderator: string | null; member: string | null },
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<ModerationLogEntry>>('/moderation/log', {
    query: {
      moderator: filters.moderator ?? undefined,
      member: filters.member ?? undefined,
      limit,
      cursor,
    },
    signal,
  });
}

/** Where the signed-in member moderates. */
export function fetchModerationScope(signal?: AbortSignal) {
  return api<ModerationScopeView>('/moderation/scope', { signal });
}

export function lockThread(threadId: string, locked: boolean): Promise<ThreadView> {
  return call(() => api<ThreadView>(`/threads/${threadId}/lock`, { method: locked ? 'POST' : 'DELETE' }));
}

export function moveThread(threadId: string, spaceId: string, reason: string): Promise<ThreadMovedEvent> {
  return call(() =>
    api<ThreadMovedEvent>(`/moderation/threads/${threadId}/move`, {
      method: 'POST',
      body: { spaceId, reason },
    }),
  );
}

export function mergeThread(
  threadId: string,
  targetThreadId: string,
  reason: string,
): Promise<ThreadMergedEvent> {
  return call(() =>
    api<ThreadMergedEvent>(`/moderation/threads/${threadId}/merge`, {
      method: 'POST',
      body: { targetThreadId, reason },
    }),
  );
}
