import { createServer } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import { RealtimeIoAdapter } from '../apps/api/src/modules/realtime/realtime-io.adapter';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/*
 * How far back connection state recovery reaches across processes is the length of the Redis
 * stream the adapter keeps (REALTIME_STREAM_MAX_LEN): a real Redis, a real socket.io server, and
 * a stream of this test's own.
 */
describe('Redis stream length (REALTIME_STREAM_MAX_LEN)', () => {
  const redis = createClient({ url: REDIS_URL });
  const streams: string[] = [];
  const servers: Server[] = [];

  beforeAll(async () => {
    await redis.connect();
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const stream of streams) await redis.del(stream);
    await redis.quit();
  });

  async function broadcastInto(maxLen: number, broadcasts: number): Promise<number> {
    const streamName = `convergo-test-stream-${process.pid}-${maxLen}`;
    streams.push(streamName);
    await redis.del(streamName);
    const adapter = new RealtimeIoAdapter(
      // Nest's adapter takes an application or a bare HTTP server.
      createServer() as unknown as INestApplication,
      redis,
      { maxLen, streamName },
    );
    const server = adapter.createIOServer(0);
    servers.push(server);
    for (let i = 0; i < broadcasts; i++) server.to('room:any').emit('post.created', { i });
    // The adapter publishes each broadcast with an XADD on this client as it is emitted, and
    // commands on one connection run in order: XLEN after them sees the stream as they left it.
    const length = await redis.xLen(streamName);
    return length;
  }

  it('trims the stream to about the configured length, keeping the newest broadcasts', async () => {
    const kept = await broadcastInto(1000, 3000);
    // MAXLEN ~ trims whole radix-tree nodes (100 entries by default), never below the length.
    expect(kept).toBeGreaterThanOrEqual(1000);
    expect(kept).toBeLessThan(1200);
  });

  it('keeps every broadcast while the stream is shorter than the configured length', async () => {
    expect(await broadcastInto(5000, 3000)).toBe(3000);
  });
});
