import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { CollaborationService } from './collaboration/collaboration.service';
import { DocumentOwnerPolicies } from './document-owner-policies';
import { DocumentStateRepository } from './document-state.repository';
import { DocumentEntity, DocumentSnapshotEntity, DocumentUpdateEntity } from './document.entity';
import { DocumentRepository } from './document.repository';
import { DocumentsController } from './documents.controller';
import { DocumentsGateway } from './documents.gateway';
import { DocumentsPolicy } from './documents.policy';
import { DocumentsService } from './documents.service';

/**
 * Shared documents: metadata and library (REST), Yjs co-editing over socket.io with every
 * update stored before it is acknowledged, snapshots and compaction. Capabilities that own
 * documents (spaces, labs, twinnings) register their owner type with DocumentOwnerPolicies.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([DocumentEntity, DocumentUpdateEntity, DocumentSnapshotEntity]),
    MembersModule,
  ],
  controllers: [DocumentsController],
  providers: [
    DocumentOwnerPolicies,
    DocumentRepository,
    DocumentStateRepository,
    DocumentsService,
    DocumentsPolicy,
    CollaborationService,
    DocumentsGateway,
  ],
  exports: [DocumentsService, DocumentOwnerPolicies],
})
export class DocumentsModule {}
