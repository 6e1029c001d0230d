import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { PostView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { communityKeys, fetchThreadPosts } from './community-api';
import { PostCard } from './PostCard';
import { replacePost, setReactions } from './post-cache';
import { useReadMarkers } from './useReadMarkers';
import type { PostsEdit } from './useThreadLiveUpdates';

const PAGE_SIZE = 100;

/** The posts of a thread, oldest first, loaded by pages; posts seen on screen mark the thread read. */
export function usePosts(threadId: string) {
  return useInfiniteQuery({
    queryKey: communityKeys.threadPosts(threadId),
    queryFn: ({ pageParam, signal }) => fetchThreadPosts(threadId, PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

interface PostListProps {
  threadId: string;
  posts: ReturnType<typeof usePosts>;
  myId: string | null;
  locked: boolean;
  editPosts: PostsEdit;
  onReply(post: PostView): void;
}

export function PostList({ threadId, posts, myId, locked, editPosts, onReply }: PostListProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const observe = useReadMarkers(threadId);
  const items = posts.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h2 className="visually-hidden" id="posts-title">
        {t('community.postsList')}
      </h2>
      {posts.isPending && <Loading />}
      {posts.isError && <ProblemAlert error={toApiError(posts.error)} onRetry={() => void posts.refetch()} />}
      <ol ref={listRef} className="list-unstyled post-list" aria-labelledby="posts-title">
        {items.map((post, index) => (
          <li key={post.id} className="mb-3">
            <PostCard
              post={post}
              index={index}
              mine={post.author?.id === myId}
              locked={locked}
              observe={observe}
              onReply={() => onReply(post)}
              onChanged={(next) => editPosts((d) => replacePost(d, next))}
              onReactions={(view) => editPosts((d) => setReactions(d, view.postId, view.reactions))}
            />
          </li>
        ))}
      </ol>
      <LoadMore
        listRef={listRef}
        count={items.length}
        hasMore={posts.hasNextPage}
        loading={posts.isFetchingNextPage}
        onLoadMore={() => void posts.fetchNextPage()}
      />
    </>
  );
}
