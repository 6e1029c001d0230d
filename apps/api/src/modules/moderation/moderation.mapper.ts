import type { FlagQueueItem, MemberRef, ModerationLogEntry, SuspensionView } from '@convergo/contracts';
import { excerpt } from '../threads/markdown/post-renderer';
import type { FlagGroupRow, LogRow, SuspensionRow } from './moderation.repository';

const iso = (value: Date | string): string => new Date(value).toISOString();

function ref(id: string | null, name: string | null, org: string | null): MemberRef | null {
  return id ? { id, displayName: name ?? '', organizationName: org } : null;
}

export function toFlagQueueItem(row: FlagGroupRow): FlagQueueItem {
  return {
    postId: row.post_id,
    threadId: row.thread_id,
    threadTitle: row.thread_title,
    spaceId: row.space_id,
    post: {
      number: row.number,
      author: ref(row.author_id, row.author_name, row.author_org),
      excerpt: row.deleted_at ? '' : excerpt(row.body_text),
      hidden: row.hidden_at !== null,
      deleted: row.deleted_at !== null,
    },
    flagCount: Number(row.flag_count),
    reasons: row.reasons.map((r) => ({
      reason: r.reason,
      reporter: ref(r.reporterId, r.reporterName, r.reporterOrg),
      createdAt: iso(r.createdAt),
    })),
    firstFlaggedAt: iso(row.first_at),
    lastFlaggedAt: iso(row.last_at),
    resolution: row.resolution,
    resolvedAt: row.resolved_at ? iso(row.resolved_at) : null,
  };
}

export function toLogEntry(row: LogRow): ModerationLogEntry {
  return {
    id: row.id,
    action: row.action,
    moderator: ref(row.moderator_id, row.moderator_name, row.moderator_org),
    targetType: row.target_type,
    targetId: row.target_id,
    member: ref(row.member_id, row.member_name, row.member_org),
    spaceId: row.space_id,
    reason: row.reason,
    details: row.details,
    createdAt: iso(row.created_at),
  };
}

export function toSuspensionView(row: SuspensionRow): SuspensionView {
  return {
    id: row.id,
    memberId: row.member_id,
    reason: row.reason,
    startsAt: iso(row.starts_at),
    endsAt: row.ends_at ? iso(row.ends_at) : null,
    liftedAt: row.lifted_at ? iso(row.lifted_at) : null,
  };
}
