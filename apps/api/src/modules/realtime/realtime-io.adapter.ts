import { type INestApplication, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server, ServerOptions } from 'socket.io';
import type { Environment } from '../../config/environment';
import { RealtimeRedis, type RedisClient } from './realtime-redis';
import { RecoveryBufferAdapter } from './recovery-buffer.adapter';

/**
 * How long one XREAD of the streams adapter blocks. It bounds how long shutdown waits for the
 * reader, not latency (XREAD returns as soon as an entry arrives); idle cost is 5 calls a second.
 */
export const REDIS_STREAMS_BLOCK_MS = 200;

export interface RedisStreamOptions {
  /** Entries the stream keeps (`MAXLEN ~`): the reach of connection state recovery. */
  maxLen: number;
  /** The stream's key; one per deployment (tests give their own). */
  streamName?: string;
}

/**
 * socket.io on Nest's HTTP server; with Redis, the streams adapter carries broadcasts between
 * processes and keeps connection state recovery working across them (the classic pub/sub adapter
 * does not). Without Redis, socket.io's in-memory adapter, which also supports recovery (Yjs
 * messages excepted: RecoveryBufferAdapter).
 */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(
    app: INestApplication,
    private readonly redis: RedisClient | undefined,
    private readonly stream: RedisStreamOptions,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (!this.redis)
      return super.createIOServer(port, { ...options, adapter: RecoveryBufferAdapter } as ServerOptions);
    // Built here, not earlier: the adapter starts its blocking reader as soon as it exists and
    // stops it only when the server closes, so a reader without a server would keep jest alive.
    const adapter = createAdapter(this.redis, {
      blockTimeInMs: REDIS_STREAMS_BLOCK_MS,
      maxLen: this.stream.maxLen,
      ...(this.stream.streamName ? { streamName: this.stream.streamName } : {}),
    });
    return super.createIOServer(port, { ...options, adapter } as ServerOptions);
  }
}

/** Chooses the socket.io adapter; call before `app.init()`, which creates the gateway's server. */
export async function configureRealtime(app: INestApplication, env: Environment): Promise<void> {
  const redis = app.get(RealtimeRedis);
  if (env.REDIS_URL && !redis.client)
    throw new Error('REDIS_URL is set but the Redis connection was not created');
  // Fail at start-up rather than on the first broadcast.
  await redis.ping();
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, redis.client, { maxLen: env.REALTIME_STREAM_MAX_LEN }));
  new Logger('Realtime').log(
    redis.client ? 'socket.io adapter: Redis streams' : 'socket.io adapter: in memory',
  );
}
