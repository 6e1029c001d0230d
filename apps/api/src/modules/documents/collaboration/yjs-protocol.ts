/**
 * The y-protocols messages of `doc:sync` and `doc:awareness`, read defensively: a client's bytes
 * are fully decoded and checked before anything is stored, applied or relayed. Pure functions.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DOC_LIMITS } from '@convergo/contracts';

export type SyncMessage =
  { type: 'step1'; stateVector: Uint8Array } | { type: 'step2' | 'update'; update: Uint8Array };

export interface ProtocolError {
  error: string;
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The client's presence (name, colour, cursor…), or null when it went away. */
  state: Record<string, unknown> | null;
}

/** A copy that owns its memory: socket.io hands us Buffers that may be views on a larger pool. */
export function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  return undefined;
}

/**
 * Whether the bytes are a Yjs (v1) update that decodes and integrates cleanly. It is applied to a
 * throw-away document: that runs the same reader as the real apply, so malformed content fails
 * here rather than after it was stored. A fixed guid: Yjs would draw a random UUID per document
 * (31 calls into WebCrypto), which cost about 100 µs per update, more than the check itself.
 */
export function isValidUpdate(update: Uint8Array): boolean {
  if (update.length === 0) return false;
  const scratch = new Y.Doc({ gc: false, guid: 'update-check' });
  try {
    Y.decodeUpdate(update);
    Y.applyUpdate(scratch, update);
    return true;
  } catch {
    return false;
  } finally {
    scratch.destroy();
  }
}

/** Reads one sync message: step 1 (a state vector), step 2 or update (a Yjs update), nothing after. */
export function parseSyncMessage(bytes: Uint8Array): SyncMessage | ProtocolError {
  let type: number;
  let payload: Uint8Array;
  try {
    const decoder = decoding.createDecoder(bytes);
    type = decoding.readVarUint(decoder);
    payload = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) return { error: 'unexpected bytes after the sync message' };
  } catch {
    return { error: 'not a y-protocols sync message' };
  }
  switch (type) {
    case syncProtocol.messageYjsSyncStep1:
      try {
        Y.decodeStateVector(payload);
      } catch {
        return { error: 'sync step 1 does not carry a state vector' };
      }
      return { type: 'step1', stateVector: payload };
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate:
      if (!isValidUpdate(payload)) return { error: 'the Yjs update is malformed' };
      return { type: type === syncProtocol.messageYjsSyncStep2 ? 'step2' : 'update', update: payload };
    default:
      return { error: `unknown sync message type ${type}` };
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** What `doc` has that a peer with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * Reads a whole awareness update (what `encodeAwarenessUpdate` writes) without applying it, so a
 * malformed or oversized one is refused before any state changes.
 */
/** Whether JSON text nests objects/arrays deeper than `max`, by scanning it (strings skipped), without parsing. */
export function jsonDepthExceeds(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (++depth > max) return true;
    } else if (char === '}' || char === ']') depth--;
  }
  return false;
}

export function parseAwarenessUpdate(
  bytes: Uint8Array,
  maxEntries: number,
): AwarenessEntry[] | ProtocolError {
  try {
    const decoder = decoding.createDecoder(bytes);
    const count = decoding.readVarUint(decoder);
    if (count > maxEntries) return { error: `an awareness update may carry at most ${maxEntries} clients` };
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (clientId > 0xffffffff) return { error: 'awareness client ids are 32-bit numbers' };
      const json = decoding.readVarString(decoder);
      if (json.length > DOC_LIMITS.awarenessStateBytes)
        return {
          error: `an awareness state may be at most ${DOC_LIMITS.awarenessStateBytes} characters of JSON`,
        };
      // Depth is checked before anything serialises the state again: JSON.stringify of a state
      // nested thousands deep threw inside encodeAwarenessUpdate and broke every later doc:join.
      if (jsonDepthExceeds(json, DOC_LIMITS.awarenessStateDepth))
        return { error: `an awareness state may nest at most ${DOC_LIMITS.awarenessStateDepth} levels` };
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== 'object' || Array.isArray(state)))
        return { error: 'an awareness state must be an object or null' };
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder)) return { error: 'unexpected bytes after the awareness update' };
    return entries;
  } catch {
    return { error: 'not a y-protocols awareness update' };
  }
}
