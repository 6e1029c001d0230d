import { roomName } from '@convergo/contracts';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Manager, type Socket } from 'socket.io-client';
import {
  MAX_ROOMS_PER_SOCKET,
  REALTIME_CONNECT_TIMEOUT_MS,
  REALTIME_MAX_MESSAGE_BYTES,
} from '../apps/api/src/modules/realtime/realtime.gateway';
import { exited, spawnApp, type AppProcess } from './support/app-process';
import { newMember, newSpace, type TestMember } from './support/factories';
import { connectSocket, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

/** Resident memory of a process, from /proc (Linux, as in CI). */
function rssMegabytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? NaN) / 1024;
}

/**
 * Issue 16, limits of a connection: a message past the size limit, a transport that never
 * authenticates, a socket that follows too many rooms — and the server's memory under a flood of
 * refused events from many connections.
 */
describe('realtime limits', () => {
  let t: TestApp;
  let member: TestMember;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    member = await newMember(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('closes a connection that sends a message past the size limit, and only that one', async () => {
    const [big, bystander] = [
      await connectSocket(t.baseUrl, member.accessToken),
      await connectSocket(t.baseUrl, member.accessToken),
    ];
    sockets.push(big, bystander);
    const closed = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    (big.socket as unknown as Socket).emit('subscribe', { room: 'x'.repeat(REALTIME_MAX_MESSAGE_BYTES + 1) });
    expect(await closed).toMatch(/transport (close|error)/);
    expect(await bystander.subscribe({ room: roomName('member', member.id) })).toEqual({ ok: true });
    await t.http().get('/api/v1/health').expect(200);
  });

  it('closes a transport that never joins with its token', async () => {
    const manager = new Manager(t.baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      autoConnect: false,
    });
    const opened = Date.now();
    await new Promise<void>((resolve, reject) =>
      manager.open((error) => (error ? reject(error) : resolve())),
    );
    const closedAfter = await new Promise<number>((resolve) =>
      manager.engine.once('close', () => resolve(Date.now() - opened)),
    );
    expect(closedAfter).toBeGreaterThanOrEqual(REALTIME_CONNECT_TIMEOUT_MS - 500);
  }, 20_000);

  it(`refuses to follow more than ${MAX_ROOMS_PER_SOCKET} rooms on one connection`, async () => {
    const spaces = await Promise.all(Array.from({ length: MAX_ROOMS_PER_SOCKET }, () => newSpace(t)));
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    sockets.push(socket);
    const answers = [];
    for (const space of spaces) answers.push(await socket.subscribe({ room: roomName('space', space.id) }));
    const refused = answers.filter((a) => !a.ok);
    // The socket's own id room and its member room count too.
    expect(answers.filter((a) => a.ok)).toHaveLength(MAX_ROOMS_PER_SOCKET - 2);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'invalid' } });
  }, 60_000);
});

/** About 10 s of cursor moves from six clients on a quiet machine (the finding grew ~20 MB/s). */
const AWARENESS_MOVES = 12_000;

describe('memory under a flood of refused socket events', () => {
  let arrange: TestApp;
  let api: AppProcess;
  let flooders: TestMember[];

  beforeAll(async () => {
    arrange = await startTestApp();
    flooders = await Promise.all(Array.from({ length: 5 }, () => newMember(arrange)));
    const { ready } = spawnApp({
      DATABASE_URL: arrange.databaseUrl!,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'convergo-flood-')),
      DEMO_DATA: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
    });
    api = await ready;
  }, 120_000);
  afterAll(async () => {
    api?.child.kill('SIGTERM');
    if (api) await exited(api.child);
    await arrange?.close();
  });

  it('keeps the server’s resident memory flat from one flood round to the next', async () => {
    const pid = api.child.pid!;
    const sockets = await Promise.all(
      flooders.flatMap((m) => [0, 1].map(() => connectSocket(api.baseUrl, m.accessToken))),
    );
    const rss: number[] = [];
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        sockets.map(async (socket, i) => {
          const acks = [];
          for (let n = 0; n < 1_000; n++) {
            const room =
              n % 3 === 0 ? `space:${'f'.repeat(36)}` : n % 3 === 1 ? `nope:${n}-${i}` : `doc:${n}`;
            acks.push(
              socket.socket
                .timeout(30_000)
                .emitWithAck('subscribe', { room })
                .catch(() => undefined),
            );
            const raw = socket.socket as unknown as Socket;
            raw.emit('doc:awareness', `x${n}`, new Uint8Array(512));
            raw.emit('thread:typing', { threadId: 'y'.repeat(200) });
          }
          await Promise.all(acks);
        }),
      );
      await sleep(1_000);
      rss.push(rssMegabytes(pid));
    }
    sockets.forEach((s) => s.close());
    expect((await fetch(`${api.baseUrl}/api/v1/health`)).status).toBe(200);
    // The first rounds grow the heap to its working size; after that a flood must not add memory.
    const growth = Math.max(...rss.slice(3)) - rss[2];
    expect({ rssMegabytes: rss, flatAfterRound3: growth < 96 }).toEqual({
      rssMegabytes: rss,
      flatAfterRound3: true,
    });
  }, 300_000);

  it('keeps the server’s resident memory bounded through a flood of 12,000 awareness moves on one document (issue 19, finding 5)', async () => {
    const pid = api.child.pid!;
    const owner = flooders[0];
    const created = await fetch(`${api.baseUrl}/api/v1/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.accessToken}` },
      body: JSON.stringify({
        title: 'Bozza condivisa',
        kind: 'note',
        owner: { type: 'member', id: owner.id },
      }),
    });
    const { id: docId } = (await created.json()) as { id: string };
    const clients = await Promise.all(
      Array.from({ length: 6 }, () => YjsClient.connect(api.baseUrl, owner.accessToken)),
    );
    for (const client of clients) await client.open(docId);
    const note = 'cursore '.repeat(800); // about 6.4 kB: under the 8 kB a state may hold
    const rss: number[] = [rssMegabytes(pid)];
    // A number of moves, not a duration: a loaded machine takes longer to send them, not fewer.
    let moves = 0;
    const sampler = setInterval(() => rss.push(rssMegabytes(pid)), 2_000);
    try {
      while (moves < AWARENESS_MOVES) {
        for (const client of clients)
          client.awareness.setLocalStateField('cursor', { anchor: moves++, note });
        await sleep(5);
      }
    } finally {
      clearInterval(sampler);
      clients.forEach((client) => client.close());
    }
    await sleep(2_000);
    rss.push(rssMegabytes(pid));
    expect((await fetch(`${api.baseUrl}/api/v1/health`)).status).toBe(200);
    // The finding: 1.69 → 3.44 GB in 90 s, kept minutes later. Relays kept for recovery showed as a
    // steady climb (190 → 214 MB here); volatile relays stay level (190 → 196 MB). GC swings of tens
    // of MB on a loaded machine are noise: the bound is for a runaway, the white-box count of kept
    // packets is in test/documents ("keeps no awareness for replay").
    const growth = Math.max(...rss) - rss[0];
    expect({ rssMegabytes: rss, bounded: growth < 200 }).toEqual({
      rssMegabytes: rss,
      bounded: true,
    });
  }, 240_000);
});
