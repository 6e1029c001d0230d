import { encodeCursor } from '../../common/cursor';
import { InvalidCursorException } from '../../common/app.exception';
import {
  buildSearchQuery,
  decodeSearchCursor,
  encodeSearchCursor,
  organizationSearchKey,
  searchTokens,
} from './organization-search';

const PREFIXES = [
  'provincia autonoma di ',
  'citta metropolitana di ',
  'provincia di ',
  'comune di ',
  'regione ',
];
const ID = '3f2b8c1e-9a4d-4e2f-8b1a-0c9d8e7f6a5b';

describe('organizationSearchKey', () => {
  it('folds case, accents, apostrophes and spaces', () => {
    expect(organizationSearchKey('  Comune di CITTÀ   Sant’Angelo ')).toBe("comune di citta sant'angelo");
    expect(organizationSearchKey('Forlì')).toBe('forli');
    expect(organizationSearchKey('Sant`Angelo')).toBe("sant'angelo");
  });

  it('splits a query into distinct words', () => {
    expect(searchTokens(organizationSearchKey(' Napoli  comune napoli'))).toEqual(['napoli', 'comune']);
    expect(searchTokens('')).toEqual([]);
  });
});

describe('search cursor', () => {
  it('round-trips rank, name and id', () => {
    const cursor = { rank: 1 as const, name: 'Comune di Città Sant’Angelo', id: ID };
    expect(decodeSearchCursor(encodeSearchCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64 json', 'garbage!!'],
    ['wrong length', encodeCursor(['Comune', ID])],
    ['rank out of range', encodeCursor([3, 'Comune', ID])],
    ['rank not a number', encodeCursor(['0', 'Comune', ID])],
    ['name not a string', encodeCursor([0, 5, ID])],
    ['id not a uuid', encodeCursor([0, 'Comune', "x' OR 1=1 --"])],
  ])('refuses a cursor with %s', (_what, cursor) => {
    expect(() => decodeSearchCursor(cursor)).toThrow(InvalidCursorException);
  });
});

describe('buildSearchQuery', () => {
  it('without a query: filters and the (name, id) keyset, every value a parameter', () => {
    const { sql, params } = buildSearchQuery(
      {
        region: 'Campania',
        kind: 'comune',
        convergence: true,
        limit: 20,
        after: { rank: 0, name: 'Comune di A', id: ID },
      },
      PREFIXES,
    );
    expect(sql).toContain('region = $1');
    expect(sql).toContain('kind = $2');
    expect(sql).toContain('convergence IS TRUE');
    expect(sql).toContain('(name, id) > ($3, $4::uuid)');
    expect(sql).toMatch(/ORDER BY name, id LIMIT \$5$/);
    expect(params).toEqual(['Campania', 'comune', 'Comune di A', ID, 21]);
    expect(sql).not.toContain('Campania');
  });

  it('treats bodies without a region as outside the Convergence regions', () => {
    expect(buildSearchQuery({ convergence: false, limit: 5 }, PREFIXES).sql).toContain(
      'convergence IS NOT TRUE',
    );
  });

  it('with a query: one escaped LIKE per word, ranked, keyset on (rank, name, id)', () => {
    const { sql, params } = buildSearchQuery(
      { q: "Città %' OR 1=1 -- _", limit: 10, after: { rank: 2, name: 'Comune di B', id: ID } },
      PREFIXES,
    );
    expect(params.slice(0, 6)).toEqual(['%citta%', "%\\%'%", '%or%', '%1=1%', '%--%', '%\\_%']);
    expect(sql.match(/search_name LIKE \$[1-6] ESCAPE/g)).toHaveLength(6);
    expect(params).toContain("citta %' or 1=1 -- _");
    expect(params).toContain("citta \\%' or 1=1 -- \\_%");
    expect(sql).toContain('(rank, name, id) > ($10::int, $11, $12::uuid)');
    expect(sql).toMatch(/ORDER BY rank, name, id LIMIT \$13$/);
    expect(params.at(-1)).toBe(11);
    expect(sql).not.toMatch(/OR 1=1/);
  });

  it('strips the territorial openings before ranking', () => {
    const { params } = buildSearchQuery({ q: 'napoli', limit: 10 }, PREFIXES);
    expect(params).toContain(
      '^(provincia autonoma di |citta metropolitana di |provincia di |comune di |regione )',
    );
  });

  it('ignores a query made only of spaces', () => {
    const { sql, params } = buildSearchQuery({ q: '   ', limit: 10 }, PREFIXES);
    expect(sql).not.toContain('LIKE');
    expect(params).toEqual([11]);
  });
});
