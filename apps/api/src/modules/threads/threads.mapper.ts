import {
  REACTION_EMOJIS,
  type MemberRef,
  type PostRevisionView,
  type PostView,
  type ReactionCount,
  type ThreadView,
} from '@convergo/contracts';
import { excerpt } from '../../common/markdown/post-renderer';
import type { AppAbility } from '../auth/ability.factory';
import type { PostRecord, PostRevisionRecord, ReactionRecord } from './posts.repository';
import type { ThreadRecord } from './threads.repository';

/**
 * Who is looking: null id for realtime events, which every reader of the room receives. `rights`
 * (the viewer's ability and the space of the posts as a CASL subject) is null when nobody in
 * particular looks, or when the viewer's rights in the space do not matter (search hits).
 */
export interface Viewer {
  id: string | null;
  rights: { ability: AppAbility; space: Record<string, unknown> } | null;
}

export const PUBLIC_VIEWER: Viewer = { id: null, rights: null };

/** Answers per viewer: a page asks once per post, and a viewer is made per request. */
const moderatorViewers = new WeakMap<Viewer, boolean>();

/** Whether the viewer moderates the space (CASL `moderate` on the Space). */
function moderates(viewer: Viewer): boolean {
  if (viewer.rights === null) return false;
  let answer = moderatorViewers.get(viewer);
  if (answer === undefined) {
    answer = viewer.rights.ability.can('moderate', viewer.rights.space);
    moderatorViewers.set(viewer, answer);
  }
  return answer;
}

const iso = (value: Date | string | null): string | null =>
  value instanceof Date ? value.toISOString() : value ? new Date(value).toISOString() : null;

function memberRef(id: string | null, name: string | null, org: string | null): MemberRef | null {
  return id ? { id, displayName: name ?? '', organizationName: org } : null;
}

/** `viewer` null: the thread as realtime events carry it (no read marker, no subscription). */
export function toThreadView(row: ThreadRecord, viewer: Viewer | null): ThreadView {
  return {
    id: row.id,
    spaceId: row.spaceId,
    title: row.title,
    tags: row.tags,
    author: memberRef(row.authorId, row.authorName, row.authorOrg),
    pinned: row.pinned,
    pinnedAt: iso(row.pinnedAt),
    locked: row.lockedAt !== null,
    lockedAt: iso(row.lockedAt),
    postCount: Number(row.postCount),
    lastActivityAt: iso(row.lastActivityAt)!,
    lastPost:
      row.lastPostId && row.lastPostNumber !== null
        ? {
            id: row.lastPostId,
            number: row.lastPostNumber,
            author: memberRef(row.lastPostAuthorId, row.lastPostAuthorName, row.lastPostAuthorOrg),
            createdAt: iso(row.lastPostCreatedAt)!,
          }
        : null,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    viewer: viewer
      ? {
          unreadCount: Number(row.unreadCount),
          lastReadPostId: row.lastReadPostId,
          subscription: row.subscription,
          canModerate: moderates(viewer),
        }
      : null,
  };
}

export function toReactionCounts(rows: readonly ReactionRecord[]): ReactionCount[] {
  if (rows.length === 0) return [];
  return REACTION_EMOJIS.flatMap((emoji) => {
    const row = rows.find((r) => r.emoji === emoji);
    return row && row.count > 0 ? [{ emoji, count: Number(row.count), mine: row.mine === true }] : [];
  });
}

/**
 * A post as `viewer` may see it: deleted posts keep their place without their text; hidden
 * posts show their text and the reason only to their author and moderators.
 */
export function toPostView(
  row: PostRecord,
  reactions: readonly ReactionRecord[],
  mentions: ReadonlyMap<string, MemberRef>,
  viewer: Viewer,
): PostView {
  const deleted = row.deletedAt !== null;
  const hidden = row.hiddenAt !== null;
  const seesHidden = (viewer.id !== null && viewer.id === row.authorId) || moderates(viewer);
  const showsText = !deleted && (!hidden || seesHidden);
  return {
    id: row.id,
    threadId: row.threadId,
    spaceId: row.spaceId,
    number: row.number,
    author: memberRef(row.authorId, row.authorName, row.authorOrg),
    body: showsText ? row.body : null,
    bodyHtml: showsText ? row.bodyHtml : null,
    replyToId: row.replyToId,
    replyTo:
      row.replyToId && row.replyNumber !== null
        ? {
            id: row.replyToId,
            number: row.replyNumber,
            author: memberRef(row.replyAuthorId, row.replyAuthorName, row.replyAuthorOrg),
            excerpt: row.replyText !== null ? excerpt(row.replyText) : null,
          }
        : null,
    mentions: showsText
      ? row.mentionIds.flatMap((id) => {
          const ref = mentions.get(id);
          return ref ? [ref] : [];
        })
      : [],
    reactions: deleted
      ? []
      : toReactionCounts(viewer.id ? reactions : reactions.map((r) => ({ ...r, mine: false }))),
    editCount: row.editCount,
    editedAt: iso(row.editedAt),
    deleted,
    deletedAt: iso(row.deletedAt),
    hidden: hidden ? { at: iso(row.hiddenAt)!, reason: seesHidden ? row.hiddenReason : null } : null,
    createdAt: iso(row.createdAt)!,
  };
}

export function toRevisionView(row: PostRevisionRecord): PostRevisionView {
  return {
    id: row.id,
    postId: row.postId,
    revision: row.revision,
    body: row.body,
    editedBy: memberRef(row.editedBy, row.editorName, row.editorOrg),
    replacedAt: iso(row.createdAt)!,
  };
}
