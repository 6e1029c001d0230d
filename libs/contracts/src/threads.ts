/** Threads, posts, reactions, flags, search and the ephemeral thread signals (typing, presence). */
import type { MemberRef } from './spaces';

export const THREAD_TITLE_MIN_LENGTH = 3;
export const THREAD_TITLE_MAX_LENGTH = 200;
/** Markdown source of a post, in characters. */
export const POST_BODY_MAX_LENGTH = 20_000;
/** Posts (threads' first posts included) a member may write per minute. */
export const POSTS_PER_MINUTE = 20;
export const THREAD_TAGS_MAX = 10;
export const TAG_MAX_LENGTH = 32;
/** Tags are lower-case words, digits, spaces and dashes: "open data", "pon-metro". */
export const TAG_PATTERN = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N} -]*$/u;
export const REASON_MAX_LENGTH = 500;
/** Authors may delete their own posts for this long after writing them. */
export const POST_DELETE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The fixed set of reactions, toggled per member. */
export const REACTION_EMOJIS = ['👍', '❤️', '🎉', '💡', '👏'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];

/**
 * Mentions are written as `[@Display Name](member:<uuid>)` (what the editor inserts when a member
 * is picked). The server shows the member's current name, links it to `/membri/<uuid>` and
 * notifies the member, if they can read the space.
 */
export const MENTION_PATTERN_SOURCE = String.raw`\[@[^\]\n]{1,80}\]\(member:([0-9a-f-]{36})\)`;

export type ThreadSubscriptionLevel = 'watching' | 'muted';

/** What the thread is to the member asking; null in realtime events, which every reader receives. */
export interface ThreadViewerState {
  /** Visible posts by others after the asker's last-read marker. */
  unreadCount: number;
  lastReadPostId: string | null;
  subscription: ThreadSubscriptionLevel | null;
  canModerate: boolean;
}

export interface ThreadView {
  id: string;
  spaceId: string;
  title: string;
  tags: string[];
  author: MemberRef | null;
  pinned: boolean;
  pinnedAt: string | null;
  locked: boolean;
  lockedAt: string | null;
  /** Visible (not deleted, not hidden) posts, the first one included. */
  postCount: number;
  lastActivityAt: string;
  lastPost: { id: string; number: number; author: MemberRef | null; createdAt: string } | null;
  createdAt: string;
  updatedAt: string;
  viewer: ThreadViewerState | null;
}

/** `POST /spaces/:id/threads` answers with the thread and its first post. */
export interface ThreadWithFirstPost extends ThreadView {
  firstPost: PostView;
}

export interface ReactionCount {
  emoji: ReactionEmoji;
  count: number;
  /** Whether the asker reacted with this emoji (false in realtime events). */
  mine: boolean;
}

/** The post a reply quotes. `excerpt` is null when that post was deleted or hidden. */
export interface QuotedPost {
  id: string;
  number: number;
  author: MemberRef | null;
  excerpt: string | null;
}

export interface PostView {
  id: string;
  threadId: string;
  spaceId: string;
  /** 1 for the first post, then in order of writing. */
  number: number;
  author: MemberRef | null;
  /** Markdown source; null once deleted, and for hidden posts to all but their author and moderators. */
  body: string | null;
  /** Sanitised HTML rendered from `body`. */
  bodyHtml: string | null;
  replyToId: string | null;
  replyTo: QuotedPost | null;
  mentions: MemberRef[];
  reactions: ReactionCount[];
  editCount: number;
  editedAt: string | null;
  deleted: boolean;
  deletedAt: string | null;
  /** Set while a moderator hides the post; `reason` only for its author and moderators. */
  hidden: { at: string; reason: string | null } | null;
  createdAt: string;
}

export interface PostRevisionView {
  id: string;
  postId: string;
  /** 1 for the original text. */
  revision: number;
  body: string;
  editedBy: MemberRef | null;
  /** When this text was replaced by the next revision. */
  replacedAt: string;
}

/** `POST /posts/:id/reactions` answer. */
export interface ReactionsView {
  postId: string;
  threadId: string;
  reactions: ReactionCount[];
}

/** `reaction.updated` event: who toggled what, and the new counts (`mine` is always false here). */
export interface ReactionUpdate {
  postId: string;
  threadId: string;
  memberId: string;
  emoji: ReactionEmoji;
  /** true when the member added the reaction, false when they took it back. */
  active: boolean;
  reactions: ReactionCount[];
}

export interface ThreadSubscriptionView {
  threadId: string;
  level: ThreadSubscriptionLevel | null;
}

/** `POST /threads/:id/read` answer, also sent as `thread.read` to the member's other tabs. */
export interface ThreadReadView {
  threadId: string;
  lastReadPostId: string | null;
  unreadCount: number;
}

export interface FlagView {
  id: string;
  postId: string;
  threadId: string;
  spaceId: string;
  reason: string;
  reporter: MemberRef | null;
  post: { number: number; author: MemberRef | null; excerpt: string | null };
  createdAt: string;
}

export interface SearchHit {
  thread: ThreadView;
  post: PostView;
  /** Plain text of the post with the matches wrapped in `<mark>`; everything else is escaped. */
  snippet: string;
}

export interface SearchPage {
  items: SearchHit[];
  nextCursor: string | null;
}

/** Ephemeral client-to-server signals (not stored), acknowledged like `subscribe`. */
export const THREAD_CLIENT_EVENTS = { typing: 'thread:typing', reading: 'thread:reading' } as const;

export interface ThreadTypingRequest {
  threadId: string;
  /** false when the member stopped typing (default true). */
  typing?: boolean;
}

export interface ThreadReadingRequest {
  threadId: string;
  /** false when the member left the thread (default true). */
  reading?: boolean;
}

/** Ephemeral server-to-client signals: sent to `thread:<id>` subscribers, never stored, no `id`. */
export interface ThreadSignal<T extends 'typing' | 'presence', D> {
  type: T;
  room: string;
  at: string;
  data: D;
}

export type TypingSignal = ThreadSignal<'typing', { threadId: string; member: MemberRef; typing: boolean }>;
export type PresenceSignal = ThreadSignal<
  'presence',
  { threadId: string; member: MemberRef; state: 'reading' | 'left' }
>;

export interface ThreadSignalEvents {
  typing: (signal: TypingSignal) => void;
  presence: (signal: PresenceSignal) => void;
}
