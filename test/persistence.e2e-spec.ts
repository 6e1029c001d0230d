import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { exited, spawnApp, type AppProcess } from './support/app-process';
import { createTestDatabase, dropTestDatabase } from './support/postgres';
import { migratedEmbeddedDataDir, startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The same checks on both stores the product runs on. */
describe.each([
  ['embedded PGlite', true],
  ['PostgreSQL', false],
])('persistence on %s', (_name, embedded) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ embedded });
  });
  afterAll(async () => {
    await t.close();
  });

  it('has run every migration, and every entity column exists as the entity declares it', async () => {
    const dataSource = t.app.get(DataSource);
    expect(await dataSource.showMigrations()).toBe(false);
    const columns = (await dataSource.query(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    )) as { table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }[];
    const actual = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c.is_nullable === 'YES']));
    const declared = dataSource.entityMetadatas.flatMap((entity) =>
      entity.columns.map(
        (column) => [`${entity.tableName}.${column.databaseName}`, column.isNullable] as const,
      ),
    );
    expect(declared.length).toBeGreaterThan(40);
    const mismatches = declared.filter(([name, nullable]) => actual.get(name) !== nullable);
    expect(mismatches).toEqual([]);
  });

  it('leaves nothing of a rolled-back transaction while another commits concurrently', async () => {
    const dataSource = t.app.get(DataSource);
    const insert = (name: string) =>
      `INSERT INTO organizations (name, kind, region, search_name) VALUES ('${name}', 'agenzia', 'Lazio', '${name}')`;
    const failing = dataSource.transaction(async (manager) => {
      await manager.query(insert('rollback-me'));
      await sleep(100);
      throw new Error('boom');
    });
    const committing = dataSource.transaction(async (manager) => {
      await manager.query(insert('keep-me'));
    });
    const [failed, committed] = await Promise.allSettled([failing, committing]);
    expect(failed.status).toBe('rejected');
    expect(committed.status).toBe('fulfilled');
    const rows = (await dataSource.query(
      `SELECT name FROM organizations WHERE name IN ('rollback-me', 'keep-me')`,
    )) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(['keep-me']);
  });
});

describe('the built app as a process', () => {
  const dirs: string[] = [];
  const children: AppProcess['child'][] = [];
  /** Embedded runs start from a migrated copy: what is under test here is the process, not the migrations. */
  const newDataDir = async (embedded: boolean) => {
    const dir = embedded ? await migratedEmbeddedDataDir() : mkdtempSync(join(tmpdir(), 'convergo-proc-'));
    dirs.push(dir);
    return dir;
  };
  const admin = { email: 'root@convergo.test', password: 'Root-password-123' };
  const baseEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    RATE_LIMIT_DISABLED: 'true',
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    ...extra,
  });
  const start = async (env: Record<string, string>) => {
    const { child, ready } = spawnApp(env);
    children.push(child);
    return ready;
  };

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to open a DATA_DIR that another process holds', async () => {
    const dataDir = await newDataDir(true);
    const first = await start(baseEnv(dataDir));
    const { child: second, ready } = spawnApp(baseEnv(dataDir));
    children.push(second);
    await expect(ready).rejects.toThrow(/already in use by process/);
    expect(await exited(second)).toBe(1);
    await request(first.baseUrl).get('/api/docs-json').expect(200);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
  });

  /** Writes as fast as it can, kills the process with SIGKILL mid-burst, restarts, counts. */
  async function acknowledgedWritesSurviveSigkill(env: Record<string, string>): Promise<number> {
    const app = await start(env);
    const login = await request(app.baseUrl).post('/api/v1/auth/login').send(admin).expect(200);
    const auth = `Bearer ${login.body.accessToken}`;
    const [organization] = (await request(app.baseUrl).get('/api/v1/organizations?limit=1').expect(200)).body
      .items;

    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const res = await request(app.baseUrl)
          .post('/api/v1/invitations')
          .set('authorization', auth)
          .send({ email: `w${w}.${i}@burst.it`, organizationId: organization.id, role: 'member' })
          .catch(() => undefined);
        if (res?.status === 201) acknowledged.push(res.body.id as string);
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 40) await sleep(5);
    app.child.kill('SIGKILL');
    killed = true;
    await exited(app.child);
    await Promise.all(writers);

    const again = await start(env);
    const relogin = await request(again.baseUrl).post('/api/v1/auth/login').send(admin).expect(200);
    const stored = await request(again.baseUrl)
      .get('/api/v1/invitations')
      .set('authorization', `Bearer ${relogin.body.accessToken}`)
      .expect(200);
    const ids = new Set((stored.body.items as { id: string }[]).map((i) => i.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    again.child.kill('SIGTERM');
    await exited(again.child);
    return acknowledged.length;
  }

  it('keeps every acknowledged write through SIGKILL on embedded PGlite', async () => {
    expect(await acknowledgedWritesSurviveSigkill(baseEnv(await newDataDir(true)))).toBeGreaterThanOrEqual(
      40,
    );
  }, 240_000);

  it('keeps every acknowledged write through SIGKILL on PostgreSQL', async () => {
    const databaseUrl = await createTestDatabase();
    try {
      const env = baseEnv(await newDataDir(false), { DATABASE_URL: databaseUrl });
      expect(await acknowledgedWritesSurviveSigkill(env)).toBeGreaterThanOrEqual(40);
    } finally {
      await dropTestDatabase(databaseUrl);
    }
  }, 240_000);
});
