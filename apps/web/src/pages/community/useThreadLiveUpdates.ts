import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { roomName, type ThreadView } from '@convergo/contracts';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import type { ThreadSignals } from '../../realtime/useThreadSignals';
import { communityKeys, fetchPost, fetchSpace } from './community-api';
import { addPost, applyReaction, replacePost, type PostPages } from './post-cache';

export type PostsEdit = (change: (data: PostPages | undefined) => PostPages | undefined) => void;

/** Edits the cached posts of a thread (live events, a sent reply, an edit, reactions). */
export function usePostsCache(threadId: string): PostsEdit {
  const queryClient = useQueryClient();
  return useCallback(
    (change) => {
      const queryKey = communityKeys.threadPosts(threadId);
      queryClient.setQueryData<PostPages>(queryKey, change);
      // A load in flight was read before this change and would undo it when it lands: read again.
      if (queryClient.isFetching({ queryKey, exact: true }) > 0) {
        void queryClient.invalidateQueries({ queryKey, exact: true });
      }
    },
    [queryClient, threadId],
  );
}

interface ThreadLiveUpdatesOptions {
  threadId: string;
  myId: string | null;
  /** The thread's title, carried to the target when this thread is merged into another. */
  title: string | undefined;
  signals: ThreadSignals;
  editPosts: PostsEdit;
  /** Loads the thread and its posts again (after a resync, a catch-up, a merge into it). */
  reload(): void;
  announce(text: string): void;
}

/** Folds the events of `thread:<id>` into the thread's and its posts' caches, announcing what readers should hear. */
export function useThreadLiveUpdates({
  threadId,
  myId,
  title,
  signals,
  editPosts,
  reload,
  announce,
}: ThreadLiveUpdatesOptions): void {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useRoomEvents(
    roomName('thread', threadId),
    (event) => {
      if (isEventOfType(event, 'post.created')) {
        editPosts((data) => addPost(data, event.data));
        if (event.data.author) signals.postedBy(event.data.author.id);
        if (event.data.author?.id !== myId) {
          announce(
            t('community.newPostAnnounced', {
              name: event.data.author?.displayName ?? t('community.unknownMember'),
            }),
          );
        }
      } else if (
        isEventOfType(event, 'post.updated') ||
        isEventOfType(event, 'post.deleted') ||
        isEventOfType(event, 'post.hidden') ||
        isEventOfType(event, 'post.restored')
      ) {
        editPosts((data) => replacePost(data, event.data));
        // The event carries the post as any reader sees it: a hidden post without its text and
        // reason. Its author and the moderators read both, so they ask for their own view.
        const post = event.data;
        const canModerate = queryClient.getQueryData<ThreadView>(communityKeys.thread(threadId))?.viewer
          ?.canModerate;
        if (post.hidden && (canModerate || (myId !== null && post.author?.id === myId))) {
          void fetchPost(post.id).then(
            // Unless it was restored meanwhile (a later event already brought the post back).
            (own) =>
              editPosts((data) =>
                data?.pages.some((page) => page.items.some((p) => p.id === own.id && p.hidden))
                  ? replacePost(data, own)
                  : data,
              ),
            // Without its own view the reason would never show: the page read again carries it.
            () =>
              void queryClient.invalidateQueries({
                queryKey: communityKeys.threadPosts(threadId),
                exact: true,
              }),
          );
        }
      } else if (isEventOfType(event, 'reaction.updated')) {
        editPosts((data) => applyReaction(data, event.data, myId));
      } else if (
        isEventOfType(event, 'thread.updated') ||
        isEventOfType(event, 'thread.locked') ||
        isEventOfType(event, 'thread.pinned')
      ) {
        queryClient.setQueryData<ThreadView>(communityKeys.thread(threadId), (old) => ({
          ...event.data,
          viewer: old?.viewer ?? event.data.viewer,
        }));
      } else if (isEventOfType(event, 'thread.moved') && event.data.thread.id === threadId) {
        // The breadcrumb follows the new space (its name is fetched by the space query).
        queryClient.setQueryData<ThreadView>(communityKeys.thread(threadId), (old) => ({
          ...event.data.thread,
          viewer: old?.viewer ?? event.data.thread.viewer,
        }));
        void queryClient
          .fetchQuery({
            queryKey: communityKeys.space(event.data.toSpaceId),
            queryFn: () => fetchSpace(event.data.toSpaceId),
          })
          .then(
            (to) => announce(t('community.movedAnnounced', { space: to.name })),
            () => announce(t('community.movedAnnounced', { space: '' })),
          );
      } else if (isEventOfType(event, 'thread.merged')) {
        if (event.data.sourceThreadId === threadId) {
          void navigate(`/discussioni/${event.data.target.id}`, {
            replace: true,
            state: { mergedFrom: title ?? '' },
          });
        } else {
          // This is the target: the merged posts arrive at the end.
          reload();
          announce(t('community.mergedHereAnnounced'));
        }
      }
    },
    { onResync: reload, onCaughtUp: reload },
  );
}
