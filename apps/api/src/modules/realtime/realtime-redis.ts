import { Logger, type OnApplicationShutdown } from '@nestjs/common';

/**
 * node-redis is loaded only when REDIS_URL is set: with its modules it is ~650 modules and a
 * quarter of a second that a process on the in-memory adapter (and every test's app) would pay.
 */
async function createRedisClient(url: string) {
  const redis = await import('redis');
  return redis.createClient({
    url,
    socket: { connectTimeout: 5_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
}

export type RedisClient = Awaited<ReturnType<typeof createRedisClient>>;

const CONNECT_TIMEOUT_MS = 10_000;
const PING_TIMEOUT_MS = 1_000;

/** Where the Redis is, without the password, for messages. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * The process's one Redis connection (only when REDIS_URL is set): the socket.io streams adapter
 * publishes through it (and duplicates it for its blocking reads) and the health check pings it.
 * It is closed on application shutdown, after Nest has closed the socket.io server, so the
 * sessions socket.io persists while shutting down are still written.
 */
export class RealtimeRedis implements OnApplicationShutdown {
  private readonly logger = new Logger(RealtimeRedis.name);

  private constructor(readonly client: RedisClient | undefined) {}

  /** Connects at start-up so a Redis that does not answer stops the process with a clear message. */
  static async connect(url: string | undefined): Promise<RealtimeRedis> {
    if (!url) return new RealtimeRedis(undefined);
    const client = await createRedisClient(url);
    const redis = new RealtimeRedis(client);
    // Without a listener node-redis would crash the process on a dropped connection; it reconnects by itself.
    client.on('error', (error: unknown) => redis.logger.warn({ err: error }, 'Redis connection error'));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), CONNECT_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      client.destroy();
      throw new Error(`REDIS_URL: could not connect to ${describe(url)} (${(error as Error).message})`);
    } finally {
      clearTimeout(timer);
    }
    return redis;
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  /** Rejects unless Redis answers PING within a second (commands would otherwise queue while reconnecting). */
  async ping(): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (!client.isReady) throw new Error('not connected');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer to PING')), PING_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.client;
    if (!client?.isOpen) return;
    try {
      await client.close();
    } catch {
      client.destroy();
    }
  }
}
