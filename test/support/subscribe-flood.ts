import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SCRIPT = join(__dirname, 'subscribe-flood.cjs');
/** Issue 19's finding: 20 sockets of one member, 1,000 `subscribe` calls each. */
export const FLOOD_SOCKETS = 20;
export const FLOOD_SUBSCRIBES_PER_SOCKET = 1_000;

export interface Flood {
  /** Resolves once every flooding socket is connected. */
  ready: Promise<void>;
  /** Starts the flood; resolves once the server is answering it. */
  go(): Promise<void>;
  /** How many `subscribe` calls got each answer (`ok`, `rate_limited`, … or `timeout`). */
  codes: Promise<Record<string, number>>;
  stop(): void;
}

/** A member flooding `subscribe` on `rooms` from another process (the test's event loop stays the server's). */
export function startFlood(baseUrl: string, token: string, rooms: string[]): Flood {
  const child = spawn(
    process.execPath,
    [SCRIPT, baseUrl, token, String(FLOOD_SOCKETS), String(FLOOD_SUBSCRIBES_PER_SOCKET), ...rooms],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const messages: Promise<unknown>[] = [];
  const resolvers: ((message: unknown) => void)[] = [];
  for (let i = 0; i < 3; i++) messages.push(new Promise((resolve) => resolvers.push(resolve)));
  let received = 0;
  lines.on('line', (line) => resolvers[received++]?.(JSON.parse(line)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the flood process exited (${code}): ${errors}`))),
  );
  exited.catch(() => undefined);
  return {
    ready: Promise.race([messages[0], exited]).then(() => undefined),
    go: () => {
      child.stdin.write('go\n');
      return Promise.race([messages[1], exited]).then(() => undefined);
    },
    codes: Promise.race([messages[2], exited]).then(
      (message) => (message as { codes: Record<string, number> }).codes,
    ),
    stop: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}
