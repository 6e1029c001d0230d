import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import { toDeskBlock } from '../../common/desk/desk-block';
import {
  canMoveLabApplication,
  roomName,
  type DeskBlock,
  type LabApplicationView,
  type OrganizationSummary,
} from '@convergo/contracts';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import { MembersService } from '../members/members.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { EventOutbox } from '../realtime/event-outbox';
import type { CreateLabApplicationDto } from './dto/create-lab-application.dto';
import type { DecideLabApplicationDto } from './dto/decide-lab-application.dto';
import { EnrolmentException } from './enrolment.exception';
import { LAB_APPLICATION_SUBJECT, labApplicationSubject } from './enrolment.policy';
import { EnrolmentRepository, type LabApplication } from './enrolment.repository';

/**
 * Enrolment in labs: an administration's referent applies for some of its officials while the lab
 * is open; a tutor of the lab accepts (the officials become participants, within the lab's
 * capacity) or rejects. The workflow is LAB_APPLICATION_TRANSITIONS; the tutors' live list hears
 * `lab_application.created` / `.decided` in `lab:<id>`.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly applications: EnrolmentRepository,
    private readonly labs: LabsService,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
  ) {}

  @Transactional()
  async apply(actor: AuthMember, labId: string, dto: CreateLabApplicationDto): Promise<LabApplicationView> {
    if (!(await this.labs.exists(labId))) throw EnrolmentException.labNotFound();
    const organizationId = dto.organizationId.toLowerCase();
    const labRole = await this.labs.roleOf(actor.id, labId);
    if (!this.abilities.for(actor).can('create', labApplicationSubject({ organizationId, labRole }))) {
      throw EnrolmentException.forbidden(
        'Only the referent of this administration (or an admin) applies for it',
      );
    }
    const organization = await this.organizations.findSummaryById(organizationId);
    if (!organization) throw EnrolmentException.organizationNotFound();
    const memberIds = dto.memberIds.map((id) => id.toLowerCase());
    for (const memberId of memberIds) {
      const member = await this.members.findAuthMember(memberId);
      if (!member || member.status !== 'active' || member.organizationId !== organizationId) {
        throw EnrolmentException.notOfficials();
      }
    }
    const status = await this.labs.statusOf(labId);
    if (status !== 'open') throw EnrolmentException.labNotOpen(status ?? 'unknown');
    if (await this.applications.hasPending(labId, organizationId)) throw EnrolmentException.pendingExists();
    const id = await this.applications.insert({
      labId,
      organizationId,
      memberIds,
      motivation: dto.motivation || null,
      appliedBy: actor.id,
    });
    if (!id) throw EnrolmentException.pendingExists();
    const view = this.toView((await this.applications.findById(id))!, organization);
    await this.outbox.record(roomName('lab', labId), 'lab_application.created', view);
    // Admins decide across labs: their desk follows `admin`, not every lab's room.
    await this.outbox.record('admin', 'lab_application.created', view);
    return view;
  }

  /** Tutors of the lab and admins: every application; anyone else: their administration's. */
  async listForLab(actor: AuthMember, labId: string): Promise<{ items: LabApplicationView[] }> {
    if (!(await this.labs.exists(labId))) throw EnrolmentException.labNotFound();
    const labRole = await this.labs.roleOf(actor.id, labId);
    const ability = this.abilities.for(actor);
    if (ability.can('manage', LAB_APPLICATION_SUBJECT) || labRole === 'tutor') {
      return { items: await this.views(await this.applications.findByLab(labId)) };
    }
    const own = actor.organizationId;
    if (!own || !ability.can('read', labApplicationSubject({ organizationId: own, labRole }))) {
      throw EnrolmentException.forbidden(
        'Only the tutors of this lab and the people of an applying administration see applications',
      );
    }
    return { items: await this.views(await this.applications.findByLab(labId, [own])) };
  }

  /** The applications of my administration, to every lab (referent and officials alike). */
  async listMine(actor: AuthMember): Promise<{ items: LabApplicationView[] }> {
    if (!actor.organizationId) return { items: [] };
    return { items: await this.views(await this.applications.findByOrganization(actor.organizationId)) };
  }

  /** The desk's applications waiting for a decision, across labs (admins; the caller checks). */
  async deskPending(limit: number): Promise<DeskBlock> {
    const rows = await this.applications.findPendingForDesk(limit);
    return toDeskBlock(rows, '/laboratori', (row) => `/laboratori/${row.labId}`);
  }

  @Transactional()
  async decide(actor: AuthMember, id: string, dto: DecideLabApplicationDto): Promise<LabApplicationView> {
    const found = await this.applications.findById(id);
    if (!found) throw EnrolmentException.applicationNotFound();
    const labRole = await this.labs.roleOf(actor.id, found.labId);
    const target = labApplicationSubject({ organizationId: found.organizationId, labRole });
    const ability = this.abilities.for(actor);
    if (!ability.can('read', target)) throw EnrolmentException.applicationNotFound();
    if (!ability.can('approve', target)) {
      throw EnrolmentException.forbidden('Only the tutors of this lab (and admins) decide its applications');
    }
    // Decisions on one lab take turns on the lab row's lock; what is read after it is committed.
    const capacity = await this.labs.capacityOf(found.labId, { lock: true });
    const application = (await this.applications.findById(id))!;
    if (!canMoveLabApplication(application.status, dto.decision)) {
      throw EnrolmentException.alreadyDecided(application.status);
    }
    let enrolled: string[] = [];
    if (dto.decision === 'accepted') {
      const memberIds = application.members.map((m) => m.id);
      const already = await this.labs.filterParticipants(application.labId, memberIds);
      enrolled = memberIds.filter((memberId) => !already.has(memberId));
      const taken = await this.labs.participantCount(application.labId);
      if (capacity !== null && capacity !== undefined && taken + enrolled.length > capacity) {
        throw EnrolmentException.labFull(capacity, taken, enrolled.length);
      }
      if (enrolled.length > 0) await this.labs.addParticipants(application.labId, enrolled, actor.id);
    }
    await this.applications.decide(id, dto.decision, actor.id, dto.note || null);
    const [view] = await this.views([(await this.applications.findById(id))!]);
    await this.outbox.record(roomName('lab', view.labId), 'lab_application.decided', view);
    await this.outbox.record('admin', 'lab_application.decided', view);

    const labTitle = (await this.labs.titleOf(view.labId)) ?? '';
    const link = `/laboratori/${view.labId}`;
    if (view.appliedBy && view.appliedBy.id !== actor.id) {
      await this.notifications.notify({
        memberId: view.appliedBy.id,
        kind: 'lab_application_decided',
        data: {
          labId: view.labId,
          labTitle,
          applicationId: view.id,
          decision: view.status,
          note: view.note,
          organizationName: view.organization.name,
        },
        link,
      });
    }
    for (const memberId of enrolled) {
      await this.notifications.notify({
        memberId,
        kind: 'lab_enrolled',
        data: { labId: view.labId, labTitle },
        link,
      });
    }
    return view;
  }

  private async views(rows: readonly LabApplication[]): Promise<LabApplicationView[]> {
    const organizations = await this.organizations.findSummariesByIds([
      ...new Set(rows.map((row) => row.organizationId)),
    ]);
    return rows.map((row) => this.toView(row, organizations.get(row.organizationId)));
  }

  private toView(row: LabApplication, organization: OrganizationSummary | undefined): LabApplicationView {
    return {
      id: row.id,
      labId: row.labId,
      organization: organization ?? {
        id: row.organizationId,
        name: '',
        kind: '',
        region: null,
        convergence: false,
      },
      members: row.members,
      motivation: row.motivation,
      status: row.status,
      appliedBy: row.appliedBy,
      createdAt: row.createdAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decidedBy: row.decidedBy,
      note: row.note,
    };
  }
}
