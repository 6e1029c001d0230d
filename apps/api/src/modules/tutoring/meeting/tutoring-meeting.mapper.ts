import type { TutoringMessageView } from '@convergo/contracts';
import type { TutoringMessageRecord } from './tutoring-meeting.repository';

export function toTutoringMessageView(row: TutoringMessageRecord): TutoringMessageView {
  return {
    id: row.id,
    slotId: row.slotId,
    author: {
      id: row.authorId ?? '',
      displayName: row.authorName ?? '',
      organizationName: row.authorOrganization,
    },
    body: row.body,
    bodyHtml: row.bodyHtml,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
