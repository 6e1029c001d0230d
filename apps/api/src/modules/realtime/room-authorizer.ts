import pLimit from 'p-limit';
import { Injectable, Logger } from '@nestjs/common';
import { BARE_ROOMS, type BareRoom } from '@convergo/contracts';
import type { AuthMember } from '../auth/auth-member';

/** What a room kind's check answers for a well-formed room name. */
export type RoomAccess = 'ok' | 'forbidden' | 'not_found';
/** What the authorizer answers for any client-supplied string: `invalid` when it is not a room we serve. */
export type RoomVerdict = RoomAccess | 'invalid';

/** May `member` read room `<kind>:<id>`? Called with an id that already matched the kind's pattern. */
export type RoomCheck = (member: AuthMember, id: string) => Promise<RoomAccess>;

export interface RoomKindOptions {
  /** Which ids the kind accepts; anything else is `invalid` before the check runs. Default: a lowercase UUID. */
  idPattern?: RegExp;
}

export interface ParsedRoom {
  kind: string;
  /** Undefined for the bare rooms (`moderation`, `admin`). */
  id?: string;
}

export const MAX_ROOM_LENGTH = 128;
/** Database ids are `gen_random_uuid()`: only the canonical lowercase form names a room, so one room has one name. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KIND_PATTERN = /^[a-z][a-z_]{0,31}$/;
const ROOM_SHAPE = /^([a-z][a-z_]{0,31}):([A-Za-z0-9_-]{1,64})$/;

/** Syntax only: `<kind>:<id>` or a bare room. The kind may still be one nobody registered. */
export function parseRoom(room: unknown): ParsedRoom | undefined {
  if (typeof room !== 'string' || room.length === 0 || room.length > MAX_ROOM_LENGTH) return undefined;
  if ((BARE_ROOMS as readonly string[]).includes(room)) return { kind: room };
  const match = ROOM_SHAPE.exec(room);
  if (!match || (BARE_ROOMS as readonly string[]).includes(match[1])) return undefined;
  return { kind: match[1], id: match[2] };
}

interface RegisteredKind {
  check: RoomCheck;
  idPattern: RegExp;
}

/** May `member` read a bare room? Decided by the owning capability's policy (no database). */
export type BareRoomCheck = (member: AuthMember) => RoomAccess;

/**
 * The one read policy for rooms, used by the socket.io `subscribe` handler and by the REST
 * catch-up alike. Each capability registers its room kinds (space, thread, doc, lab, session)
 * when it starts; a kind nobody registered is `invalid`, so rooms are deny-by-default.
 */
/** A share of the database pool (10 connections) left to room checks. */
export const ROOM_CHECK_CONCURRENCY = 4;

@Injectable()
export class RoomAuthorizer {
  private readonly logger = new Logger(RoomAuthorizer.name);
  private readonly kinds = new Map<string, RegisteredKind>();
  private readonly bare = new Map<BareRoom, BareRoomCheck>();
  /**
   * Room checks query the database; at most this many run at once in the process, so a flood of
   * `subscribe` calls waits its turn instead of holding the whole pool (health checks, posts and
   * document saves need connections too).
   */
  private readonly checks = pLimit(ROOM_CHECK_CONCURRENCY);

  constructor() {
    // Notifications: only the member themself.
    this.register('member', (member, id) => Promise.resolve(member.id === id ? 'ok' : 'forbidden'));
  }

  register(kind: string, check: RoomCheck, options: RoomKindOptions = {}): void {
    if (!KIND_PATTERN.test(kind) || (BARE_ROOMS as readonly string[]).includes(kind)) {
      throw new Error(`room kind ${JSON.stringify(kind)} is not a valid kind name`);
    }
    if (this.kinds.has(kind)) throw new Error(`room kind ${kind} is already registered`);
    this.kinds.set(kind, { check, idPattern: options.idPattern ?? UUID_PATTERN });
  }

  /** The owner of a bare room (`moderation`, `admin`) says who reads it, from its policy. */
  registerBare(room: BareRoom, check: BareRoomCheck): void {
    if (this.bare.has(room)) throw new Error(`room ${room} is already registered`);
    this.bare.set(room, check);
  }

  /** Whether anyone serves this kind (for error messages and tests). */
  isRegistered(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /**
   * Decides whether `member` may read `room`. Never trusts the caller's string: anything that is
   * not a served room is `invalid`. A failing check propagates: callers decide how to answer it.
   */
  async check(member: AuthMember, room: unknown): Promise<RoomVerdict> {
    const parsed = parseRoom(room);
    if (!parsed) return 'invalid';
    if (parsed.id === undefined) return this.bare.get(parsed.kind as BareRoom)?.(member) ?? 'invalid';
    const registered = this.kinds.get(parsed.kind);
    if (!registered || !registered.idPattern.test(parsed.id)) return 'invalid';
    const access = await this.checks(() => registered.check(member, parsed.id!));
    if (access !== 'ok' && access !== 'forbidden' && access !== 'not_found') {
      this.logger.error({ kind: parsed.kind, access }, 'room check answered an unknown verdict: denying');
      return 'forbidden';
    }
    return access;
  }
}
