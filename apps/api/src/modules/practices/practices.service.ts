import { DomainEvents } from '../../common/domain-events/domain-events';
import { Injectable } from '@nestjs/common';
import {
  PRACTICE_TRANSITIONS,
  practiceTransition,
  roomName,
  type OrganizationSummary,
  type Page,
  type PracticeAction,
  type PracticeThemeView,
  type PracticeView,
} from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import { PostRenderer } from '../../common/markdown/post-renderer';
import { Transactional } from '../../database/transactional';
import { AbilityFactory, type AppAbility } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { DeliverablesService } from '../deliverables/deliverables.service';
import { DocumentsService } from '../documents/documents.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PracticeThemesService } from '../practice-themes/practice-themes.service';
import { EventOutbox } from '../realtime/event-outbox';
import type { RoomAccess } from '../realtime/room-authorizer';
import type { CreatePracticeDto, PracticeCatalogueQueryDto, UpdatePracticeDto } from './dto/practice.dto';
import { PracticesException } from './practices.exception';
import { PRACTICE_SUBJECT, practiceSubject } from './practices.policy';
import {
  PracticesRepository,
  type NewPractice,
  type PracticeFields,
  type PracticeRecord,
} from './practices.repository';

/** A practice loaded by the demo data (published unless said otherwise). */
export type DemoPractice = Omit<NewPractice, 'proposedBy' | 'sourceDeliverableId'>;

/** What the open data needs of a published practice: the record, its themes and administration. */
export interface PublishedPractice {
  practice: PracticeRecord;
  themes: PracticeThemeView[];
  organization: OrganizationSummary;
}

/**
 * The catalogue of good practices (buone pratiche): an administration's members propose their
 * administration's experiences; admins review them (publish, ask for changes, archive) following
 * PRACTICE_TRANSITIONS. Every member reads the published ones, the offering administration its
 * own proposals. Each practice owns a shared document (owner `practice`) for its full description.
 * Moves and edits reach `practice:<id>`; the proposer is notified of the editors' decisions.
 */
@Injectable()
export class PracticesService {
  private readonly renderer = new PostRenderer();
  /** One ability per asker object (a request's member): a page's views ask it many times. */
  private readonly abilityCache = new WeakMap<AuthMember, AppAbility>();

  constructor(
    private readonly practices: PracticesRepository,
    private readonly themes: PracticeThemesService,
    private readonly organizations: OrganizationsService,
    private readonly documents: DocumentsService,
    private readonly deliverables: DeliverablesService,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
    private readonly events: DomainEvents,
  ) {}

  // --- Reading ---------------------------------------------------------------------------------

  async list(actor: AuthMember, query: PracticeCatalogueQueryDto): Promise<Page<PracticeView>> {
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.practices.findPage({
      visibility: this.isEditor(actor) ? { all: true } : { organizationId: actor.organizationId },
      q: query.q || undefined,
      theme: query.theme,
      region: query.region,
      kind: query.kind,
      status: query.status,
      limit: query.limit + 1,
      after: after ? { title: after[0], id: after[1] } : undefined,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.toViews(actor, page),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.title, last.id]) : null,
    };
  }

  async get(actor: AuthMember, id: string): Promise<PracticeView> {
    const row = await this.practices.findById(id);
    // A proposal's existence is private to its administration and the editors.
    if (!row || !this.can(actor, 'read', row)) throw PracticesException.notFound();
    return (await this.toViews(actor, [row]))[0];
  }

  exists(id: string): Promise<boolean> {
    return this.practices.exists(id);
  }

  /** Whether the member may read the practice (room `practice:<id>`, its document). */
  async canRead(member: AuthMember, id: string): Promise<boolean> {
    const facts = await this.practices.findAccessFacts(id);
    return facts !== undefined && this.can(member, 'read', facts);
  }

  /** Whether the member may write the practice's document: its proposers while it is editable. */
  async canWriteDocument(member: AuthMember, id: string): Promise<boolean> {
    const facts = await this.practices.findAccessFacts(id);
    return facts !== undefined && this.can(member, 'update', facts);
  }

  async roomAccess(member: AuthMember, id: string): Promise<RoomAccess> {
    const facts = await this.practices.findAccessFacts(id);
    if (!facts || !this.can(member, 'read', facts)) return 'not_found';
    return 'ok';
  }

  /** Every published practice with its themes and administration (open data). */
  async published(): Promise<PublishedPractice[]> {
    const rows = await this.practices.findPublished();
    const themes = await this.themes.all();
    const organizations = await this.organizations.findSummariesByIds([
      ...new Set(rows.map((row) => row.offeringOrganizationId)),
    ]);
    return rows.map((practice) => ({
      practice,
      themes: practice.themes.flatMap((code) => themes.get(code) ?? []),
      organization: this.summary(organizations, practice.offeringOrganizationId),
    }));
  }

  // --- Writing ---------------------------------------------------------------------------------

  @Transactional()
  async create(actor: AuthMember, dto: CreatePracticeDto): Promise<PracticeView> {
    const offering = dto.offeringOrganizationId.toLowerCase();
    if (
      !this.ability(actor).can('create', practiceSubject({ status: null, mine: this.mine(actor, offering) }))
    ) {
      throw PracticesException.forbidden(
        'Only the members of the offering administration (and admins) propose its practices',
      );
    }
    if (!(await this.organizations.exists(offering))) throw PracticesException.organizationNotFound();
    let sourceDeliverableId: string | null = null;
    let defaultTitle: string | undefined;
    if (dto.fromDeliverableId) {
      // Through the deliverables' own service: a deliverable the asker may not read is a 404.
      const deliverable = await this.deliverables.get(actor, dto.fromDeliverableId.toLowerCase());
      if (deliverable.status !== 'approved') throw PracticesException.deliverableNotApproved();
      sourceDeliverableId = deliverable.id;
      defaultTitle = deliverable.title;
    }
    const title = dto.title ?? defaultTitle;
    if (!title) throw PracticesException.missingField('title');
    await this.themes.resolve(dto.themes);
    const fields = this.fields(dto, undefined);
    const id = await this.practices.insert({
      ...(fields as PracticeFields),
      title,
      offeringOrganizationId: offering,
      status: 'proposed',
      sourceDeliverableId,
      proposedBy: actor.id,
      themes: dto.themes,
    });
    await this.attachDocument(actor, id, title);
    return this.get(actor, id);
  }

  @Transactional()
  async update(actor: AuthMember, id: string, dto: UpdatePracticeDto): Promise<PracticeView> {
    const current = await this.practices.findForUpdate(id);
    if (!current || !this.can(actor, 'read', current)) throw PracticesException.notFound();
    if (!this.can(actor, 'update', current)) {
      if (this.mine(actor, current.offeringOrganizationId))
        throw PracticesException.notEditable(current.status);
      throw PracticesException.forbidden('Only the offering administration’s members (and admins) edit it');
    }
    if (dto.themes) {
      await this.themes.resolve(dto.themes);
      await this.practices.replaceThemes(id, dto.themes);
    }
    await this.practices.update(id, this.fields(dto, current));
    const view = await this.get(actor, id);
    await this.announce('practice.updated', id);
    return view;
  }

  /** A move of PRACTICE_TRANSITIONS: the editors' review, or the proposers' resubmission. */
  @Transactional()
  async move(actor: AuthMember, id: string, action: PracticeAction, note?: string): Promise<PracticeView> {
    const current = await this.practices.findForUpdate(id);
    if (!current || !this.can(actor, 'read', current)) throw PracticesException.notFound();
    if (!this.mayAct(actor, current, action)) {
      throw PracticesException.forbidden(
        action === 'resubmit'
          ? 'Only the offering administration’s members resubmit its practice'
          : 'Only admins review practices',
      );
    }
    const to = practiceTransition(current.status, action);
    if (!to) throw PracticesException.transitionNotAllowed(current.status, action);
    // The note stays with the practice until it is published (the proposers read it meanwhile).
    const reviewNote =
      action === 'request_changes' ? (note ?? '') : to === 'published' ? null : current.reviewNote;
    await this.practices.updateStatus(id, to, reviewNote);
    await this.events.emit('practice.status_changed', { practiceId: id, to });
    const view = await this.get(actor, id);
    await this.announce('practice.status_changed', id);
    if (
      (action === 'publish' || action === 'request_changes') &&
      current.proposedBy &&
      current.proposedBy !== actor.id
    ) {
      await this.notifications.notify({
        memberId: current.proposedBy,
        kind: action === 'publish' ? 'practice_published' : 'practice_changes_requested',
        data: {
          practiceId: id,
          practiceTitle: view.title,
          ...(action === 'request_changes' ? { note: reviewNote } : {}),
        },
        link: `/buone-pratiche/${id}`,
      });
    }
    return view;
  }

  /** A demo practice, idempotent (found by administration and title). Returns its id. */
  @Transactional()
  async ensureDemoPractice(demo: DemoPractice): Promise<string> {
    const existing = await this.practices.findIdByTitle(demo.offeringOrganizationId, demo.title);
    if (existing) return existing;
    return this.practices.insert({ ...demo, proposedBy: null, sourceDeliverableId: null });
  }

  // --- Rules and views -------------------------------------------------------------------------

  private ability(actor: AuthMember): AppAbility {
    let ability = this.abilityCache.get(actor);
    if (!ability) {
      ability = this.abilities.for(actor);
      this.abilityCache.set(actor, ability);
    }
    return ability;
  }

  private mine(actor: AuthMember, organizationId: string): boolean {
    return actor.organizationId !== null && actor.organizationId === organizationId;
  }

  private isEditor(actor: AuthMember): boolean {
    return this.ability(actor).can('approve', PRACTICE_SUBJECT);
  }

  private can(
    actor: AuthMember,
    action: 'read' | 'update' | 'approve',
    practice: Pick<PracticeRecord, 'status' | 'offeringOrganizationId'>,
  ): boolean {
    return this.ability(actor).can(
      action,
      practiceSubject({ status: practice.status, mine: this.mine(actor, practice.offeringOrganizationId) }),
    );
  }

  private mayAct(actor: AuthMember, practice: PracticeRecord, action: PracticeAction): boolean {
    // The proposers' one move; whether it fits the status is the table's answer (409), not a 403.
    if (action === 'resubmit') {
      return this.mine(actor, practice.offeringOrganizationId) || this.isEditor(actor);
    }
    return this.can(actor, 'approve', practice);
  }

  /** The document of the full description, owned by the practice (its proposers write it). */
  private async attachDocument(actor: AuthMember, id: string, title: string): Promise<void> {
    const document = await this.documents.create(actor, {
      title: title.slice(0, 200),
      kind: 'note',
      owner: { type: 'practice', id },
    });
    await this.practices.setDocument(id, document.id);
  }

  /** The writable fields the DTO sets (on create, every field with its default). */
  private fields(dto: UpdatePracticeDto, current: PracticeRecord | undefined): Partial<PracticeFields> {
    const periodFrom = dto.period?.from !== undefined ? dto.period.from : (current?.periodFrom ?? null);
    const periodTo = dto.period?.to !== undefined ? dto.period.to : (current?.periodTo ?? null);
    if (periodFrom && periodTo && periodFrom > periodTo) throw PracticesException.invalidPeriod();
    const contacts = dto.contacts;
    const fields: Partial<PracticeFields> = {
      title: dto.title,
      summary: dto.summary,
      description: dto.description,
      territory: dto.territory,
      results: dto.results,
      licence: dto.reuseConditions?.licence,
      handedOver: dto.reuseConditions?.handedOver,
      effort: dto.reuseConditions?.effort,
      ...(dto.period ? { periodFrom, periodTo } : {}),
      ...(contacts !== undefined
        ? {
            contactOffice: contacts?.office ?? null,
            contactEmail: contacts?.email ?? null,
            contactPhone: contacts?.phone ?? null,
            contactWebsite: contacts?.website ?? null,
          }
        : {}),
    };
    if (current) return fields;
    return {
      description: '',
      territory: '',
      results: '',
      licence: null,
      handedOver: '',
      effort: '',
      periodFrom: null,
      periodTo: null,
      contactOffice: null,
      contactEmail: null,
      contactPhone: null,
      contactWebsite: null,
      ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    };
  }

  private summary(organizations: Map<string, OrganizationSummary>, id: string): OrganizationSummary {
    return organizations.get(id) ?? { id, name: '', kind: '', region: null, convergence: false };
  }

  private async toViews(actor: AuthMember, rows: readonly PracticeRecord[]): Promise<PracticeView[]> {
    if (rows.length === 0) return [];
    const themes = await this.themes.all();
    const organizations = await this.organizations.findSummariesByIds([
      ...new Set(rows.map((row) => row.offeringOrganizationId)),
    ]);
    return rows.map((row) => this.toView(actor, row, themes, organizations));
  }

  private toView(
    actor: AuthMember,
    row: PracticeRecord,
    themes: Map<string, PracticeThemeView>,
    organizations: Map<string, OrganizationSummary>,
  ): PracticeView {
    const insider = this.mine(actor, row.offeringOrganizationId) || this.isEditor(actor);
    return {
      id: row.id,
      title: row.title,
      summary: row.summary,
      themes: row.themes.flatMap((code) => themes.get(code) ?? []),
      offeringOrganization: this.summary(organizations, row.offeringOrganizationId),
      description: row.description,
      descriptionHtml: this.renderer.parse(row.description).render(new Map()).html,
      documentId: row.documentId,
      territory: row.territory,
      period: { from: row.periodFrom, to: row.periodTo },
      results: row.results,
      reuseConditions: { licence: row.licence, handedOver: row.handedOver, effort: row.effort },
      contacts:
        row.contactOffice === null
          ? null
          : {
              office: row.contactOffice,
              email: row.contactEmail,
              phone: row.contactPhone,
              website: row.contactWebsite,
            },
      status: row.status,
      reviewNote: insider ? row.reviewNote : null,
      sourceDeliverableId: row.sourceDeliverableId,
      actions: PRACTICE_TRANSITIONS.filter(
        (t) => t.from === row.status && this.mayAct(actor, row, t.action),
      ).map((t) => t.action),
      canEdit: this.can(actor, 'update', row),
      publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }

  /**
   * The change, to `practice:<id>`. Everyone who may read the practice may be in the room, so the
   * live payload is the view of a bystander: no review note, no actions.
   */
  private async announce(type: 'practice.updated' | 'practice.status_changed', id: string): Promise<void> {
    const row = await this.practices.findById(id);
    if (!row) return;
    const [view] = await this.toViews(ANONYMOUS_READER, [row]);
    await this.outbox.record(roomName('practice', id), type, view);
  }
}

/** A reader with no administration and no role: what anyone in the room may see. */
const ANONYMOUS_READER: AuthMember = {
  id: '00000000-0000-0000-0000-000000000000',
  role: 'member',
  organizationId: null,
  isReferent: false,
};
