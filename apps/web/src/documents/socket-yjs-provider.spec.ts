import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { DocAccess } from '@convergo/contracts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SocketYjsProvider, type DocTransport } from './socket-yjs-provider';

const DOC_ID = '3b0c6c1e-7d7e-4c55-9a59-6f5f7f9e4a01';

type Listener = (...args: unknown[]) => void;

/**
 * An in-memory stand-in for the server side of the protocol (docs/architecture.md, "Shared
 * documents"): join with an access, step 1 answered with step 2 and the server's own step 1, updates stored then relayed
 * to the others and acknowledged, readers' updates refused. Deliveries are asynchronous.
 */
class MemoryServer {
  readonly doc = new Y.Doc();
  readonly sockets = new Set<MemorySocket>();
  /** Updates to refuse with `unavailable` (nothing stored), as after a database hiccup. */
  refuseUpdates = 0;

  constructor() {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const socket of this.sockets)
        if (socket !== origin && socket.joined) socket.deliver('doc:sync', DOC_ID, message);
    });
  }

  text(): string {
    return this.doc.getXmlFragment('content').toString();
  }

  handle(socket: MemorySocket, event: string, args: unknown[]): unknown {
    if (event === 'doc:join') {
      socket.joined = true;
      return { ok: true, access: socket.access };
    }
    if (event === 'doc:leave') {
      socket.joined = false;
      return { ok: true };
    }
    if (event === 'doc:awareness') {
      for (const other of this.sockets) if (other !== socket && other.joined) other.deliver(event, ...args);
      return { ok: true };
    }
    if (event !== 'doc:sync' || !socket.joined)
      return { ok: false, error: { code: 'invalid', message: 'not joined' } };
    const bytes = args[1] as Uint8Array;
    const type = decoding.readVarUint(decoding.createDecoder(bytes));
    if (type !== syncProtocol.messageYjsSyncStep1 && socket.access === 'read') {
      return { ok: false, error: { code: 'forbidden', message: 'reader' } };
    }
    if (type === syncProtocol.messageYjsUpdate && this.refuseUpdates > 0) {
      this.refuseUpdates -= 1;
      return { ok: false, error: { code: 'unavailable', message: 'try again' } };
    }
    const encoder = encoding.createEncoder();
    syncProtocol.readSyncMessage(decoding.createDecoder(bytes), encoder, this.doc, socket);
    if (encoding.length(encoder) > 0) {
      socket.deliver('doc:sync', DOC_ID, encoding.toUint8Array(encoder));
      const step1 = encoding.createEncoder();
      syncProtocol.writeSyncStep1(step1, this.doc);
      socket.deliver('doc:sync', DOC_ID, encoding.toUint8Array(step1));
    }
    return { ok: true };
  }
}

class MemorySocket implements DocTransport {
  connected = true;
  joined = false;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly server: MemoryServer,
    public access: DocAccess,
  ) {
    server.sockets.add(this);
  }

  emitWithAck<T>(event: string, args: unknown[], ack: (error: Error | null, answer?: T) => void): void {
    if (!this.connected) return ack(new Error('disconnected'));
    queueMicrotask(() => {
      if (!this.connected) return ack(new Error('disconnected'));
      ack(null, this.server.handle(this, event, args) as T);
    });
  }

  emit(event: string, args: unknown[]): void {
    if (!this.connected) return;
    queueMicrotask(() => {
      if (this.connected) this.server.handle(this, event, args);
    });
  }

  on(event: string, listener: Listener): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
  }

  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }

  deliver(event: string, ...args: unknown[]): void {
    queueMicrotask(() => {
      if (!this.connected) return;
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    });
  }

  goOffline(): void {
    this.connected = false;
    this.joined = false;
    for (const listener of this.listeners.get('disconnect') ?? []) listener();
  }

  goOnline(): void {
    this.connected = true;
    for (const listener of this.listeners.get('connect') ?? []) listener();
  }
}

const settle = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

function paragraph(provider: SocketYjsProvider): Y.XmlText {
  const content = provider.content;
  if (content.length === 0) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText()]);
    content.push([p]);
  }
  return (content.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('SocketYjsProvider', () => {
  let server: MemoryServer;
  const providers: SocketYjsProvider[] = [];
  const open = (access: DocAccess = 'write') => {
    const socket = new MemorySocket(server, access);
    const provider = new SocketYjsProvider(DOC_ID, socket);
    providers.push(provider);
    return { socket, provider };
  };

  beforeEach(() => {
    server = new MemoryServer();
  });
  afterEach(() => providers.splice(0).forEach((p) => p.destroy()));

  it('joins, syncs the server content and reports the access', async () => {
    const seed = open();
    await settle();
    paragraph(seed.provider).insert(0, 'Quadro logico');
    await settle();
    const { provider } = open();
    expect(provider.getState().synced).toBe(false);
    await settle();
    expect(provider.getState()).toMatchObject({
      phase: 'ready',
      access: 'write',
      synced: true,
      unsaved: false,
    });
    expect(paragraph(provider).toString()).toBe('Quadro logico');
  });

  it('relays updates between two docs and tracks unacknowledged ones', async () => {
    const a = open();
    const b = open();
    await settle();
    paragraph(a.provider).insert(0, 'Ciao');
    expect(a.provider.getState().unsaved).toBe(true);
    await settle();
    expect(a.provider.getState().unsaved).toBe(false);
    expect(paragraph(b.provider).toString()).toBe('Ciao');
    paragraph(b.provider).insert(4, ' a tutti');
    paragraph(a.provider).insert(0, '» ');
    await settle();
    expect(paragraph(a.provider).toString()).toBe(paragraph(b.provider).toString());
    expect(server.text()).toContain('a tutti');
  });

  it('keeps offline edits and merges them on reconnect', async () => {
    const a = open();
    const b = open();
    await settle();
    paragraph(a.provider).insert(0, 'Testo comune.');
    await settle();
    a.socket.goOffline();
    expect(a.provider.getState().phase).toBe('offline');
    paragraph(a.provider).insert(13, ' Scritto offline.');
    paragraph(b.provider).insert(0, 'Online: ');
    await settle();
    expect(a.provider.getState().unsaved).toBe(true);
    expect(paragraph(b.provider).toString()).not.toContain('offline');
    a.socket.goOnline();
    await settle();
    expect(a.provider.getState()).toMatchObject({ phase: 'ready', unsaved: false });
    expect(paragraph(b.provider).toString()).toBe('Online: Testo comune. Scritto offline.');
    expect(paragraph(a.provider).toString()).toBe('Online: Testo comune. Scritto offline.');
  });

  it('shares presence through awareness and drops it on leave', async () => {
    const a = open();
    const b = open();
    await settle();
    a.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    await settle();
    const seen = () =>
      [...b.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string })?.name);
    expect(seen()).toContain('Anna');
    a.provider.destroy();
    await settle();
    expect(seen()).not.toContain('Anna');
  });

  it('sends nothing for readers and stays saved', async () => {
    const writer = open();
    await settle();
    paragraph(writer.provider).insert(0, 'Testo ufficiale');
    await settle();
    const reader = open('read');
    await settle();
    expect(reader.provider.getState()).toMatchObject({ access: 'read', synced: true, unsaved: false });
    expect(paragraph(reader.provider).toString()).toBe('Testo ufficiale');
  });

  it('recovers an update the server could not store through a new state exchange', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    try {
      const a = open();
      const b = open();
      await settle();
      server.refuseUpdates = 1;
      paragraph(a.provider).insert(0, 'Da non perdere');
      await settle();
      expect(a.provider.getState().unsaved).toBe(true);
      expect(server.text()).not.toContain('Da non perdere');
      jest.advanceTimersByTime(2_000);
      await settle();
      expect(a.provider.getState().unsaved).toBe(false);
      expect(server.text()).toContain('Da non perdere');
      expect(paragraph(b.provider).toString()).toBe('Da non perdere');
    } finally {
      jest.useRealTimers();
    }
  });

  it('turns read-only, then closes, when the server says the rights changed', async () => {
    const a = open();
    const b = open();
    await settle();
    paragraph(a.provider).insert(0, 'Bozza comune');
    await settle();

    b.socket.access = 'read';
    b.socket.deliver('doc:access', DOC_ID, { access: 'read' });
    await settle();
    expect(b.provider.getState()).toMatchObject({ phase: 'ready', access: 'read' });
    paragraph(b.provider).insert(0, 'non inviato ');
    await settle();
    expect(server.text()).not.toContain('non inviato');
    expect(b.provider.getState().unsaved).toBe(false);

    b.socket.deliver('doc:access', DOC_ID, {
      access: 'none',
      error: { code: 'forbidden', message: 'you may no longer read this document' },
    });
    await settle();
    expect(b.provider.getState()).toMatchObject({ phase: 'error', error: 'forbidden', access: null });
    // Another document's notice is not this one's.
    a.socket.deliver('doc:access', 'another-doc', { access: 'read' });
    await settle();
    expect(a.provider.getState().access).toBe('write');
  });

  it('tells of a change too large to send, and saves once it is made smaller', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    try {
      const a = open();
      const b = open();
      await settle();
      paragraph(a.provider).insert(0, 'Inizio. ');
      await settle();
      const huge = 'x'.repeat(600 * 1024);
      paragraph(a.provider).insert(8, huge);
      await settle();
      expect(a.provider.getState()).toMatchObject({ tooLarge: true, unsaved: true });
      expect(server.text()).not.toContain('xxxx');

      // The user undoes the paste; the next state exchange carries only what is left.
      paragraph(a.provider).delete(8, huge.length);
      paragraph(a.provider).insert(8, 'Fine.');
      jest.advanceTimersByTime(2_000);
      await settle();
      expect(a.provider.getState()).toMatchObject({ tooLarge: false, unsaved: false });
      expect(paragraph(b.provider).toString()).toBe('Inizio. Fine.');
      paragraph(a.provider).insert(0, '» ');
      await settle();
      expect(paragraph(b.provider).toString()).toBe('» Inizio. Fine.');
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports a refused join as an error', async () => {
    const socket = new MemorySocket(server, 'write');
    socket.emitWithAck = <T>(_event: string, _args: unknown[], ack: (e: Error | null, a?: T) => void) =>
      queueMicrotask(() => ack(null, { ok: false, error: { code: 'forbidden', message: 'no' } } as T));
    const provider = new SocketYjsProvider(DOC_ID, socket);
    providers.push(provider);
    await settle();
    expect(provider.getState()).toMatchObject({ phase: 'error', error: 'forbidden' });
  });
});
