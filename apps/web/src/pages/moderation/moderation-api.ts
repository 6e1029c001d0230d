import type {
  ModerationAction,
  ModerationActionResult,
  Page,
  SpaceView,
  SuspensionView,
  WarningView,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';

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
