import {
  REACTION_EMOJIS,
  type MemberRef,
  type PostRevisionView,
  type PostView,
  type ReactionCount,
  type ThreadView,
} from '@convergo/contracts';
import { excerpt } from './markdown/post-renderer';
import type { PostRow, ReactionRow, RevisionRow } from './posts.repository';
import type { ThreadRow } from './threads.repository';

/** Who is looking: null id for realtime events, which every reader of the room receives. */
export interface Viewer {
  id: string | null;
  canModerate: boolean;
}

export const PUBLIC_VIEWER: Viewer = { id: null, canModerate: false };

const iso = (value: Date | string | null): string | null => (value ? new Date(value).toISOString() : null);

function memberRef(id: string | null, name: string | null, org: string | null): MemberRef | null {
  return id ? { id, displayName: name ?? '', organizationName: org } : null;
}

/** `viewer` null: the thread as realtime events carry it (no read marker, no subscription). */
export function toThreadView(row: ThreadRow, viewer: { canModerate: boolean } | null): ThreadView {
  return {
    id: row.id,
    spaceId: row.space_id,
    title: row.title,
    tags: row.tags,
    author: memberRef(row.author_id, row.author_name, row.author_org),
    pinned: row.pinned,
    pinnedAt: iso(row.pinned_at),
    locked: row.locked_at !== null,
    lockedAt: iso(row.locked_at),
    postCount: Number(row.post_count),
    lastActivityAt: iso(row.last_activity_at)!,
    lastPost:
      row.last_post_id && row.last_post_number !== null
        ? {
            id: row.last_post_id,
            number: row.last_post_number,
            author: memberRef(row.last_post_author_id, row.last_post_author_name, row.last_post_author_org),
            createdAt: iso(row.last_post_created_at)!,
          }
        : null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    viewer: viewer
      ? {
          unreadCount: Number(row.unread_count),
          lastReadPostId: row.last_read_post_id,
          subscription: row.subscription,
          canModerate: viewer.canModerate,
        }
      : null,
  };
}

export function toReactionCounts(rows: readonly ReactionRow[]): ReactionCount[] {
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
  row: PostRow,
  reactions: readonly ReactionRow[],
  mentions: ReadonlyMap<string, MemberRef>,
  viewer: Viewer,
): PostView {
  const deleted = row.deleted_at !== null;
  const hidden = row.hidden_at !== null;
  const seesHidden = viewer.canModerate || (viewer.id !== null && viewer.id === row.author_id);
  const showsText = !deleted && (!hidden || seesHidden);
  return {
    id: row.id,
    threadId: row.thread_id,
    spaceId: row.space_id,
    number: row.number,
    author: memberRef(row.author_id, row.author_name, row.author_org),
    body: showsText ? row.body : null,
    bodyHtml: showsText ? row.body_html : null,
    replyToId: row.reply_to_id,
    replyTo:
      row.reply_to_id && row.reply_number !== null
        ? {
            id: row.reply_to_id,
            number: row.reply_number,
            author: memberRef(row.reply_author_id, row.reply_author_name, row.reply_author_org),
            excerpt: row.reply_text !== null ? excerpt(row.reply_text) : null,
          }
        : null,
    mentions: showsText
      ? row.mention_ids.flatMap((id) => {
          const ref = mentions.get(id);
          return ref ? [ref] : [];
        })
      : [],
    reactions: deleted
      ? []
      : toReactionCounts(viewer.id ? reactions : reactions.map((r) => ({ ...r, mine: false }))),
    editCount: row.edit_count,
    editedAt: iso(row.edited_at),
    deleted,
    deletedAt: iso(row.deleted_at),
    hidden: hidden ? { at: iso(row.hidden_at)!, reason: seesHidden ? row.hidden_reason : null } : null,
    createdAt: iso(row.created_at)!,
  };
}

export function toRevisionView(row: RevisionRow): PostRevisionView {
  return {
    id: row.id,
    postId: row.post_id,
    revision: row.revision,
    body: row.body,
    editedBy: memberRef(row.edited_by, row.editor_name, row.editor_org),
    replacedAt: iso(row.created_at)!,
  };
}
