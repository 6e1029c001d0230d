import { Injectable } from '@nestjs/common';
import type { DocAccessChange } from '@convergo/contracts';

/*
 * The one reference from co-editing to the sockets. The socket handlers attach themselves at start;
 * every part of co-editing sends through this link, so none of them imports the socket handlers (the
 * layering rule) and none has to cope with sending before the server exists: until then a
 * message has nowhere to go and is dropped, as before.
 */

/** What one process tells the others about a document they may hold in memory too. */
export type PeerMessage =
  | { kind: 'updates'; docId: string; seqs: number[]; updates: Uint8Array[] }
  | { kind: 'awareness'; docId: string; message: Uint8Array }
  /** Someone joined on the sender: processes holding the document resend their connections' presence. */
  | { kind: 'awareness-query'; docId: string };

/** How the collaboration service reaches connections; the socket handlers implement it. */
export interface CollaborationTransport {
  /** Every connection in the document's room, on every process, except `exceptSocketId`. */
  toRoom(
    docId: string,
    event: 'doc:sync' | 'doc:awareness',
    message: Uint8Array,
    exceptSocketId?: string,
  ): void;
  /** The other processes of the cluster; false when there are none (no Redis). */
  readonly clustered: boolean;
  toPeers(message: PeerMessage): void;
  /** Tells a connection of this process that its rights changed; on `none` also takes it out of the room. */
  accessChanged(socketId: string, docId: string, change: DocAccessChange): void;
}

@Injectable()
export class CollaborationLink implements CollaborationTransport {
  private transport?: CollaborationTransport;

  attach(transport: CollaborationTransport): void {
    this.transport = transport;
  }

  get clustered(): boolean {
    return this.transport?.clustered ?? false;
  }

  toRoom(...args: Parameters<CollaborationTransport['toRoom']>): void {
    this.transport?.toRoom(...args);
  }

  toPeers(message: PeerMessage): void {
    this.transport?.toPeers(message);
  }

  accessChanged(...args: Parameters<CollaborationTransport['accessChanged']>): void {
    this.transport?.accessChanged(...args);
  }
}
