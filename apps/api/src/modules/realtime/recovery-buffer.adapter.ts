import { DOC_EVENTS } from '@convergo/contracts';
import { Adapter, type BroadcastOptions, SessionAwareAdapter } from 'socket.io-adapter';

/** The socket.io packet a broadcast hands its adapter (socket.io-parser's shape). */
interface BroadcastPacket {
  type: number;
  data?: unknown[];
  id?: number;
}

/**
 * Yjs messages a reconnecting client does not need replayed: it exchanges sync steps on every
 * (re)join, which bring it whatever it missed. Kept in the buffer, a busy document's updates
 * filled it with two minutes of packets (35,000 and ~33 MB per document in bench/editing-traces),
 * which V8 then had to mark and promote while the next document was being typed into.
 */
const NOT_REPLAYED: ReadonlySet<unknown> = new Set<string>([DOC_EVENTS.sync, DOC_EVENTS.awareness]);

/**
 * socket.io's in-memory adapter with connection state recovery (one process, no Redis), except
 * that Yjs messages skip the recovery buffer. They are still broadcast reliably, unlike
 * `volatile` ones, which socket.io drops whenever a connection is busy writing.
 */
export class RecoveryBufferAdapter extends SessionAwareAdapter {
  override broadcast(packet: BroadcastPacket, opts: BroadcastOptions): void {
    if (NOT_REPLAYED.has(packet.data?.[0])) {
      Adapter.prototype.broadcast.call(this, packet, opts);
      return;
    }
    super.broadcast(packet, opts);
  }
}
