import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { MemberRef } from '@convergo/contracts';

/** A chat line as the API answers it (a live session's, a tutoring meeting room's). */
export interface ChatLine {
  id: string;
  author: MemberRef;
  bodyHtml: string;
  createdAt: string;
}

export function byCreatedAt(a: ChatLine, b: ChatLine): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Adds lines to a chat's cache (a live event, one's own line, a join's page), once each, in order. */
export function appendChatLines<M extends ChatLine>(client: QueryClient, key: QueryKey, lines: M[]): void {
  client.setQueryData<M[]>(key, (old) => {
    if (!old) return old;
    const fresh = lines.filter((line) => !old.some((m) => m.id === line.id));
    return fresh.length === 0 ? old : [...old, ...fresh].sort(byCreatedAt);
  });
}
