import { useEffect, useState } from 'react';
import type { SocketYjsProvider } from './socket-yjs-provider';

/** What each editor puts in its awareness state under `user` (the caret extension reads it). */
export interface PresenceUser {
  name: string;
  color: string;
  memberId: string;
}

export interface Present extends PresenceUser {
  clientId: number;
  self: boolean;
}

function isPresenceUser(value: unknown): value is PresenceUser {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.color === 'string' && typeof v.memberId === 'string';
}

/** The people in the document now, one entry per member (several tabs count once), self first. */
export function usePresence(provider: SocketYjsProvider | null): Present[] {
  const [present, setPresent] = useState<Present[]>([]);
  useEffect(() => {
    if (!provider) return;
    const { awareness } = provider;
    const read = () => {
      const byMember = new Map<string, Present>();
      for (const [clientId, state] of awareness.getStates()) {
        const user: unknown = state.user;
        if (!isPresenceUser(user)) continue;
        const self = clientId === awareness.clientID;
        const known = byMember.get(user.memberId);
        if (!known || self) byMember.set(user.memberId, { ...user, clientId, self: self || !!known?.self });
      }
      setPresent(
        [...byMember.values()].sort(
          (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name),
        ),
      );
    };
    read();
    awareness.on('change', read);
    return () => {
      awareness.off('change', read);
      setPresent([]);
    };
  }, [provider]);
  return present;
}
