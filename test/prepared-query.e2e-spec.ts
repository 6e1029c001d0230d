import { TransactionHost } from '@nestjs-cls/transactional';
import { preparedQuery, preparedStatement } from '../apps/api/src/database/prepared-query';
import type { TypeOrmAfterCommitAdapter } from '../apps/api/src/database/transactional-adapter';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Hot statements run as named prepared statements (the thread's page, the post append): inside a
 * unit of work they must see its own writes and roll back with it, and the one name must work on
 * every pooled connection.
 */
describe('preparedQuery', () => {
  let t: TestApp;
  let db: TransactionHost<TypeOrmAfterCommitAdapter>;
  const COUNT = preparedStatement(
    'test.probe_count',
    'SELECT count(*)::int AS n FROM prepared_probe WHERE label = $1',
  );
  const count = async (label: string) => (await preparedQuery<{ n: number }>(db.tx, COUNT, [label]))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get<TransactionHost<TypeOrmAfterCommitAdapter>>(TransactionHost);
    await db.tx.query('CREATE TABLE prepared_probe (label text NOT NULL)');
  });
  afterAll(() => t?.close());

  it('runs on the unit of work’s connection: sees its writes, which roll back with it', async () => {
    const seen = await db
      .withTransaction(async () => {
        await db.tx.query('INSERT INTO prepared_probe (label) VALUES ($1)', ['bozza']);
        const inside = await count('bozza');
        throw Object.assign(new Error('rolled back'), { inside });
      })
      .catch((error: { inside?: number }) => error.inside);
    expect(seen).toBe(1);
    expect(await count('bozza')).toBe(0);

    await db.withTransaction(() => db.tx.query('INSERT INTO prepared_probe (label) VALUES ($1)', ['piano']));
    expect(await count('piano')).toBe(1);
  });

  it('prepares the same name on every pooled connection it meets', async () => {
    await db.tx.query('INSERT INTO prepared_probe (label) VALUES ($1), ($1)', ['verbale']);
    // More at once than the pool's connections, several times: each connection prepares it once.
    for (let round = 0; round < 3; round += 1)
      expect(await Promise.all(Array.from({ length: 25 }, () => count('verbale')))).toEqual(
        Array(25).fill(2),
      );
  });
});
