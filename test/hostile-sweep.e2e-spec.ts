import * as contracts from '@convergo/contracts';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SocketDispatcher } from '../apps/api/src/modules/realtime/socket-dispatcher';
import { newMember, newOrganization, newSpace, newThread, type TestMember } from './support/factories';
import { hostileString, hostileValue, objectFor, valueFor } from './support/hostile-values';
import { newLiveLab, newLiveSession } from './support/live-room';
import {
  operationsOf,
  resolver,
  type ApiOperation,
  type OpenApiDocument,
} from './support/openapi-operations';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 16: a property-based sweep of hostile input over the whole public surface — every operation
 * of the OpenAPI document and every socket event the API serves — for an anonymous caller, an
 * official and an admin. No answer may be a 5xx or missing, every 4xx is problem+json, nothing
 * stored changes when every request of a batch was refused, and the server is healthy afterwards.
 * Each run draws new inputs (its seed is printed on failure; HOSTILE_SEED replays one).
 */
const HTTP_INPUTS = Number(process.env.HOSTILE_HTTP_INPUTS ?? 7_500);
const SOCKET_INPUTS = Number(process.env.HOSTILE_SOCKET_INPUTS ?? 3_000);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 6;
const ARTIFACTS = join(__dirname, '..', 'test-artifacts');

type Caller = 'anonymous' | 'official' | 'admin';

interface Finding {
  caller: Caller;
  what: string;
  input: unknown;
  answer: string;
}

/** A short, printable form of a generated input (some are 100 kB). */
function brief(value: unknown): unknown {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

/**
 * Percent-encodes like encodeURIComponent, except that a lone surrogate (which it refuses) becomes the
 * bytes a careless client would send for it (`%ED%A0%80`: UTF-8 that no decoder accepts).
 */
function percentEncode(text: string): string {
  return Array.from(text, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');
}

/** Findings grouped by what and how it failed (counts), with a few whole examples to replay. */
function report(findings: Finding[]): { seed: number; kinds: Record<string, number>; examples: Finding[] } {
  const kinds: Record<string, number> = {};
  for (const f of findings) {
    const key = `${f.caller} ${f.what}: ${f.answer.slice(0, 80)}`;
    kinds[key] = (kinds[key] ?? 0) + 1;
  }
  if (findings.length > 0) {
    // The whole inputs (the report shortens them), to replay one by hand.
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `hostile-sweep-${SEED}.json`), JSON.stringify(findings, null, 1));
  }
  return { seed: SEED, kinds, examples: findings.slice(0, 5).map((f) => ({ ...f, input: brief(f.input) })) };
}

/** Runs `work` over `items`, `limit` at a time. */
async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

describe('hostile input sweep (property-based, REST and sockets)', () => {
  let t: TestApp;
  let db: DataSource;
  let official: TestMember;
  let admin: TestMember;
  /** Ids of real resources of every kind, so generated paths reach past "not found" too. */
  const ids: string[] = [];
  let doc: OpenApiDocument;

  /** One fingerprint of every stored row (tables that only track connections excluded). */
  async function storedState(): Promise<string> {
    const tables = (await db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'
       AND tablename NOT IN ('live_connections') ORDER BY tablename`,
    )) as { tablename: string }[];
    const parts = await Promise.all(
      tables.map(async ({ tablename }) => {
        const [row] = (await db.query(
          `SELECT count(*) AS n, coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS h
           FROM "${tablename}" t`,
        )) as { n: string; h: string }[];
        return `${tablename}:${row.n}:${row.h}`;
      }),
    );
    return parts.join('\n');
  }

  const tokenOf = (caller: Caller): string | undefined =>
    caller === 'official' ? official.accessToken : caller === 'admin' ? admin.accessToken : undefined;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const organizationId = await newOrganization(t, {
      name: 'Comune di Matera (sweep)',
      region: 'Basilicata',
    });
    official = await newMember(t, { organizationId, displayName: 'Nicola Santoro', isReferent: true });
    admin = await newMember(t, { role: 'admin', displayName: 'Admin Sweep' });
    const victim = await newMember(t, { organizationId, displayName: 'Vittoria Russo' });
    const tutor = await newMember(t, { role: 'tutor', displayName: 'Tina Tutor' });
    const space = await newSpace(t);
    const thread = await newThread(t, official, space.id);
    const lab = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: [official, victim] });
    const session = await newLiveSession(t.baseUrl, tutor, lab.id);
    const document = await t
      .http()
      .post('/api/v1/documents')
      .set('authorization', `Bearer ${official.accessToken}`)
      .send({ title: 'Documento', kind: 'note', owner: { type: 'member', id: official.id } });
    const labModule = await t
      .http()
      .post(`/api/v1/labs/${lab.id}/modules`)
      .set('authorization', `Bearer ${admin.accessToken}`)
      .send({ title: 'Modulo 1 – Analisi del contesto', plannedDays: 2 })
      .expect(201);
    ids.push(organizationId, victim.id, space.id, thread.id, thread.firstPost.id, lab.id, session.id);
    ids.push((labModule.body as { id: string }).id);
    if (document.status === 201) ids.push((document.body as { id: string }).id);
    doc = (await t.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers every generated HTTP request with a 2xx–4xx, 4xx as problem+json, and changes nothing when it refuses', async () => {
    const resolve = resolver(doc);
    const operations = operationsOf(doc).filter((op) => !op.path.endsWith('/health'));
    const callers: Caller[] = ['anonymous', 'official', 'admin'];
    const perBatch = Math.ceil(HTTP_INPUTS / (operations.length * callers.length));
    const findings: Finding[] = [];
    let sent = 0;

    const idArb = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ids) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: hostileString },
    );
    const requestArb = (op: ApiOperation) =>
      fc.record({
        path: fc.tuple(...op.pathParams.map(() => idArb)),
        query: fc.record(
          Object.fromEntries(op.queryParams.map((q) => [q.name, valueFor(q.schema, resolve)])),
          { requiredKeys: [] },
        ),
        body: fc.oneof(
          { weight: 6, arbitrary: op.body ? objectFor(op.body, resolve) : fc.constant(undefined) },
          { weight: 2, arbitrary: hostileValue },
          {
            weight: 1,
            arbitrary: fc
              .constantFrom('{"a":', '{"a":1}}', '\u0000', '['.repeat(10_000), 'x'.repeat(300_000))
              .map((raw) => ({ raw })),
          },
        ),
        forgedAuth: fc.option(hostileString, { freq: 8 }),
      });

    // Each batch's state after is the next one's before: one fingerprint per batch.
    let state = await storedState();
    for (const op of operations) {
      for (const caller of callers) {
        const samples = fc.sample(requestArb(op), { numRuns: perBatch, seed: SEED + sent });
        const before = state;
        let accepted = 0;
        await inBatches(samples, CONCURRENCY, async (sample) => {
          let path = op.path;
          op.pathParams.forEach((name, i) => {
            path = path.replace(`{${name}}`, percentEncode(String(sample.path[i])));
          });
          const query = Object.entries(sample.query)
            .filter(([, value]) => value !== undefined)
            .map(
              ([name, value]) =>
                `${name}=${percentEncode(typeof value === 'string' ? value : JSON.stringify(value))}`,
            )
            .join('&');
          const url = `${t.baseUrl}${path}${query ? `?${query}` : ''}`;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          const token = tokenOf(caller);
          if (token) headers.authorization = `Bearer ${token}`;
          else if (sample.forgedAuth !== null)
            headers.authorization = `Bearer ${sample.forgedAuth.replace(/[^\x20-\x7e]/g, '')}`;
          const raw = (sample.body as { raw?: string } | undefined)?.raw;
          const body =
            op.method === 'get' || op.method === 'delete' || sample.body === undefined
              ? undefined
              : (raw ?? JSON.stringify(sample.body));
          const what = `${op.method.toUpperCase()} ${op.path}`;
          try {
            const res = await fetch(url, {
              method: op.method.toUpperCase(),
              headers,
              body,
              signal: AbortSignal.timeout(15_000),
            });
            const text = await res.text();
            if (res.status < 400) accepted += 1;
            const type = res.headers.get('content-type') ?? '';
            if (res.status >= 500 || (res.status >= 400 && !type.startsWith('application/problem+json'))) {
              findings.push({
                caller,
                what,
                input: { ...sample, path },
                answer: `${res.status} ${type} ${text.slice(0, 200)}`,
              });
            }
          } catch (error) {
            findings.push({
              caller,
              what,
              input: { ...sample, path },
              answer: `no answer: ${(error as Error).message}`,
            });
          }
          sent += 1;
        });
        const after = (state = await storedState());
        if (accepted === 0) {
          if (after !== before) {
            const changed = after.split('\n').filter((line) => !before.split('\n').includes(line));
            findings.push({
              caller,
              what: `${op.method.toUpperCase()} ${op.path}`,
              input: 'every request refused',
              answer: `stored rows changed: ${changed.join(', ')}`,
            });
          }
        }
      }
    }

    expect(report(findings)).toEqual({ seed: SEED, kinds: {}, examples: [] });
    expect(sent).toBeGreaterThanOrEqual(HTTP_INPUTS);
    const health = await fetch(`${t.baseUrl}/api/v1/health`);
    expect(health.status).toBe(200);
  }, 900_000);

  it('answers null in each field of every PATCH and PUT body on real resources without a 5xx (issue 19 leftover)', async () => {
    const resolve = resolver(doc);
    const findings: Finding[] = [];
    let sent = 0;
    for (const op of operationsOf(doc).filter(
      (o) => (o.method === 'patch' || o.method === 'put') && o.body,
    )) {
      const fields = Object.keys(resolve(op.body!).properties ?? {});
      // Every real id in every path parameter: one of them is the resource this path edits.
      const paths = ids.map((id) =>
        op.pathParams.reduce((path, name) => path.replace(`{${name}}`, id), op.path),
      );
      for (const field of fields) {
        await inBatches(paths, CONCURRENCY, async (path) => {
          sent += 1;
          const res = await fetch(`${t.baseUrl}${path}`, {
            method: op.method.toUpperCase(),
            headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
            body: JSON.stringify({ [field]: null }),
          });
          if (res.status >= 500) {
            findings.push({
              caller: 'admin',
              what: `${op.method.toUpperCase()} ${op.path}`,
              input: { path, field },
              answer: `${res.status} ${await res.text()}`,
            });
          }
        });
      }
    }
    expect(sent).toBeGreaterThan(100);
    expect(report(findings)).toEqual({ seed: SEED, kinds: {}, examples: [] });
  }, 300_000);

  it('acknowledges every generated socket event, refuses handshakes with forged tokens, and stays healthy', async () => {
    // Every client event the running API serves, as the capabilities registered them.
    const events = t.app.get(SocketDispatcher).events();
    expect(events).toEqual(
      expect.arrayContaining(['subscribe', 'doc:sync', 'session:join', 'thread:typing']),
    );
    const findings: Finding[] = [];
    const perEvent = Math.ceil((SOCKET_INPUTS * 0.9) / (events.length * 2));
    const argsArb = fc.oneof(
      fc.tuple(hostileValue),
      fc.tuple(
        fc.record(
          { room: hostileValue, docId: hostileValue, sessionId: hostileValue, threadId: hostileValue },
          { requiredKeys: [] },
        ),
      ),
      fc.tuple(fc.constantFrom(...ids), fc.uint8Array({ maxLength: 64 })),
      fc.tuple(hostileValue, hostileValue, hostileValue),
    );
    let sent = 0;

    for (const caller of ['official', 'admin'] as const) {
      // Several connections share the load so the per-connection budget is not all that is tested.
      const sockets: TestSocket[] = [];
      for (let i = 0; i < 4; i++) sockets.push(await connectSocket(t.baseUrl, tokenOf(caller)));
      const me = caller === 'official' ? official : admin;
      let state = await storedState();
      for (const event of events) {
        const samples = fc.sample(argsArb, { numRuns: perEvent, seed: SEED + sent });
        const before = state;
        let accepted = 0;
        await inBatches(
          samples.map((args, i) => ({ args, socket: sockets[i % sockets.length] })),
          sockets.length,
          async ({ args, socket }) => {
            sent += 1;
            if (!socket.socket.connected) {
              findings.push({
                caller,
                what: event,
                input: args,
                answer: 'the server dropped the connection',
              });
              return;
            }
            try {
              const ack = (await socket.rawWithAck(event, ...args)) as { ok?: boolean } | undefined;
              if (ack?.ok === true) accepted += 1;
              else if (ack?.ok !== false)
                findings.push({ caller, what: event, input: args, answer: `ack ${brief(ack)}` });
            } catch (error) {
              findings.push({
                caller,
                what: event,
                input: args,
                answer: `no ack: ${(error as Error).message}`,
              });
            }
          },
        );
        // Each connection still answers after the batch.
        for (const socket of sockets) {
          const ack = await socket
            .subscribe({ room: contracts.roomName('member', me.id) })
            .catch(() => undefined);
          if (!ack?.ok)
            findings.push({
              caller,
              what: event,
              input: 'after the batch',
              answer: 'the connection stopped answering',
            });
        }
        state = await storedState();
        if (accepted === 0 && state !== before) {
          findings.push({ caller, what: event, input: 'every event refused', answer: 'stored rows changed' });
        }
      }
      sockets.forEach((s) => s.close());
    }

    const forged = fc.sample(hostileValue, { numRuns: Math.ceil(SOCKET_INPUTS * 0.1), seed: SEED });
    await inBatches(forged, CONCURRENCY, async (token) => {
      sent += 1;
      try {
        const socket = await connectSocket(t.baseUrl, token);
        socket.close();
        findings.push({ caller: 'anonymous', what: 'handshake', input: token, answer: 'accepted' });
      } catch (error) {
        if ((error as Error).message !== 'unauthorized')
          findings.push({
            caller: 'anonymous',
            what: 'handshake',
            input: token,
            answer: (error as Error).message,
          });
      }
    });

    expect(report(findings)).toEqual({ seed: SEED, kinds: {}, examples: [] });
    expect(sent).toBeGreaterThanOrEqual(SOCKET_INPUTS);
    expect((await fetch(`${t.baseUrl}/api/v1/health`)).status).toBe(200);
  }, 600_000);
});
