import { createServer } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import { RealtimeIoAdapter } from '../apps/api/src/modules/realtime/realtime-io.adapter';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/*
 * How far back connection state recovery reaches across processes is the length of the Redis
 * stream the adapter keeps (REALTIME_STREAM_MAX_LEN): a real Redis, a real socket.io server, and
 * a stream of this test's own. Each case has its own connection and server, closed at its end.
 */
describe('Redis stream length (REALTIME_STREAM_MAX_LEN)', () => {
  const inspector = createClient({ url: REDIS_URL });

  beforeAll(async () => {
    await inspector.connect();
  });

  afterAll(async () => {
    await inspector.quit();
  });

  /** Broadcasts through an adapter with `maxLen`, then how many entries the stream holds. */
  async function broadcastInto(maxLen: number, broadcasts: number): Promise<number> {
    const streamName = `convergo-test-stream-${process.pid}-${maxLen}`;
    await inspector.del(streamName);
    const publisher = createClient({ url: REDIS_URL });
    await publisher.connect();
    const adapter = new RealtimeIoAdapter(
      // Nest's adapter takes an application or a bare HTTP server.
      createServer() as unknown as INestApplication,
      publisher,
      { maxLen, streamName },
    );
    const server = adapter.createIOServer(0);
    try {
      await subscribed(server);
      for (let i = 0; i < broadcasts; i++) server.to('room:any').emit('post.created', { i });
      await allAdded(streamName, broadcasts);
      return await inspector.xLen(streamName);
    } finally {
      await server.close();
      await publisher.quit().catch(() => undefined);
      await inspector.del(streamName);
    }
  }

  /**
   * Waits until the stream has taken `count` entries in all (XINFO's `entries-added` counts
   * trimmed ones too). A full run once read the length after 461 of 3,000: the wait does not
   * assume when the adapter's XADDs reach Redis, and says how many did if some never do.
   */
  async function allAdded(streamName: string, count: number): Promise<void> {
    let added = 0;
    for (let attempt = 0; attempt < 400; attempt++) {
      const info = await inspector.xInfoStream(streamName).catch(() => undefined);
      added = Number(info?.['entries-added'] ?? 0);
      if (added >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`the adapter added ${added} of ${count} broadcasts to ${streamName} within 10 s`);
  }

  /**
   * Waits until the adapter listens on its own pub/sub channel. The adapter subscribes in the
   * background and does not catch a failure: closing before that answer rejects the SUBSCRIBE
   * with "Disconnects client", an unhandled rejection (CI, 2026-12-05).
   */
  async function subscribed(server: Server): Promise<void> {
    const uid = (server.of('/').adapter as unknown as { uid: string }).uid;
    const channel = `socket.io#/#${uid}#`;
    for (let attempt = 0; attempt < 200; attempt++) {
      const counts = await inspector.pubSubNumSub(channel);
      if ((counts[channel] ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`the adapter did not subscribe to ${channel} within 5 s`);
  }

  it('trims the stream to about the configured length, keeping the newest broadcasts', async () => {
    const kept = await broadcastInto(1000, 3000);
    // MAXLEN ~ trims whole radix-tree nodes (100 entries by default), never below the length.
    expect(kept).toBeGreaterThanOrEqual(1000);
    expect(kept).toBeLessThan(1200);
  }, 30_000);

  it('keeps every broadcast while the stream is shorter than the configured length', async () => {
    expect(await broadcastInto(5000, 3000)).toBe(3000);
  }, 30_000);
});
