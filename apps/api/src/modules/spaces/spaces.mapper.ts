import type { SpaceMemberView, SpaceView } from '@convergo/contracts';
import type { SpaceMemberRecord, SpaceRecord } from './spaces.repository';

/** `viewer` is null for realtime events, which every reader of the space receives. */
export function toSpaceView(row: SpaceRecord, viewer: { canModerate: boolean } | null): SpaceView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    labId: row.labId,
    labGroupId: row.labGroupId,
    twinningId: row.twinningId,
    threadCount: Number(row.threadCount),
    lastActivityAt: row.lastActivityAt ? new Date(row.lastActivityAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    viewer: viewer
      ? { role: row.viewerRole, following: row.following, canModerate: viewer.canModerate }
      : null,
  };
}

export function toSpaceMemberView(row: SpaceMemberRecord): SpaceMemberView {
  return {
    spaceId: row.spaceId,
    member: { id: row.memberId, displayName: row.displayName, organizationName: row.organizationName },
    role: row.role,
    addedAt: new Date(row.createdAt).toISOString(),
  };
}
