import { useEffect, useState, useSyncExternalStore } from 'react';
import { useRealtimeClient } from '../realtime/RealtimeProvider';
import { socketTransport } from './socket-transport';
import { SocketYjsProvider, type ProviderState } from './socket-yjs-provider';

const WAITING: ProviderState = {
  phase: 'connecting',
  access: null,
  error: null,
  unsaved: false,
  synced: false,
  tooLarge: false,
};
const noop = () => () => undefined;
const waiting = () => WAITING;

/**
 * The co-editing session of one document on the tab's socket: created once the realtime client
 * is there, left (`doc:leave`) when the page goes away or the document changes.
 */
export function useDocumentSession(docId: string): {
  provider: SocketYjsProvider | null;
  state: ProviderState;
} {
  const client = useRealtimeClient();
  const [provider, setProvider] = useState<SocketYjsProvider | null>(null);

  useEffect(() => {
    const socket = client?.getSocket();
    if (!socket) return;
    const created = new SocketYjsProvider(docId, socketTransport(socket));
    setProvider(created);
    return () => {
      created.destroy();
      setProvider(null);
    };
  }, [client, docId]);

  const state = useSyncExternalStore(provider?.subscribe ?? noop, provider?.getState ?? waiting, waiting);
  return { provider, state };
}
