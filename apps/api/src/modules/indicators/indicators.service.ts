import { Injectable } from '@nestjs/common';
import type { DeskBlock, IndicatorCode, IndicatorsQuery, ProgrammeIndicatorsView } from '@convergo/contracts';
import { INDICATORS_CSV_COLUMNS, roomName } from '@convergo/contracts';
import { csvText, excelCsv } from '../../common/excel-csv';
import type { AuthMember } from '../auth/auth-member';
import { AbilityFactory } from '../auth/ability.factory';
import type { RoomAccess } from '../realtime/room-authorizer';
import { EventOutbox } from '../realtime/event-outbox';
import { ProgrammesService } from '../programmes/programmes.service';
import { toComputedIndicators } from './indicator-view';
import { IndicatorsException } from './indicators.exception';
import { IndicatorsRepository, type Period } from './indicators.repository';

type Source = 'lab' | 'session' | 'twinning' | 'practice';
const REASONS = { lab: 'lab', session: 'attendance', twinning: 'twinning', practice: 'practice' } as const;

/** The figures a desk shows of a programme: what it started, whom it reached, how much it trained. */
const DESK_HEADLINE: readonly IndicatorCode[] = [
  'iniziative',
  'amministrazioni-coinvolte',
  'funzionari-formati',
  'ore-formazione',
];

/** The programme indicators computed from labs, attendance, twinnings and practices (issue 13). */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly programmes: ProgrammesService,
    private readonly abilities: AbilityFactory,
    private readonly outbox: EventOutbox,
  ) {}

  /** Programme staff see the breakdowns and may export them. */
  private isStaff(member: AuthMember): boolean {
    return this.abilities.for(member).can('manage', 'Programme');
  }

  /**
   * The desk's headline figures of the first programme (by name; there is one in practice), whole
   * period, the unit as the detail; `programmeId` for following its room. Null: no programme yet.
   */
  async deskHeadline(): Promise<{ programmeId: string | null; block: DeskBlock }> {
    const [programme] = (await this.programmes.list({ limit: 1 })).items;
    if (!programme) return { programmeId: null, block: { items: [], total: 0, link: '/programmi' } };
    const computed = toComputedIndicators(
      await this.indicators.figures(programme.id, { from: null, to: null }),
    );
    const items = computed
      .filter((indicator) => DESK_HEADLINE.includes(indicator.code))
      .map((indicator) => ({
        id: indicator.code,
        title: indicator.label,
        detail: indicator.unit ?? null,
        at: null,
        count: indicator.value,
        status: null,
        link: `/programmi/${programme.code}`,
      }));
    return {
      programmeId: programme.id,
      block: { items, total: items.length, link: `/programmi/${programme.code}` },
    };
  }

  /**
   * Admins: every value with its breakdowns; other members: the values alone. 404 for an unknown
   * programme. Not one transaction: ProgrammesService reads through its own TypeORM repository,
   * which would wait for a second connection (the embedded database has one).
   */
  async view(
    member: AuthMember,
    programmeId: string,
    query: IndicatorsQuery,
  ): Promise<ProgrammeIndicatorsView> {
    const period = periodOf(query);
    const programme = await this.programmes.get(programmeId);
    const computed = toComputedIndicators(await this.indicators.figures(programmeId, period));
    const staff = this.isStaff(member);
    return {
      programmeId,
      programmeCode: programme.code,
      programmeName: programme.name,
      period,
      computedAt: new Date().toISOString(),
      computed: staff ? computed : computed.map(({ breakdown: _hidden, ...headline }) => headline),
      reported: programme.indicators,
    };
  }

  /** INDICATORS_CSV_COLUMNS: a row per indicator, then one per breakdown item. Admins only. */
  async csv(
    member: AuthMember,
    programmeId: string,
    query: IndicatorsQuery,
  ): Promise<{ code: string; body: Buffer }> {
    if (!this.isStaff(member)) {
      periodOf(query);
      await this.programmes.get(programmeId);
      throw IndicatorsException.csvForbidden();
    }
    const view = await this.view(member, programmeId, query);
    const number = (value: number, unit?: string) =>
      unit === 'ore' ? value.toFixed(1).replace('.', ',') : String(Math.round(value));
    const rows: string[][] = [];
    for (const indicator of view.computed) {
      const common = [view.programmeCode, indicator.code, indicator.label];
      const tail = [indicator.unit ?? '', view.period.from ?? '', view.period.to ?? ''];
      rows.push([...common, '', '', '', number(indicator.value, indicator.unit), ...tail].map(csvText));
      for (const breakdown of indicator.breakdown ?? []) {
        for (const item of breakdown.items) {
          rows.push(
            [
              ...common,
              breakdown.dimension,
              item.key,
              item.label,
              number(item.value, indicator.unit),
              ...tail,
            ].map(csvText),
          );
        }
      }
    }
    return { code: view.programmeCode, body: excelCsv(INDICATORS_CSV_COLUMNS, rows) };
  }

  /** The economic operators a programme records (demo data); idempotent. */
  ensureEconomicOperators(
    programmeId: string,
    operators: readonly { name: string; role: string }[],
  ): Promise<void> {
    return this.indicators.insertEconomicOperators(programmeId, operators);
  }

  /** The room policy of `programme:<id>`: every signed-in member. */
  async roomAccess(_member: AuthMember, programmeId: string): Promise<RoomAccess> {
    return (await this.indicators.programmeExists(programmeId)) ? 'ok' : 'not_found';
  }

  /** Inside the writer's transaction: the programme of the changed row (if any) hears `indicators.changed`. */
  async changed(source: Source, id: string, reason?: 'enrolment'): Promise<void> {
    const programmeId = await this.indicators.programmeOf(source, id);
    if (!programmeId) return;
    await this.outbox.record(roomName('programme', programmeId), 'indicators.changed', {
      programmeId,
      reason: reason ?? REASONS[source],
    });
  }
}

function periodOf(query: IndicatorsQuery): Period {
  const from = query.from ?? null;
  const to = query.to ?? null;
  if (from !== null && to !== null && from > to) throw IndicatorsException.invalidPeriod();
  return { from, to };
}
