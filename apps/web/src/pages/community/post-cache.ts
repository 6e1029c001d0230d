import type { InfiniteData } from '@tanstack/react-query';
import type { Page, PostView, ReactionCount, ReactionUpdate } from '@convergo/contracts';

export type PostPages = InfiniteData<Page<PostView>, string | null>;

/**
 * Adds a post from `post.created` (or its replay after a reconnect): once per id, in `number`
 * order. While later pages are still to be loaded the post is left for them to bring.
 */
export function addPost(data: PostPages | undefined, post: PostView): PostPages | undefined {
  if (!data || data.pages.length === 0) return data;
  if (data.pages.some((page) => page.items.some((p) => p.id === post.id))) return replacePost(data, post);
  const last = data.pages[data.pages.length - 1];
  if (last.nextCursor !== null) return data;
  const items = [...last.items, post].sort((a, b) => a.number - b.number);
  return { ...data, pages: [...data.pages.slice(0, -1), { ...last, items }] };
}

/**
 * Applies `post.updated`, `post.deleted`, `post.hidden`, `post.restored`: the event carries the
 * post as any reader sees it, so the asker's own `mine` flags on reactions are kept.
 */
export function replacePost(data: PostPages | undefined, post: PostView): PostPages | undefined {
  if (!data) return data;
  return mapPosts(data, post.id, (old) => ({ ...post, reactions: mergeMine(post.reactions, old.reactions) }));
}

/** Applies `reaction.updated`: new counts; `mine` changes only when the asker toggled. */
export function applyReaction(
  data: PostPages | undefined,
  update: ReactionUpdate,
  myId: string | null,
): PostPages | undefined {
  if (!data) return data;
  return mapPosts(data, update.postId, (old) => {
    const reactions = mergeMine(update.reactions, old.reactions).map((r) =>
      update.memberId === myId && r.emoji === update.emoji ? { ...r, mine: update.active } : r,
    );
    return { ...old, reactions };
  });
}

/** Sets the answer of `POST /posts/:id/reactions` (which carries the asker's `mine`). */
export function setReactions(data: PostPages | undefined, postId: string, reactions: ReactionCount[]) {
  if (!data) return data;
  return mapPosts(data, postId, (old) => ({ ...old, reactions }));
}

function mergeMine(next: ReactionCount[], previous: ReactionCount[]): ReactionCount[] {
  return next.map((r) => ({
    ...r,
    mine: r.count > 0 && (previous.find((p) => p.emoji === r.emoji)?.mine ?? false),
  }));
}

function mapPosts(data: PostPages, id: string, change: (post: PostView) => PostView): PostPages {
  let changed = false;
  const pages = data.pages.map((page) => {
    if (!page.items.some((p) => p.id === id)) return page;
    changed = true;
    return { ...page, items: page.items.map((p) => (p.id === id ? change(p) : p)) };
  });
  return changed ? { ...data, pages } : data;
}
