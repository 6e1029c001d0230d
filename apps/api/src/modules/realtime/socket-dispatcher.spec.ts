import type { RealtimeSocket } from './realtime-socket';
import { type SocketAck, SocketDispatcher } from './socket-dispatcher';

const socket = { id: 'socket-1' } as RealtimeSocket;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Sends `[event, ...args]` with an acknowledgement that records its answers. */
function fromClient(dispatcher: SocketDispatcher, event: string, ...args: unknown[]) {
  const acks: unknown[] = [];
  const served = dispatcher.dispatch(socket, [event, ...args, (answer: unknown) => acks.push(answer)]);
  return { served, acks };
}

describe('SocketDispatcher', () => {
  it('acknowledges what a handler returns or resolves to, and sends nothing for undefined or null', async () => {
    const dispatcher = new SocketDispatcher();
    dispatcher.handle('ask', (_socket, data) => Promise.resolve({ ok: true, echo: data }));
    dispatcher.handle('sync', () => ({ ok: true }));
    dispatcher.handle('quiet', () => undefined);
    dispatcher.handle('nothing', () => Promise.resolve(null));
    const ask = fromClient(dispatcher, 'ask', { room: 'space:1' });
    const sync = fromClient(dispatcher, 'sync', 1);
    const quiet = fromClient(dispatcher, 'quiet', 2);
    const nothing = fromClient(dispatcher, 'nothing', 3);
    await tick();
    expect(ask.acks).toEqual([{ ok: true, echo: { room: 'space:1' } }]);
    expect(sync.acks).toEqual([{ ok: true }]);
    expect(quiet.acks).toEqual([]);
    expect(nothing.acks).toEqual([]);
  });

  it('passes the socket, one argument as itself and several as an array, and the ack to a handler that answers early', async () => {
    const dispatcher = new SocketDispatcher();
    const seen: unknown[] = [];
    dispatcher.handle('many', (from, data) => (seen.push([from.id, data]), 'answer'));
    dispatcher.handle('manual', (_socket, _data, ack?: SocketAck) => {
      ack?.('early');
      return undefined;
    });
    dispatcher.handle('bare', (_socket, data) => (seen.push(data), 'bare'));
    const many = fromClient(dispatcher, 'many', 'doc-1', new Uint8Array([1]));
    const manual = fromClient(dispatcher, 'manual', 3);
    const bare = fromClient(dispatcher, 'bare');
    await tick();
    expect(seen).toEqual([['socket-1', ['doc-1', new Uint8Array([1])]], undefined]);
    expect(many.acks).toEqual(['answer']);
    expect(manual.acks).toEqual(['early']);
    expect(bare.acks).toEqual(['bare']);
    // Without an acknowledgement the last argument is data like the others.
    expect(dispatcher.dispatch(socket, ['many', 'only'])).toBe(true);
    expect(seen[2]).toEqual(['socket-1', 'only']);
  });

  it('keeps serving an event after its handler threw or failed, and says when no handler serves one', async () => {
    const dispatcher = new SocketDispatcher();
    let calls = 0;
    dispatcher.handle('flaky', () => {
      calls += 1;
      if (calls === 1) throw new Error('sync');
      if (calls === 2) return Promise.reject(new Error('async'));
      return 'fine';
    });
    const answers = [0, 1, 2].map((i) => fromClient(dispatcher, 'flaky', i));
    await tick();
    expect(calls).toBe(3);
    expect(answers.flatMap((answer) => answer.acks)).toEqual(['fine']);
    expect(fromClient(dispatcher, 'unknown:event').served).toBe(false);
  });

  it('refuses a second handler for an event and lists the events it serves', () => {
    const dispatcher = new SocketDispatcher();
    dispatcher.handle('subscribe', () => undefined);
    expect(() => dispatcher.handle('subscribe', () => undefined)).toThrow('subscribe already has a handler');
    dispatcher.handle('doc:sync', () => undefined);
    expect(dispatcher.events()).toEqual(['doc:sync', 'subscribe']);
  });

  it('gives the server to those who wait for it, and runs every capability’s hooks even when one throws', () => {
    const dispatcher = new SocketDispatcher();
    expect(() => dispatcher.server).toThrow('not up yet');
    const early: unknown[] = [];
    dispatcher.withServer((server) => early.push(server));
    const server = { name: 'io' } as unknown as Parameters<SocketDispatcher['serve']>[0];
    dispatcher.serve(server);
    dispatcher.withServer((late) => early.push(late));
    expect(early).toEqual([server, server]);
    expect(dispatcher.server).toBe(server);

    const seen: string[] = [];
    dispatcher.on({
      connected: () => {
        throw new Error('broken hook');
      },
    });
    dispatcher.on({
      connected: (s) => seen.push(`connected ${s.id}`),
      disconnected: (s) => seen.push(`gone ${s.id}`),
    });
    const listeners: [string, () => void][] = [];
    const live = { id: 's2', on: (event: string, listener: () => void) => listeners.push([event, listener]) };
    dispatcher.connected(live as unknown as RealtimeSocket);
    dispatcher.disconnected(live as unknown as RealtimeSocket);
    expect(seen).toEqual(['connected s2', 'gone s2']);
    // No capability asked for `disconnecting`: no listener on the socket.
    expect(listeners).toEqual([]);
  });

  it('calls `disconnecting` hooks from one listener shared by every socket', () => {
    const dispatcher = new SocketDispatcher();
    const seen: string[] = [];
    dispatcher.on({ disconnecting: (s) => seen.push(s.id) });
    const listeners: ((this: unknown) => void)[] = [];
    const sockets = ['a', 'b'].map((id) => ({
      id,
      on: (_event: string, listener: (this: unknown) => void) => listeners.push(listener),
    }));
    for (const s of sockets) dispatcher.connected(s as unknown as RealtimeSocket);
    expect(listeners[0]).toBe(listeners[1]);
    // socket.io calls a listener with the socket as `this`.
    listeners[0].call(sockets[1]);
    expect(seen).toEqual(['b']);
  });
});
