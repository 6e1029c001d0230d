import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { CatchUpResult } from '@convergo/contracts';
import { api, refreshSession } from '../api/client';
import { useAuth } from '../auth/auth-context';
import { tokenStore } from '../auth/token-store';
import type { RealtimeClient } from './realtime-client';

export const RealtimeContext = createContext<RealtimeClient | null>(null);

export function useRealtimeClient(): RealtimeClient | null {
  return useContext(RealtimeContext);
}

/** Opens the tab's socket while a member is signed in, closes it at logout. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { status, member } = useAuth();
  const memberId = status === 'authenticated' ? (member?.id ?? null) : null;
  const [client, setClient] = useState<RealtimeClient | null>(null);

  useEffect(() => {
    if (!memberId) return;
    let created: RealtimeClient | null = null;
    let cancelled = false;
    let unsubscribeTokens: (() => void) | undefined;
    // Loaded on demand: the login page does not carry socket.io-client.
    void import('./realtime-client')
      .then(({ RealtimeClient }) => {
        if (cancelled) return;
        created = new RealtimeClient({
          getAccessToken: () => tokenStore.get()?.accessToken ?? null,
          refreshAccessToken: async () => {
            const tokens = tokenStore.get();
            if (!tokens) return null;
            return (await refreshSession(tokens))?.accessToken ?? null;
          },
          fetchEvents: (room, after, limit) =>
            api<CatchUpResult>('/events', { query: { room, after, limit } }),
        });
        created.connect();
        unsubscribeTokens = tokenStore.subscribe(() => created?.renew());
        setClient(created);
      })
      .catch((error: unknown) => {
        // A missing chunk (e.g. after a deploy) costs live updates, not the page.
        console.error('realtime client could not load', error);
      });
    return () => {
      cancelled = true;
      unsubscribeTokens?.();
      created?.close();
      setClient(null);
    };
  }, [memberId]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}
