import type { CreateProgrammeInput } from '@convergo/contracts';
import { InvalidCursorException } from '../../common/app.exception';
import { encodeCursor } from '../../common/cursor';
import type { ProgrammeEntity } from './programme.entity';
import type { ProgrammeFields, ProgrammePosition, ProgrammeRepository } from './programme.repository';
import { DEMO_PROGRAMMES } from './programmes.demo-data';
import { ProgrammeException } from './programmes.exception';
import { ProgrammesService } from './programmes.service';

/** In-memory stand-in for the repository (the SQL itself is covered by test/programmes.e2e-spec.ts). */
class FakeProgrammeRepository implements Pick<
  ProgrammeRepository,
  'count' | 'findById' | 'findPage' | 'insertIfCodeFree' | 'update' | 'upsertByCode'
> {
  rows: ProgrammeEntity[] = [];
  upserted: ProgrammeFields[] = [];
  private next = 0;

  count(): Promise<number> {
    return Promise.resolve(this.rows.length);
  }

  findById(id: string): Promise<ProgrammeEntity | null> {
    return Promise.resolve(this.rows.find((r) => r.id === id) ?? null);
  }

  findPage(limit: number, after?: ProgrammePosition): Promise<ProgrammeEntity[]> {
    const sorted = [...this.rows].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const start = after ? sorted.findIndex((r) => r.name === after.name && r.id === after.id) + 1 : 0;
    return Promise.resolve(sorted.slice(start, start + limit));
  }

  insertIfCodeFree(fields: ProgrammeFields): Promise<string | undefined> {
    if (this.rows.some((r) => r.code === fields.code)) return Promise.resolve(undefined);
    this.next += 1;
    const id = `00000000-0000-4000-8000-${String(this.next).padStart(12, '0')}`;
    this.rows.push({ ...fields, id, createdAt: new Date() });
    return Promise.resolve(id);
  }

  update(id: string, fields: Partial<ProgrammeFields>): Promise<boolean> {
    const row = this.rows.find((r) => r.id === id);
    if (row) Object.assign(row, fields);
    return Promise.resolve(row !== undefined);
  }

  upsertByCode(rows: ProgrammeFields[]): Promise<number> {
    this.upserted.push(...rows);
    return Promise.resolve(rows.length);
  }
}

describe('ProgrammesService', () => {
  let repository: FakeProgrammeRepository;
  let service: ProgrammesService;
  const input = (code: string, more: Partial<CreateProgrammeInput> = {}): CreateProgrammeInput => ({
    code,
    name: `Programma ${code}`,
    ...more,
  });

  beforeEach(() => {
    repository = new FakeProgrammeRepository();
    service = new ProgrammesService(repository as unknown as ProgrammeRepository);
  });

  describe('create', () => {
    it('fills omitted fields with null or empty lists, and indicators with null figures', async () => {
      const created = await service.create(
        input('a', { indicators: [{ code: 'ore', label: 'Ore', achieved: 3 }] }),
      );
      expect(created).toEqual({
        id: expect.any(String),
        code: 'a',
        name: 'Programma a',
        description: null,
        operationalProgramme: null,
        fund: null,
        beneficiary: null,
        totalBudget: null,
        euCofinancing: null,
        startDate: null,
        endDate: null,
        themes: [],
        partners: [],
        indicators: [{ code: 'ore', label: 'Ore', target: null, achieved: 3 }],
      });
    });

    it('throws a coded conflict when the code is taken', async () => {
      await service.create(input('a'));
      await expect(service.create(input('a'))).rejects.toMatchObject({
        status: 409,
        code: 'programme_code_taken',
      });
    });

    it('refuses a period that ends before it starts', async () => {
      await expect(
        service.create(input('a', { startDate: '2020-01-02', endDate: '2020-01-01' })),
      ).rejects.toBeInstanceOf(ProgrammeException);
      await expect(
        service.create(input('b', { startDate: '2020-01-01', endDate: '2020-01-01' })),
      ).resolves.toBeDefined();
    });
  });

  it('counts the programmes', async () => {
    expect(await service.count()).toBe(0);
    await service.create(input('a'));
    expect(await service.count()).toBe(1);
  });

  describe('get', () => {
    it('throws a coded 404 for an unknown id', async () => {
      await expect(service.get('00000000-0000-4000-8000-000000000999')).rejects.toMatchObject({
        status: 404,
        code: 'programme_not_found',
      });
    });
  });

  describe('list', () => {
    it('walks every programme once, in name order, then returns a null cursor', async () => {
      for (const code of ['c', 'a', 'e', 'b', 'd']) await service.create(input(code));
      const names: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await service.list({ limit: 2, cursor });
        names.push(...page.items.map((p) => p.name));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(names).toEqual(['a', 'b', 'c', 'd', 'e'].map((c) => `Programma ${c}`));
    });

    it('gives no next cursor when the page is exactly full', async () => {
      await service.create(input('a'));
      await service.create(input('b'));
      expect((await service.list({ limit: 2 })).nextCursor).toBeNull();
    });

    it.each([
      ['garbage', 'not-base64-json'],
      ['wrong length', encodeCursor(['x'])],
      ['a number for the name', encodeCursor([1, '00000000-0000-4000-8000-000000000001'])],
      ['an id that is not a uuid', encodeCursor(['x', "1' OR '1'='1"])],
    ])('rejects a cursor with %s', async (_, cursor) => {
      await expect(service.list({ limit: 2, cursor })).rejects.toBeInstanceOf(InvalidCursorException);
    });
  });

  describe('update', () => {
    it('changes only the named fields; null clears a nullable one', async () => {
      const created = await service.create(input('a', { fund: 'FSE', themes: ['x'] }));
      const updated = await service.update(created.id, { fund: null, name: 'Nuovo' });
      expect(updated).toEqual({ ...created, fund: null, name: 'Nuovo' });
    });

    it('checks the period against the stored dates', async () => {
      const created = await service.create(input('a', { startDate: '2020-01-01' }));
      await expect(service.update(created.id, { endDate: '2019-12-31' })).rejects.toMatchObject({
        code: 'invalid_programme_period',
      });
      await expect(
        service.update(created.id, { startDate: null, endDate: '2019-12-31' }),
      ).resolves.toMatchObject({
        startDate: null,
        endDate: '2019-12-31',
      });
    });

    it('throws a coded 404 for an unknown id', async () => {
      await expect(
        service.update('00000000-0000-4000-8000-000000000999', { name: 'x' }),
      ).rejects.toMatchObject({
        code: 'programme_not_found',
      });
    });
  });

  describe('upsertDemoProgrammes', () => {
    it('hands every demo programme to the repository as complete rows', async () => {
      await expect(service.upsertDemoProgrammes()).resolves.toBe(DEMO_PROGRAMMES.length);
      expect(repository.upserted.map((r) => r.code)).toEqual(DEMO_PROGRAMMES.map((p) => p.code));
      const agire = repository.upserted.find((r) => r.code === 'agire-por-2007-2013');
      expect(agire).toMatchObject({ totalBudget: '4044957.00', euCofinancing: '642584.82' });
    });
  });
});
