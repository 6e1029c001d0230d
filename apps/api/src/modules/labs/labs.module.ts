import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '../auth/ability.factory';
import { DocumentOwnerPolicies } from '../documents/document-owner-policies';
import { DocumentsModule } from '../documents/documents.module';
import { MembersModule } from '../members/members.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { labDocumentsPolicy, labGroupDocumentsPolicy } from './lab-documents.policy';
import { LabGroupEntity, LabGroupMemberEntity, LabEntity, LabParticipantEntity } from './lab.entity';
import { LabsController } from './labs.controller';
import { labRules } from './labs.policy';
import { LabsRepository } from './labs.repository';
import { LabsService } from './labs.service';
import { LabModuleEntity } from './lab-modules/lab-module.entity';
import { LabModuleSessions } from './lab-modules/lab-module-sessions';
import { LabModulesController } from './lab-modules/lab-modules.controller';
import { LabModulesRepository } from './lab-modules/lab-modules.repository';
import { LabModulesService } from './lab-modules/lab-modules.service';

/**
 * Labs (Laboratori): catalogue, participants and tutors, working groups, structure (modules, in
 * lab-modules/; their sessions come from the sessions capability through LabModuleSessions). Registers the lab
 * rules, the `lab:<id>` and `lab_group:<id>` rooms and the `lab` and `lab_group` document
 * owners. Others use LabsService.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      LabEntity,
      LabParticipantEntity,
      LabGroupEntity,
      LabGroupMemberEntity,
      LabModuleEntity,
    ]),
    MembersModule,
    ProgrammesModule,
    DocumentsModule,
  ],
  controllers: [LabsController, LabModulesController],
  providers: [LabsRepository, LabsService, LabModulesRepository, LabModulesService, LabModuleSessions],
  exports: [LabsService, LabModulesService, LabModuleSessions],
})
export class LabsModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly labs: LabsService,
    private readonly documentOwners: DocumentOwnerPolicies,
  ) {}

  onModuleInit(): void {
    this.abilities.register(labRules);
    this.rooms.register('lab', (member, id) => this.labs.roomAccess(member, id));
    this.rooms.register('lab_group', (member, id) => this.labs.groupRoomAccess(member, id));
    this.documentOwners.register('lab', labDocumentsPolicy(this.labs));
    this.documentOwners.register('lab_group', labGroupDocumentsPolicy(this.labs));
  }
}
