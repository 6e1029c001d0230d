import type { Socket } from 'socket.io-client';
import type { DocTransport } from './socket-yjs-provider';

const ACK_TIMEOUT_MS = 10_000;

/** The tab's socket.io socket seen as the provider's transport. */
export function socketTransport(socket: Socket): DocTransport {
  return {
    get connected() {
      return socket.connected;
    },
    emitWithAck(event, args, ack) {
      // Never queued while disconnected: a sync before the join would be refused.
      if (!socket.connected) {
        ack(new Error('disconnected'));
        return;
      }
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emit(event, ...args, (error: Error | null, answer: never) => ack(error, answer));
    },
    emit(event, args) {
      if (socket.connected) socket.emit(event, ...args);
    },
    on(event, listener) {
      socket.on(event, listener);
    },
    off(event, listener) {
      socket.off(event, listener);
    },
  };
}
