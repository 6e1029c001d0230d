import type { SpaceMemberView, SpaceView } from '@convergo/contracts';
import type { SpaceMemberRow, SpaceRow } from './spaces.repository';

/** `viewer` is null for realtime events, which every reader of the space receives. */
export function toSpaceView(row: SpaceRow, viewer: { canModerate: boolean } | null): SpaceView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    labId: row.lab_id,
    threadCount: Number(row.thread_count),
    lastActivityAt: row.last_activity_at ? new Date(row.last_activity_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    viewer: viewer
      ? { role: row.viewer_role, following: row.following, canModerate: viewer.canModerate }
      : null,
  };
}

export function toSpaceMemberView(row: SpaceMemberRow): SpaceMemberView {
  return {
    spaceId: row.space_id,
    member: { id: row.member_id, displayName: row.display_name, organizationName: row.organization_name },
    role: row.role,
    addedAt: new Date(row.created_at).toISOString(),
  };
}
