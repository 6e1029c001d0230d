import { randomUUID } from 'node:crypto';
import { REST_ROWS, SOCKET_ROWS, type Call, type RestRow } from './support/authorization-matrix';
import { MatrixWorld, PNG, ROLES, type Role } from './support/authorization-matrix-world';
import { operationsOf, type OpenApiDocument } from './support/openapi-operations';
import { connectSocket, expectConnectError, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 16: the authorisation matrix as data (test/support/authorization-matrix.ts), walked in full:
 * every OpenAPI operation as every role over REST, every room kind as every role over socket
 * subscriptions. An operation without a row fails the suite, and so does a row whose operation is gone.
 */
const CONCURRENCY = 6;

const opOf = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

function urlOf(row: RestRow, params: Record<string, string>, query: Record<string, string>): string {
  const path = row.op.split(' ')[1].replace(/\{(\w+)\}/g, (_all, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${row.op}: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

describe('authorisation matrix (issue 16): every operation and room kind, as every role', () => {
  let t: TestApp;
  let w: MatrixWorld;
  let operations: Set<string>;

  beforeAll(async () => {
    t = await startTestApp();
    w = await new MatrixWorld(t).build();
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    operations = new Set(operationsOf(doc).map((op) => opOf(op.method, op.path)));
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const callOf = (role: Role): Call => ({
    w,
    role,
    me: role === 'anonymous' ? randomUUID() : w.members[role].id,
    fresh: {},
  });

  it('has exactly one row for every operation of the OpenAPI document', () => {
    const rows = REST_ROWS.map((r) => r.op);
    const duplicated = rows.filter((op, i) => rows.indexOf(op) !== i);
    const missing = [...operations].filter((op) => !rows.includes(op)).sort();
    const gone = rows.filter((op) => !operations.has(op));
    expect({ missing, gone, duplicated }).toEqual({ missing: [], gone: [], duplicated: [] });
  });

  it('answers every REST operation, as every role, as its row says', async () => {
    const started = Date.now();
    const sends = REST_ROWS.filter((r) => operations.has(r.op)).flatMap((row) =>
      ROLES.map((role) => ({ row, role })),
    );
    const mismatches: string[] = [];
    await inBatches(sends, CONCURRENCY, async ({ row, role }) => {
      const c = callOf(role);
      if (row.setup) {
        try {
          c.fresh = await row.setup(c);
        } catch (error) {
          mismatches.push(`${row.op} as ${role}: setup failed: ${(error as Error).message.slice(0, 300)}`);
          return;
        }
      }
      const [method] = row.op.split(' ');
      const url = urlOf(row, row.params?.(c) ?? {}, row.query?.(c) ?? {});
      const token = w.token(role);
      w.requests += 1;
      let req = t.http()[method.toLowerCase() as 'get'](url);
      if (token) req = req.set('authorization', `Bearer ${token}`);
      const body = row.body?.(c);
      const res = row.upload
        ? await req.attach('file', PNG, { filename: 'pixel.png', contentType: 'image/png' })
        : body === undefined
          ? await req
          : await req.send(body as object);
      const code = (res.body as { code?: string } | undefined)?.code;
      const got = `${res.status}${code ? ` ${code}` : ''}`;
      const allowed = row.allow.includes(role);
      let expected: string | undefined;
      if (res.status >= 500) expected = allowed ? 'allowed' : 'refused';
      else if (allowed) {
        // Past the policy an allowed caller meets only what its row names (a valid body otherwise
        // succeeds), so a 400 or 409 can never stand in for an authorisation decision unnoticed.
        const named = row.passedWith?.[role] === got || (row.allowedMayMiss && res.status === 404);
        if (res.status >= 300 && !named)
          expected = `allowed (2xx${row.passedWith?.[role] ? ` or ${row.passedWith[role]}` : ''})`;
      } else {
        const want = role === 'anonymous' ? 401 : row.hiddenFrom?.includes(role) ? 404 : 403;
        if (res.status !== want) expected = String(want);
      }
      if (expected) mismatches.push(`${row.op} as ${role}: expected ${expected}, got ${got}`);
    });
    process.stdout.write(
      `authorization matrix: ${REST_ROWS.length} rows, ${sends.length} checked requests, ` +
        `${w.requests} requests in all, ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    expect(mismatches.sort()).toEqual([]);
  }, 600_000);

  it('answers every room subscription, as every role, as its row says', async () => {
    // Without a token there is no connection, hence no subscription to any room.
    await expectConnectError(t.baseUrl, undefined, { noAuth: true });
    const mismatches: string[] = [];
    const members = ROLES.filter((r) => r !== 'anonymous');
    await inBatches(members, CONCURRENCY, async (role) => {
      let socket: TestSocket | undefined;
      try {
        socket = await connectSocket(t.baseUrl, w.token(role));
        for (const row of SOCKET_ROWS) {
          const room = row.name(callOf(role));
          const ack = await socket.subscribe({ room });
          const allowed = row.allow.includes(role);
          const got = ack.ok ? 'ok' : ack.error.code;
          const want = allowed ? 'ok' : (row.refused ?? 'forbidden');
          if (got !== want) mismatches.push(`subscribe ${row.room} as ${role}: expected ${want}, got ${got}`);
          if (ack.ok) await socket.unsubscribe({ room });
        }
      } finally {
        socket?.close();
      }
    });
    expect(mismatches.sort()).toEqual([]);
  }, 120_000);
});
