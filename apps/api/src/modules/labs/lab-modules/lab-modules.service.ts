import { Injectable } from '@nestjs/common';
import { Transactional } from '../../../database/transactional';
import type { LabModuleView, LabModuleWithSessions } from '@convergo/contracts';
import { AbilityFactory } from '../../auth/ability.factory';
import type { AuthMember } from '../../auth/auth-member';
import { LabsException } from '../labs.exception';
import { LAB_MODULE_SUBJECT, labSubject } from '../labs.policy';
import { LabsService } from '../labs.service';
import type { CreateLabModuleDto, UpdateLabModuleDto } from './dto/lab-module.dto';
import { LabModuleSessions } from './lab-module-sessions';
import { LabModulesRepository, type LabModuleFields, type LabModuleRecord } from './lab-modules.repository';

export function toLabModuleView(row: LabModuleRecord): LabModuleView {
  return {
    id: row.id,
    labId: row.labId,
    title: row.title,
    dimension: row.dimension,
    position: row.position,
    plannedDays: row.plannedDays === null ? null : Number(row.plannedDays),
    description: row.description,
    expectedDeliverables: row.expectedDeliverables,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** A lab's structure: its modules by dimension and position, each with its sessions. */
@Injectable()
export class LabModulesService {
  constructor(
    private readonly modules: LabModulesRepository,
    private readonly labs: LabsService,
    private readonly abilities: AbilityFactory,
    private readonly sessions: LabModuleSessions,
  ) {}

  /** Whoever reads the lab (every member: the catalogue is open) reads its structure. */
  async list(actor: AuthMember, labId: string): Promise<{ items: LabModuleWithSessions[] }> {
    await this.assertCan(actor, 'read', labId);
    const rows = await this.modules.findByLab(labId);
    const sessions = await this.sessions.byModule(labId, actor);
    return { items: rows.map((row) => ({ ...toLabModuleView(row), sessions: sessions.get(row.id) ?? [] })) };
  }

  @Transactional()
  async create(actor: AuthMember, labId: string, dto: CreateLabModuleDto): Promise<LabModuleView> {
    await this.assertCan(actor, 'create', labId);
    const row = await this.modules.insert(labId, {
      title: dto.title,
      dimension: dto.dimension ?? null,
      position: dto.position ?? (await this.modules.nextPosition(labId)),
      plannedDays: dto.plannedDays ?? null,
      description: dto.description ?? '',
      expectedDeliverables: dto.expectedDeliverables ?? [],
    });
    return toLabModuleView(row);
  }

  @Transactional()
  async update(actor: AuthMember, moduleId: string, dto: UpdateLabModuleDto): Promise<LabModuleView> {
    const current = await this.find(moduleId);
    await this.assertCan(actor, 'update', current.labId);
    const patch: Partial<LabModuleFields> = { ...dto };
    const row = await this.modules.update(moduleId, patch);
    if (!row) throw LabsException.moduleNotFound();
    return toLabModuleView(row);
  }

  /** The module's sessions stay in the lab, without a module. */
  @Transactional()
  async remove(actor: AuthMember, moduleId: string): Promise<void> {
    const current = await this.find(moduleId);
    await this.assertCan(actor, 'delete', current.labId);
    await this.modules.delete(moduleId);
  }

  /** The demo lab's structure, matched by title; idempotent (a module tutors changed since stays as they left it). */
  @Transactional()
  async ensureDemoModules(labId: string, modules: readonly LabModuleFields[]): Promise<LabModuleView[]> {
    const views: LabModuleView[] = [];
    for (const module of modules) {
      const row =
        (await this.modules.findByTitle(labId, module.title)) ?? (await this.modules.insert(labId, module));
      views.push(toLabModuleView(row));
    }
    return views;
  }

  private async find(moduleId: string): Promise<LabModuleRecord> {
    const row = await this.modules.findById(moduleId);
    if (!row) throw LabsException.moduleNotFound();
    return row;
  }

  /** 404 when the lab does not exist; 403 unless the lab's rules allow the action. */
  private async assertCan(
    actor: AuthMember,
    action: 'read' | 'create' | 'update' | 'delete',
    labId: string,
  ): Promise<void> {
    if (!(await this.labs.exists(labId))) throw LabsException.labNotFound();
    const role = await this.labs.roleOf(actor.id, labId);
    if (!this.abilities.for(actor).can(action, labSubject({ id: labId, role }, LAB_MODULE_SUBJECT))) {
      throw LabsException.forbidden();
    }
  }
}
