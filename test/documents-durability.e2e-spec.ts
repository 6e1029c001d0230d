import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { exited, spawnApp, type AppProcess } from './support/app-process';
import { createTestDatabase, dropTestDatabase } from './support/postgres';
import { sleep } from './support/socket-client';
import { TEST_JWT_SECRET } from './support/test-app';
import { YjsClient } from './support/yjs-client';

/**
 * The built product as a process, killed with SIGKILL in the middle of a burst of edits: every
 * update the server acknowledged must be in the document after a restart, on both stores.
 */
describe('shared documents survive SIGKILL', () => {
  const dirs: string[] = [];
  const children: AppProcess['child'][] = [];
  const admin = { email: 'root@convergo.test', password: 'Root-password-123' };
  const baseEnv = (extra: Record<string, string> = {}) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'convergo-docs-'));
    dirs.push(dataDir);
    return {
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      RATE_LIMIT_DISABLED: 'true',
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ...extra,
    };
  };
  const start = async (env: Record<string, string>) => {
    const { child, ready } = spawnApp(env);
    children.push(child);
    return ready;
  };
  const login = async (app: AppProcess) =>
    (await request(app.baseUrl).post('/api/v1/auth/login').send(admin).expect(200)).body as {
      accessToken: string;
      member: { id: string };
    };

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function acknowledgedEditsSurvive(env: Record<string, string>): Promise<number> {
    const app = await start(env);
    const session = await login(app);
    const created = await request(app.baseUrl)
      .post('/api/v1/documents')
      .set('authorization', `Bearer ${session.accessToken}`)
      .send({
        title: 'Verbale della sessione',
        kind: 'verbale',
        owner: { type: 'member', id: session.member.id },
      })
      .expect(201);
    const docId = created.body.id as string;

    const editor = await YjsClient.connect(app.baseUrl, session.accessToken);
    await editor.open(docId);
    const acknowledged: string[] = [];
    let killed = false;
    // A bounded window of unacknowledged edits, as an editor has: the burst keeps the server
    // busy without flooding its write queue on a loaded machine.
    const inFlight = new Set<Promise<unknown>>();
    const burst = (async () => {
      for (let i = 0; !killed; i++) {
        const marker = `[m${i}]`;
        const sent = editor.sent.length;
        editor.paragraph(i % 4).insert(0, marker);
        if (editor.sent.length > sent) {
          const pending = editor.sent[sent].ack.then((ack) => {
            if (ack.ok) acknowledged.push(marker);
          });
          inFlight.add(pending);
          void pending.finally(() => inFlight.delete(pending));
        }
        if (inFlight.size >= 16) await Promise.race([...inFlight, sleep(50)]);
      }
    })();
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 150 && Date.now() < deadline) await sleep(2);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    app.child.kill('SIGKILL');
    killed = true;
    await exited(app.child);
    await burst;
    const count = acknowledged.length;
    editor.close();

    const again = await start(env);
    const reader = await YjsClient.connect(again.baseUrl, (await login(again)).accessToken);
    try {
      await reader.open(docId);
      const text = reader.text();
      expect(acknowledged.filter((marker) => !text.includes(marker))).toEqual([]);
    } finally {
      reader.close();
      again.child.kill('SIGTERM');
      await exited(again.child);
    }
    return count;
  }

  it('keeps every acknowledged update on embedded PGlite', async () => {
    expect(await acknowledgedEditsSurvive(baseEnv())).toBeGreaterThanOrEqual(150);
  }, 240_000);

  it('keeps every acknowledged update on PostgreSQL', async () => {
    const databaseUrl = await createTestDatabase();
    try {
      expect(await acknowledgedEditsSurvive(baseEnv({ DATABASE_URL: databaseUrl }))).toBeGreaterThanOrEqual(
        150,
      );
    } finally {
      await dropTestDatabase(databaseUrl);
    }
  }, 240_000);
});
