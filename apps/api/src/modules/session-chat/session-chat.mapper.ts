import type { SessionMessageView } from '@convergo/contracts';
import type { SessionMessageRecord } from './session-chat.repository';

export function toSessionMessageView(row: SessionMessageRecord): SessionMessageView {
  return {
    id: row.id,
    sessionId: row.sessionId,
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
