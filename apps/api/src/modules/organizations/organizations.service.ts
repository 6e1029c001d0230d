import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import {
  CONVERGENCE_REGIONS,
  type OrganizationKind,
  type OrganizationSummary,
  type OrganizationView,
  type Page,
} from '@convergo/contracts';
import { ValidationFailedException } from '../../common/app.exception';
import { EventOutbox } from '../realtime/event-outbox';
import type { CreateOrganizationDto } from './dto/create-organization.dto';
import type { RegionResponse } from './dto/organization.response';
import type { SearchOrganizationsQuery } from './dto/search-organizations.query';
import type { UpdateOrganizationDto } from './dto/update-organization.dto';
import { decodeSearchCursor, encodeSearchCursor, organizationSearchKey } from './organization-search';
import { OrganizationException } from './organization.exception';
import {
  isDuplicateNameError,
  type OrganizationRecord,
  type OrganizationWrite,
  OrganizationsRepository,
  toOrganizationSummary,
  toOrganizationView,
} from './organizations.repository';
import { ITALIAN_REGIONS, NAME_PREFIXES, referenceOrganizations, regionCode } from './reference-data';

/** Admins follow the directory's changes in this room. */
export const ADMIN_ROOM = 'admin';

/** Folded openings of territorial names, longest first so "provincia autonoma di " wins over "provincia ". */
const SEARCH_NAME_PREFIXES = Object.values(NAME_PREFIXES)
  .map((prefix) => organizationSearchKey(prefix) + ' ')
  .sort((a, b) => b.length - a.length);

const CONVERGENCE = new Set<string>(CONVERGENCE_REGIONS);

/** Reference-data fields of a region, province or municipality that only ISTAT data changes. */
const REFERENCE_FIELDS = ['name', 'kind', 'region'] as const;

/**
 * The organisation directory: the ISTAT reference data (regions, provinces, municipalities),
 * the bodies administrators add, and the look-ups other capabilities need.
 */
@Injectable()
export class OrganizationsService {
  private readonly logger = new Logger(OrganizationsService.name);

  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly outbox: EventOutbox,
  ) {}

  /**
   * Adds whichever regions, provinces and municipalities are missing; changes nothing that is
   * there. Safe to call at every start-up and from several processes at once.
   */
  @Transactional()
  async ensureReferenceData(): Promise<void> {
    const started = performance.now();
    const rows = referenceOrganizations();
    const inserted = await this.organizations.insertMissingReferenceRows(rows);
    const elapsed = Math.round(performance.now() - started);
    if (inserted > 0)
      this.logger.log(`reference data: added ${inserted} of ${rows.length} organisations in ${elapsed} ms`);
    else this.logger.debug(`reference data: all ${rows.length} organisations present (${elapsed} ms)`);
  }

  async search(query: SearchOrganizationsQuery): Promise<Page<OrganizationView>> {
    const after = query.cursor === undefined ? undefined : decodeSearchCursor(query.cursor);
    const rows = await this.organizations.search(
      {
        q: query.q,
        region: query.region,
        kind: query.kind,
        convergence: query.convergence === undefined ? undefined : query.convergence === 'true',
        limit: query.limit,
        after,
      },
      SEARCH_NAME_PREFIXES,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toOrganizationView),
      nextCursor:
        rows.length > query.limit && last
          ? encodeSearchCursor({ rank: last.rank, name: last.name, id: last.id })
          : null,
    };
  }

  async findById(id: string): Promise<OrganizationView> {
    const row = await this.organizations.findById(id);
    if (!row) throw OrganizationException.notFound();
    return toOrganizationView(row);
  }

  regions(): RegionResponse[] {
    return ITALIAN_REGIONS.map(({ name, istatNumber }) => ({
      name,
      code: regionCode(istatNumber),
      istatNumber,
      convergence: CONVERGENCE.has(name),
    }));
  }

  async create(dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.writing(() => this.insert(toWrite(dto)));
  }

  @Transactional()
  private async insert(write: OrganizationWrite): Promise<OrganizationView> {
    // ON CONFLICT on the unique index: a racing duplicate is a 409, not a failed statement.
    const inserted = await this.organizations.insertIfAbsent(write);
    if (!inserted) throw OrganizationException.duplicate();
    const view = toOrganizationView(inserted);
    await this.outbox.record(ADMIN_ROOM, 'organization.created', view);
    return view;
  }

  /**
   * The id of the organisation with this kind, name and region, added (and announced to admins)
   * when missing. For seeding, e.g. the demo world's national bodies; input is trusted code.
   */
  @Transactional()
  async ensureOrganization(input: OrganizationInput): Promise<string> {
    const write = toWrite(input);
    const inserted = await this.organizations.insertIfAbsent(write);
    if (inserted) {
      await this.outbox.record(ADMIN_ROOM, 'organization.created', toOrganizationView(inserted));
      return inserted.id;
    }
    const existing = await this.organizations.findByNaturalKey(write);
    if (!existing) throw new Error(`organisation ${input.name} neither inserted nor found`);
    return existing.id;
  }

  async update(id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    const changed = (Object.keys(dto) as (keyof UpdateOrganizationDto)[]).filter(
      (field) => dto[field] !== undefined,
    );
    if (changed.length === 0) {
      throw new ValidationFailedException([
        { field: 'body', message: 'must hold at least one field to change' },
      ]);
    }
    return this.writing(() => this.apply(id, dto));
  }

  @Transactional()
  private async apply(id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    const current = await this.organizations.findById(id, { lock: true });
    if (!current) throw OrganizationException.notFound();
    const next = applyUpdate(current, dto);
    if (current.istatCode !== null) {
      const locked = REFERENCE_FIELDS.filter((field) => next[field] !== currentWrite(current)[field]);
      if (locked.length > 0) throw OrganizationException.referenceFieldsReadOnly([...locked]);
    }
    await this.assertNoDuplicate(next, id);
    const view = toOrganizationView(await this.organizations.update(id, next));
    await this.outbox.record(ADMIN_ROOM, 'organization.updated', view);
    return view;
  }

  async findSummaryById(id: string): Promise<OrganizationSummary | null> {
    const row = await this.organizations.findById(id);
    return row ? toOrganizationSummary(row) : null;
  }

  /** Keyed by id; ids with no organisation are simply absent. */
  async findSummariesByIds(ids: readonly string[]): Promise<Map<string, OrganizationSummary>> {
    const rows = await this.organizations.findByIds(ids);
    return new Map(rows.map((row) => [row.id, toOrganizationSummary(row)]));
  }

  /** Keyed by ISTAT code (six digits for a municipality, "R15"/"P-NA" for regions and provinces). */
  async findByIstatCodes(codes: readonly string[]): Promise<Map<string, OrganizationView>> {
    const rows = await this.organizations.findByIstatCodes(codes);
    return new Map(rows.map((row) => [row.istatCode!, toOrganizationView(row)]));
  }

  exists(id: string): Promise<boolean> {
    return this.organizations.exists(id);
  }

  /** The common case, answered without a failed statement; the unique index covers races. */
  private async assertNoDuplicate(write: OrganizationWrite, ownId?: string): Promise<void> {
    const existing = await this.organizations.findByNaturalKey(write);
    if (existing && existing.id !== ownId) throw OrganizationException.duplicate();
  }

  /** The unique index decides duplicates, so two admins racing still get one row and one 409. */
  private async writing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isDuplicateNameError(error)) throw OrganizationException.duplicate();
      throw error;
    }
  }
}

export interface OrganizationInput {
  name: string;
  kind: OrganizationKind;
  region?: string | null;
  ipaCode?: string | null;
  website?: string | null;
}

function toWrite(input: OrganizationInput): OrganizationWrite {
  return {
    name: input.name,
    searchName: organizationSearchKey(input.name),
    kind: input.kind,
    region: input.region ?? null,
    ipaCode: input.ipaCode ?? null,
    website: input.website ?? null,
  };
}

function currentWrite(row: OrganizationRecord): OrganizationWrite {
  return {
    name: row.name,
    searchName: organizationSearchKey(row.name),
    kind: row.kind,
    region: row.region,
    ipaCode: row.ipaCode,
    website: row.website,
  };
}

function applyUpdate(row: OrganizationRecord, dto: UpdateOrganizationDto): OrganizationWrite {
  const current = currentWrite(row);
  const name = dto.name ?? current.name;
  return {
    name,
    searchName: organizationSearchKey(name),
    kind: dto.kind ?? current.kind,
    region: dto.region === undefined ? current.region : dto.region,
    ipaCode: dto.ipaCode === undefined ? current.ipaCode : dto.ipaCode,
    website: dto.website === undefined ? current.website : dto.website,
  };
}
