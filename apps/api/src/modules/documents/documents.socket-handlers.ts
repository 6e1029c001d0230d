import { Injectable, Logger } from '@nestjs/common';
import {
  DOC_EVENTS,
  DOC_LIMITS,
  type DocAccessChange,
  type DocAck,
  type DocClientToServerEvents,
  type DocErrorCode,
  type DocJoinAck,
  type DocServerToClientEvents,
  roomName,
} from '@convergo/contracts';
import type { Server, Socket } from 'socket.io';
import { RealtimeRedis } from '../realtime/realtime-redis';
import type { RealtimeSocket, RealtimeSocketData } from '../realtime/realtime-socket';
import { UUID_PATTERN } from '../realtime/room-authorizer';
import { type SocketAck, SocketDispatcher } from '../realtime/socket-dispatcher';
import { CollaborationService } from './collaboration/collaboration.service';
import { type CollaborationTransport, type PeerMessage } from './collaboration/collaboration-transport';
import { toBytes } from './collaboration/yjs-protocol';

/** Between processes only (socket.io `serverSideEmit`), never seen by clients. */
const PEER_EVENT = 'doc:peer';

interface DocServerSideEvents {
  [PEER_EVENT]: (message: PeerMessage) => void;
}

type DocServer = Server<
  DocClientToServerEvents,
  DocServerToClientEvents,
  DocServerSideEvents,
  RealtimeSocketData
>;
type DocSocket = Socket<
  DocClientToServerEvents,
  DocServerToClientEvents,
  DocServerSideEvents,
  RealtimeSocketData
>;

/** The realtime server's sockets, typed with the document events. */
function docSocket(socket: RealtimeSocket): DocSocket {
  return socket as unknown as DocSocket;
}

function failure(
  code: DocErrorCode,
  message: string,
): { ok: false; error: { code: DocErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

/** The document id of a `doc:join`/`doc:leave` body `{ docId }`, or why it is refused. */
function docIdFromBody(body: unknown): string | { error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { error: 'payload must be an object { docId }' };
  const docId = (body as { docId?: unknown }).docId;
  if (typeof docId !== 'string' || !UUID_PATTERN.test(docId))
    return { error: 'docId must be a lower-case UUID' };
  return docId;
}

/** `(docId, Uint8Array)` as the dispatcher hands it over (the arguments as an array), or why it is refused. */
function binaryArgs(
  args: unknown,
  maxBytes: number,
): { docId: string; bytes: Uint8Array } | { error: string } {
  if (!Array.isArray(args) || args.length !== 2) return { error: 'expected (docId, Uint8Array)' };
  const [docId, payload] = args as [unknown, unknown];
  if (typeof docId !== 'string' || !UUID_PATTERN.test(docId))
    return { error: 'docId must be a lower-case UUID' };
  if (!(payload instanceof Uint8Array) && !(payload instanceof ArrayBuffer))
    return { error: 'the message must be binary (a Uint8Array)' };
  if (payload.byteLength === 0) return { error: 'the message is empty' };
  if (payload.byteLength > maxBytes) return { error: `the message is larger than ${maxBytes} bytes` };
  return { docId, bytes: toBytes(payload)! };
}

function isPeerMessage(value: unknown): value is PeerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Partial<Record<string, unknown>>;
  if (typeof message.docId !== 'string' || !UUID_PATTERN.test(message.docId)) return false;
  if (message.kind === 'awareness') return message.message instanceof Uint8Array;
  if (message.kind === 'awareness-query') return true;
  return (
    message.kind === 'updates' &&
    Array.isArray(message.seqs) &&
    Array.isArray(message.updates) &&
    message.seqs.length === message.updates.length &&
    message.seqs.every((seq) => Number.isSafeInteger(seq) && (seq as number) > 0) &&
    message.updates.every((update) => update instanceof Uint8Array)
  );
}

/**
 * Yjs over socket.io (docs/architecture.md, "Shared documents"): `doc:join`, `doc:leave`, and the
 * binary y-protocols messages `doc:sync` and `doc:awareness`. Its events are served on the realtime
 * server (same handshake: the member is on `socket.data.member`); it checks every payload's shape,
 * and hands the rest to CollaborationService; it decides nothing itself.
 */
@Injectable()
export class DocumentsSocketHandlers implements CollaborationTransport {
  private readonly logger = new Logger(DocumentsSocketHandlers.name);

  constructor(
    private readonly collaboration: CollaborationService,
    private readonly redis: RealtimeRedis,
    private readonly sockets: SocketDispatcher,
  ) {
    sockets.handle(DOC_EVENTS.join, (socket, body, ack) => this.join(docSocket(socket), body, ack));
    sockets.handle(DOC_EVENTS.leave, (socket, body) => this.leave(docSocket(socket), body));
    sockets.handle(DOC_EVENTS.sync, (socket, args) => this.sync(docSocket(socket), args));
    sockets.handle(DOC_EVENTS.awareness, (socket, args) => this.awareness(docSocket(socket), args));
    sockets.on({ disconnected: (socket) => this.collaboration.disconnected(socket.id) });
    sockets.withServer((server) => this.serve(server as unknown as DocServer));
  }

  get clustered(): boolean {
    return this.redis.configured;
  }

  private get server(): DocServer {
    return this.sockets.server as unknown as DocServer;
  }

  private serve(server: DocServer): void {
    if (this.clustered) {
      server.on(PEER_EVENT, (message: unknown) => {
        if (isPeerMessage(message)) this.collaboration.onPeerMessage(message);
        else this.logger.warn('ignored a malformed peer message');
      });
    }
    this.collaboration.attach(this);
  }

  toRoom(
    docId: string,
    event: 'doc:sync' | 'doc:awareness',
    message: Uint8Array,
    exceptSocketId?: string,
  ): void {
    const room = exceptSocketId
      ? this.server.to(roomName('doc', docId)).except(exceptSocketId)
      : this.server.to(roomName('doc', docId));
    // Awareness is state, not history: volatile, so socket.io's recovery buffer does not keep two
    // minutes of cursor moves (issue 19, finding 5); a recovered client gets the next move anyway.
    const target = event === 'doc:awareness' ? room.volatile : room;
    target.emit(event, docId, message);
  }

  toPeers(message: PeerMessage): void {
    if (!this.clustered) return;
    try {
      this.server.serverSideEmit(PEER_EVENT, message);
    } catch (error) {
      // The other processes catch up from the database on their next gap or sync step 1.
      this.logger.warn({ err: error, docId: message.docId }, 'could not tell the other processes');
    }
  }

  accessChanged(socketId: string, docId: string, change: DocAccessChange): void {
    this.server.to(socketId).emit('doc:access', docId, change);
    if (change.access === 'none') this.server.in(socketId).socketsLeave(roomName('doc', docId));
  }

  async join(socket: DocSocket, body: unknown, ack: SocketAck | undefined): Promise<void> {
    const answer = (result: DocJoinAck) => {
      if (typeof ack === 'function') ack(result);
    };
    const docId = docIdFromBody(body);
    if (typeof docId !== 'string') return answer(failure('invalid', docId.error));
    const member = socket.data.member;
    let result;
    try {
      result = await this.collaboration.join(member, socket.id, docId);
    } catch (error) {
      this.logger.error({ err: error, docId }, 'doc:join failed');
      return answer(failure('unavailable', 'could not join the document: try again'));
    }
    if (!result.ack.ok) return answer(result.ack);
    // The connection may have closed while the document loaded: do not leave a participant behind.
    if (!socket.connected) {
      this.collaboration.leave(socket.id, docId);
      return;
    }
    try {
      await socket.join(roomName('doc', docId));
    } catch (error) {
      this.logger.error({ err: error, docId }, 'could not join the document room');
      this.collaboration.leave(socket.id, docId);
      return answer(failure('unavailable', 'could not join the document: try again'));
    }
    answer(result.ack);
    if (result.awareness) socket.emit('doc:awareness', docId, result.awareness);
    this.collaboration.joinedRoom(docId);
  }

  async leave(socket: DocSocket, body: unknown): Promise<DocAck> {
    const docId = docIdFromBody(body);
    if (typeof docId !== 'string') return failure('invalid', docId.error);
    this.collaboration.leave(socket.id, docId);
    try {
      await socket.leave(roomName('doc', docId));
    } catch (error) {
      this.logger.error({ err: error, docId }, 'could not leave the document room');
    }
    return { ok: true };
  }

  async sync(socket: DocSocket, args: unknown): Promise<DocAck> {
    const request = binaryArgs(args, DOC_LIMITS.syncBytes);
    if ('error' in request) return failure('invalid', request.error);
    try {
      const result = await this.collaboration.sync(socket.id, request.docId, request.bytes);
      for (const reply of result.replies) socket.emit('doc:sync', request.docId, reply);
      return result.ack;
    } catch (error) {
      this.logger.error({ err: error, docId: request.docId }, 'doc:sync failed');
      return failure('unavailable', 'the message could not be handled: try again');
    }
  }

  awareness(socket: DocSocket, args: unknown): DocAck {
    const request = binaryArgs(args, DOC_LIMITS.awarenessBytes);
    if ('error' in request) return failure('invalid', request.error);
    try {
      return this.collaboration.awareness(socket.id, request.docId, request.bytes);
    } catch (error) {
      this.logger.error({ err: error, docId: request.docId }, 'doc:awareness failed');
      return failure('invalid', 'the awareness update could not be handled');
    }
  }
}
