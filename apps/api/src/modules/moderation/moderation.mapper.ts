import type { FlagQueueItem, MemberRef, ModerationLogEntry, SuspensionView } from '@convergo/contracts';
import { excerpt } from '../../common/markdown/post-renderer';
import type { FlagGroupRecord, LogRecord, SuspensionRecord } from './moderation.repository';

const iso = (value: Date | string): string => new Date(value).toISOString();

function ref(id: string | null, name: string | null, org: string | null): MemberRef | null {
  return id ? { id, displayName: name ?? '', organizationName: org } : null;
}

export function toFlagQueueItem(row: FlagGroupRecord): FlagQueueItem {
  return {
    postId: row.postId,
    threadId: row.threadId,
    threadTitle: row.threadTitle,
    spaceId: row.spaceId,
    post: {
      number: row.number,
      author: ref(row.authorId, row.authorName, row.authorOrg),
      excerpt: row.deletedAt ? '' : excerpt(row.bodyText),
      hidden: row.hiddenAt !== null,
      deleted: row.deletedAt !== null,
    },
    flagCount: Number(row.flagCount),
    reasons: row.reasons.map((r) => ({
      reason: r.reason,
      reporter: ref(r.reporterId, r.reporterName, r.reporterOrg),
      createdAt: iso(r.createdAt),
    })),
    firstFlaggedAt: iso(row.firstAt),
    lastFlaggedAt: iso(row.lastAt),
    resolution: row.resolution,
    resolvedAt: row.resolvedAt ? iso(row.resolvedAt) : null,
  };
}

export function toLogEntry(row: LogRecord): ModerationLogEntry {
  return {
    id: row.id,
    action: row.action,
    moderator: ref(row.moderatorId, row.moderatorName, row.moderatorOrg),
    targetType: row.targetType,
    targetId: row.targetId,
    member: ref(row.memberId, row.memberName, row.memberOrg),
    spaceId: row.spaceId,
    reason: row.reason,
    details: row.details,
    createdAt: iso(row.createdAt),
  };
}

export function toSuspensionView(row: SuspensionRecord): SuspensionView {
  return {
    id: row.id,
    memberId: row.memberId,
    reason: row.reason,
    startsAt: iso(row.startsAt),
    endsAt: row.endsAt ? iso(row.endsAt) : null,
    liftedAt: row.liftedAt ? iso(row.liftedAt) : null,
  };
}
