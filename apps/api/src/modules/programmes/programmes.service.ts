import { Injectable } from '@nestjs/common';
import type {
  CreateProgrammeInput,
  Page,
  ProgrammeIndicator,
  ProgrammeIndicatorInput,
  ProgrammeView,
  UpdateProgrammeInput,
} from '@convergo/contracts';
import { InvalidCursorException } from '../../common/app.exception';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import type { ProgrammeEntity } from './programme.entity';
import { ProgrammeRepository, type ProgrammeFields, type ProgrammePosition } from './programme.repository';
import { ProgrammeException } from './programmes.exception';
import { DEMO_PROGRAMMES } from './programmes.demo-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toProgrammeView(programme: ProgrammeEntity): ProgrammeView {
  return {
    id: programme.id,
    code: programme.code,
    name: programme.name,
    description: programme.description,
    operationalProgramme: programme.operationalProgramme,
    fund: programme.fund,
    beneficiary: programme.beneficiary,
    totalBudget: programme.totalBudget,
    euCofinancing: programme.euCofinancing,
    startDate: programme.startDate,
    endDate: programme.endDate,
    themes: programme.themes,
    partners: programme.partners,
    indicators: programme.indicators,
  };
}

/** Stored shape of an indicator: target and achieved always present, unit only when given. */
function toIndicator(input: ProgrammeIndicatorInput): ProgrammeIndicator {
  const indicator: ProgrammeIndicator = {
    code: input.code,
    label: input.label,
    target: input.target ?? null,
    achieved: input.achieved ?? null,
  };
  if (input.unit !== undefined) indicator.unit = input.unit;
  return indicator;
}

function toFields(input: CreateProgrammeInput): ProgrammeFields {
  return {
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    operationalProgramme: input.operationalProgramme ?? null,
    fund: input.fund ?? null,
    beneficiary: input.beneficiary ?? null,
    totalBudget: input.totalBudget ?? null,
    euCofinancing: input.euCofinancing ?? null,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    themes: input.themes ?? [],
    partners: input.partners ?? [],
    indicators: (input.indicators ?? []).map(toIndicator),
  };
}

/** Only the fields the patch names; `null` clears a nullable field. */
function toPatch(input: UpdateProgrammeInput): Partial<ProgrammeFields> {
  const patch: Partial<ProgrammeFields> = {};
  const nullable = [
    'description',
    'operationalProgramme',
    'fund',
    'beneficiary',
    'totalBudget',
    'euCofinancing',
    'startDate',
    'endDate',
  ] as const;
  for (const key of nullable) {
    const value = input[key];
    if (value !== undefined) patch[key] = value;
  }
  if (input.name !== undefined) patch.name = input.name;
  if (input.themes !== undefined) patch.themes = input.themes;
  if (input.partners !== undefined) patch.partners = input.partners;
  if (input.indicators !== undefined) patch.indicators = input.indicators.map(toIndicator);
  return patch;
}

/** ISO dates (YYYY-MM-DD) compare correctly as strings. */
function assertPeriod(startDate: string | null, endDate: string | null): void {
  if (startDate !== null && endDate !== null && endDate < startDate) throw ProgrammeException.invalidPeriod();
}

function decodePosition(cursor: string): ProgrammePosition {
  const [name, id] = decodeCursor(cursor, 2);
  if (typeof name !== 'string' || typeof id !== 'string' || !UUID.test(id))
    throw new InvalidCursorException();
  return { name, id };
}

/**
 * The programmes catalogue: budget, fund, period, partnership, themes and indicators of the
 * capacity-building programmes. Other modules read programmes through this service only.
 */
@Injectable()
export class ProgrammesService {
  constructor(private readonly programmes: ProgrammeRepository) {}

  async list(page: { limit: number; cursor?: string }): Promise<Page<ProgrammeView>> {
    const after = page.cursor ? decodePosition(page.cursor) : undefined;
    const rows = await this.programmes.findPage(page.limit + 1, after);
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(toProgrammeView),
      nextCursor: rows.length > page.limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  }

  /** How many programmes exist (the demo loader treats 0 as a fresh installation). */
  count(): Promise<number> {
    return this.programmes.count();
  }

  async get(id: string): Promise<ProgrammeView> {
    const programme = await this.programmes.findById(id);
    if (!programme) throw ProgrammeException.notFound(id);
    return toProgrammeView(programme);
  }

  async create(input: CreateProgrammeInput): Promise<ProgrammeView> {
    const fields = toFields(input);
    assertPeriod(fields.startDate, fields.endDate);
    const id = await this.programmes.insertIfCodeFree(fields);
    if (!id) throw ProgrammeException.codeTaken(fields.code);
    return this.get(id);
  }

  async update(id: string, input: UpdateProgrammeInput): Promise<ProgrammeView> {
    const current = await this.programmes.findById(id);
    if (!current) throw ProgrammeException.notFound(id);
    const patch = toPatch(input);
    assertPeriod(
      patch.startDate !== undefined ? patch.startDate : current.startDate,
      patch.endDate !== undefined ? patch.endDate : current.endDate,
    );
    if (!(await this.programmes.update(id, patch))) throw ProgrammeException.notFound(id);
    return this.get(id);
  }

  /**
   * Loads the programmes of the source documents (see programmes.demo-data.ts), inserting or
   * updating each by its code: safe to call at every start-up. Returns how many it wrote.
   */
  idByCode(code: string): Promise<string | undefined> {
    return this.programmes.findIdByCode(code);
  }

  upsertDemoProgrammes(): Promise<number> {
    const rows = DEMO_PROGRAMMES.map(toFields);
    for (const row of rows) assertPeriod(row.startDate, row.endDate);
    return this.programmes.upsertByCode(rows);
  }
}
