// The two servers under test, both pinned with `taskset -c <serverCpu>`:
//   ours: the built API on a fresh database, with one lab, its tutor, N participants (each a member
//         with their own account and token, made through invitations) and one session per storm;
//   bare: bench/live-room/bare-server.ts (socket.io only).
import path from 'node:path';
import { backendCpuDelta, startApiUnderTest } from '../common/api-under-test';
import { createMembers, inLanes } from '../common/members';
import { api, startPinned, stopProcess, waitUntil, HOST } from '../common/processes';
import type { Target } from './protocol';

export { backendCpuDelta };

export const log = (...args: string[]): void => {
  process.stderr.write(`[live-room] ${new Date().toISOString().slice(11, 19)} ${args.join(' ')}\n`);
};

/** The pinned-process marker of the load process must not reach the servers. */
export const PINNED_ENV = 'LIVE_ROOM_BENCH_PINNED';

export interface ServerOptions {
  pg: string;
  serverCpu: string;
  keepDb: boolean;
  profileDir: string | null;
  bareRecovery: boolean;
  /** Agenda items of every session (each a step the tutor can push). */
  agendaItems: number;
  /** Parallel requests while setting up members (the API hashes each new password with argon2). */
  setupConcurrency: number;
}

export interface ServerUnderTest {
  kind: Target;
  pid: number;
  base: string;
  /** One token per client (ours: the N participants'; bare: placeholders). */
  tokens: string[];
  /** A fresh session (ours: created in the set-up, before anyone was enrolled) per storm. */
  nextSession: () => string;
  /** Pushes agenda step `step` of `sessionId` (ours: as the lab's tutor). */
  sendStep: (sessionId: string, step: number) => Promise<Response>;
  /** Tells the bare server the API's acknowledgement and envelope sizes (no-op for ours). */
  configure: (sizes: { ackBytes: number[]; envelopeBytes: number }) => Promise<void>;
  /** utime+stime (s) of the PostgreSQL backends of this server's database (ours only). */
  dbCpuSeconds: () => Promise<Map<number, number>>;
  /** What the set-up made and how long it took (ours). */
  setup: Record<string, unknown>;
  stop: () => Promise<void>;
}

const profileArgs = (options: ServerOptions): string[] =>
  options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [];

/** A believable agenda item title of about 60 characters. */
const agendaTitle = (i: number) =>
  `Punto ${i + 1}: analisi dei fabbisogni e lavoro di gruppo sul quadro logico`;

export async function startOurs(
  options: ServerOptions,
  mainJs: string,
  n: number,
  sessions: number,
): Promise<ServerUnderTest> {
  const started = Date.now();
  const server = await startApiUnderTest({
    pg: options.pg,
    dbName: `convergo_liveroom_${process.pid}`,
    cpu: options.serverCpu,
    mainJs,
    keepDb: options.keepDb,
    nodeArgs: profileArgs(options),
    dropEnv: [PINNED_ENV],
    log,
  });
  try {
    const apiStartedS = (Date.now() - started) / 1000;
    const admin = server.adminToken;
    const organization = await api<{ id: string }>(server.base, 'POST', '/organizations', admin, {
      name: 'Agenzia per la prova della stanza dal vivo',
      kind: 'agenzia',
    });
    const lab = await api<{ id: string }>(server.base, 'POST', '/labs', admin, {
      title: 'Laboratorio di prova della stanza dal vivo',
      ambito: 'A',
      status: 'running',
    });
    // Sessions before enrolment: scheduling one notifies the lab's people, and 300 notifications
    // per session are not what this benchmark measures.
    const now = Date.now();
    const agenda = Array.from({ length: options.agendaItems }, (_, i) => ({
      title: agendaTitle(i),
      minutes: 10,
    }));
    const sessionIds: string[] = [];
    for (let s = 0; s < sessions; s++) {
      const session = await api<{ id: string }>(server.base, 'POST', `/labs/${lab.id}/sessions`, admin, {
        title: `Sessione dal vivo ${s + 1}`,
        mode: 'online',
        startsAt: new Date(now - 10 * 60_000).toISOString(),
        endsAt: new Date(now + 4 * 3_600_000).toISOString(),
        agenda,
      });
      sessionIds.push(session.id);
    }
    const membersStarted = Date.now();
    const [tutor] = await createMembers(server, organization.id, 1, 'tutor', 'Tutor', 1);
    const participants = await createMembers(
      server,
      organization.id,
      n,
      'member',
      'Partecipante',
      options.setupConcurrency,
    );
    const membersS = (Date.now() - membersStarted) / 1000;
    await api(server.base, 'PUT', `/labs/${lab.id}/participants/${tutor.id}`, admin, { role: 'tutor' });
    await inLanes(n, options.setupConcurrency, (i) =>
      api(server.base, 'PUT', `/labs/${lab.id}/participants/${participants[i].id}`, admin, {
        role: 'participant',
      }),
    );
    let nextSession = 0;
    return {
      kind: 'ours',
      pid: server.pid,
      base: server.base,
      tokens: participants.map((p) => p.token),
      nextSession() {
        if (nextSession >= sessionIds.length) throw new Error('no session left for another storm');
        return sessionIds[nextSession++];
      },
      sendStep: (sessionId, step) =>
        fetch(`${server.base}/api/v1/sessions/${sessionId}/agenda-step`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tutor.token}` },
          body: JSON.stringify({ step }),
          signal: AbortSignal.timeout(30000),
        }),
      configure: () => Promise.resolve(),
      dbCpuSeconds: server.dbCpuSeconds,
      setup: {
        apiStartS: Math.round(apiStartedS * 10) / 10,
        membersS: Math.round(membersS * 10) / 10,
        totalS: Math.round((Date.now() - started) / 100) / 10,
        participants: n,
        sessions: sessionIds.length,
        agendaItems: options.agendaItems,
      },
      stop: server.stop,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export async function startBare(options: ServerOptions, n: number): Promise<ServerUnderTest> {
  const script = path.join(__dirname, `bare-server${path.extname(__filename)}`);
  const child = startPinned(
    'bare',
    ['-c', options.serverCpu, process.execPath, ...profileArgs(options), ...process.execArgv, script],
    { PORT: '0', BARE_RECOVERY: options.bareRecovery ? '1' : '0' },
    { dropEnv: [PINNED_ENV], log },
  );
  const port = await waitUntil('the bare server', 20000, async () => {
    if (child.exitCode !== null) throw new Error(`bare server exited:\n${child.output()}`);
    const match = /LISTENING (\d+)/.exec(child.output());
    return match ? Number(match[1]) : undefined;
  });
  const base = `http://${HOST}:${port}`;
  let envelopeBytes = 0;
  let sessions = 0;
  const post = (route: string, body: unknown) =>
    fetch(`${base}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30000),
    });
  return {
    kind: 'bare',
    pid: child.pid as number,
    base,
    tokens: Array.from({ length: n }, () => 'none'),
    nextSession: () => `bare-${++sessions}`,
    sendStep: (sessionId, step) => post('/broadcast', { sessionId, step, bytes: envelopeBytes }),
    async configure(sizes) {
      envelopeBytes = sizes.envelopeBytes;
      const response = await post('/configure', { ackBytes: sizes.ackBytes });
      if (!response.ok) throw new Error(`bare /configure: ${response.status}`);
    },
    dbCpuSeconds: () => Promise.resolve(new Map()),
    setup: {},
    stop: () => stopProcess(child, 5000),
  };
}
