import type { MemberRef } from './spaces';
import type { ThreadView } from './threads';

/** Bulk moderation actions (`POST /api/v1/moderation/actions`). */
export const MODERATION_ACTIONS = ['hide', 'restore', 'dismiss', 'lock', 'unlock'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
/** Post actions take `postIds`; thread actions take `threadIds`. */
export const POST_MODERATION_ACTIONS: readonly ModerationAction[] = ['hide', 'restore', 'dismiss'];
export const MODERATION_MAX_ITEMS = 100;

/** What the moderation log records. */
export const MODERATION_LOG_ACTIONS = [
  'hide',
  'restore',
  'dismiss',
  'lock',
  'unlock',
  'pin',
  'unpin',
  'move',
  'merge',
  'warn',
  'suspend',
  'unsuspend',
] as const;
export type ModerationLogAction = (typeof MODERATION_LOG_ACTIONS)[number];

export type FlagStatus = 'open' | 'resolved';

/** One flagged post in the queue, its flags grouped. */
export interface FlagQueueItem {
  postId: string;
  threadId: string;
  threadTitle: string;
  spaceId: string;
  post: { number: number; author: MemberRef | null; excerpt: string; hidden: boolean; deleted: boolean };
  flagCount: number;
  reasons: { reason: string; reporter: MemberRef | null; createdAt: string }[];
  firstFlaggedAt: string;
  lastFlaggedAt: string;
  /** Resolved items: how (`hidden`, `restored`, `dismissed`) and when. */
  resolution: string | null;
  resolvedAt: string | null;
}

export interface ModerationItemResult {
  id: string;
  /** `changed`: done; `unchanged`: already in that state. */
  status: 'changed' | 'unchanged';
}

export interface ModerationActionResult {
  action: ModerationAction;
  results: ModerationItemResult[];
}

export interface ModerationLogEntry {
  id: string;
  action: ModerationLogAction;
  moderator: MemberRef | null;
  targetType: 'post' | 'thread' | 'member';
  targetId: string;
  /** The member the action concerns (post author, warned or suspended member), when there is one. */
  member: MemberRef | null;
  spaceId: string | null;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
  createdAt: string;
}

export interface WarningView {
  id: string;
  memberId: string;
  reason: string;
  createdAt: string;
}

export interface SuspensionView {
  id: string;
  memberId: string;
  reason: string;
  startsAt: string;
  endsAt: string | null;
  liftedAt: string | null;
}

/** To `thread:<id>` and both spaces' rooms. */
export interface ThreadMovedEvent {
  thread: ThreadView;
  fromSpaceId: string;
  toSpaceId: string;
}

/** To both threads' rooms and their spaces' rooms: the source became a locked stub pointing to the target. */
export interface ThreadMergedEvent {
  sourceThreadId: string;
  target: ThreadView;
  movedPostIds: string[];
}

/** To `moderation` and to the space's `moderation_space:<spaceId>`. */
export interface FlagResolvedEvent {
  postId: string;
  resolution: string;
  moderatorId: string;
  threadId: string;
  spaceId: string;
}

/** The live flag queue of one space, for its moderators (and global moderators). */
export const MODERATION_SPACE_ROOM_KIND = 'moderation_space';

/** `GET /moderation/scope`: where the asker moderates (every space, some, or none). */
export interface ModerationScopeView {
  /** Global moderators and admins: every space, warnings and suspensions too. */
  everySpace: boolean;
  /** Spaces where the asker is a space moderator (empty for global moderators). */
  spaceIds: string[];
}

/** `GET /threads/:id/merge`: where a merged thread's posts went. */
export interface ThreadMergeView {
  sourceThreadId: string;
  targetThreadId: string;
  /** The target as the asker sees it; null when the asker may not read it. */
  target: ThreadView | null;
}
