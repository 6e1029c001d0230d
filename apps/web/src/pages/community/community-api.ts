import type {
  FlagView,
  LabView,
  Page,
  PostView,
  ReactionEmoji,
  ReactionsView,
  SearchPage,
  SpaceView,
  SpaceVisibility,
  ThreadMergeView,
  ThreadReadView,
  ThreadSubscriptionLevel,
  ThreadSubscriptionView,
  ThreadView,
  ThreadWithFirstPost,
} from '@convergo/contracts';
import { api } from '../../api/client';
import { toApiError } from '../../api/problem';

/**
 * The community's server state: spaces, threads, posts, search. Query keys live here so the
 * pages, the live updates and the other capabilities that touch them (moderation, e-mail
 * preferences) name the same caches.
 */
export const communityKeys = {
  /** The spaces page's infinite list. */
  spaces: ['spaces'] as const,
  /** Every readable space in one page (names for the moderation views, move targets). */
  allSpaces: ['spaces-all'] as const,
  space: (spaceId: string | undefined) => ['space', spaceId] as const,
  /** Prefix of every space's thread list (unread counts change when a thread is read). */
  allSpaceThreads: ['space-threads'] as const,
  spaceThreads: (spaceId: string) => ['space-threads', spaceId] as const,
  mergeCandidates: (spaceId: string) => ['space-threads-for-merge', spaceId] as const,
  thread: (threadId: string) => ['thread', threadId] as const,
  threadPosts: (threadId: string) => ['thread-posts', threadId] as const,
  threadMerge: (threadId: string) => ['thread-merge', threadId] as const,
  search: (q: string) => ['search', q] as const,
  labPicker: ['labs', 'picker'] as const,
};

/** Rejects with an ApiError (problem details), as the mutations expect. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

export function fetchSpacesPage(limit: number, cursor: string | null, signal?: AbortSignal) {
  return api<Page<SpaceView>>('/spaces', { query: { limit, cursor }, signal });
}

export function fetchSpace(spaceId: string, signal?: AbortSignal) {
  return api<SpaceView>(`/spaces/${spaceId}`, { signal });
}

export interface NewSpace {
  name: string;
  description: string;
  visibility: SpaceVisibility;
  labId?: string;
}

export function createSpace(body: NewSpace): Promise<SpaceView> {
  return call(() => api<SpaceView>('/spaces', { method: 'POST', body }));
}

/** The labs a new lab space may belong to. */
export function fetchLabsForPicker(signal?: AbortSignal) {
  return api<Page<LabView>>('/labs', { query: { limit: 100 }, signal });
}

export function fetchSpaceThreads(
  spaceId: string,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<ThreadView>>(`/spaces/${spaceId}/threads`, { query: { limit, cursor }, signal });
}

export interface NewThread {
  title: string;
  body: string;
  tags: string[];
}

export function createThread(spaceId: string, body: NewThread): Promise<ThreadWithFirstPost> {
  return call(() => api<ThreadWithFirstPost>(`/spaces/${spaceId}/threads`, { method: 'POST', body }));
}

export function fetchThread(threadId: string, signal?: AbortSignal) {
  return api<ThreadView>(`/threads/${threadId}`, { signal });
}

/** Where the posts of a merged thread went. */
export function fetchThreadMerge(threadId: string, signal?: AbortSignal) {
  return api<ThreadMergeView>(`/threads/${threadId}/merge`, { signal });
}

export function fetchThreadPosts(
  threadId: string,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api<Page<PostView>>(`/threads/${threadId}/posts`, { query: { limit, cursor }, signal });
}

/** One post as the asker may see it (a hidden post's text and reason for its author and moderators). */
export function fetchPost(postId: string, signal?: AbortSignal) {
  return api<PostView>(`/posts/${postId}`, { signal });
}

/** The read marker: every post up to this one is read. */
export function markThreadRead(threadId: string, postId: string) {
  return api<ThreadReadView>(`/threads/${threadId}/read`, { method: 'POST', body: { postId } });
}

export function sendPost(threadId: string, body: string, replyToId: string | null): Promise<PostView> {
  return call(() =>
    api<PostView>(`/threads/${threadId}/posts`, {
      method: 'POST',
      body: { body, ...(replyToId ? { replyToId } : {}) },
    }),
  );
}

export function editPost(postId: string, body: string): Promise<PostView> {
  return call(() => api<PostView>(`/posts/${postId}`, { method: 'PATCH', body: { body } }));
}

export function reactToPost(postId: string, emoji: ReactionEmoji): Promise<ReactionsView> {
  return call(() => api<ReactionsView>(`/posts/${postId}/reactions`, { method: 'POST', body: { emoji } }));
}

export function flagPost(postId: string, reason: string): Promise<FlagView> {
  return call(() => api<FlagView>(`/posts/${postId}/flags`, { method: 'POST', body: { reason } }));
}

/** Follow, mute, or (null) neither. */
export function setThreadSubscription(
  threadId: string,
  level: ThreadSubscriptionLevel | null,
): Promise<ThreadSubscriptionView> {
  return call(() =>
    api<ThreadSubscriptionView>(`/threads/${threadId}/subscription`, {
      method: level ? 'POST' : 'DELETE',
      body: level ? { level } : undefined,
    }),
  );
}

export function searchPosts(q: string, limit: number, cursor: string | null, signal?: AbortSignal) {
  return api<SearchPage>('/search', { query: { q, limit, cursor }, signal });
}
