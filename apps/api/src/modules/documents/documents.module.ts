import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../../config/environment';
import { MembersModule } from '../members/members.module';
import { DocumentAccessReview } from './collaboration/access-review.service';
import { AwarenessRelay } from './collaboration/awareness-relay';
import { CollaborationService } from './collaboration/collaboration.service';
import { CollaborationLink } from './collaboration/collaboration-transport';
import { CollaborationTuning } from './collaboration/collaboration-tuning';
import { DocumentCompactor } from './collaboration/document-compactor';
import { DocumentWriteQueue } from './collaboration/document-write-queue';
import { EditingSessions } from './collaboration/editing-sessions';
import { PeerRelay } from './collaboration/peer-relay';
import { ShutdownGate } from './collaboration/shutdown-gate';
import { DemoDocumentsService } from './demo-documents.service';
import { DocumentOwnerPolicies } from './document-owner-policies';
import { DocumentStateRepository } from './document-state.repository';
import { DocumentEntity, DocumentSnapshotEntity, DocumentUpdateEntity } from './document.entity';
import { DocumentRepository } from './document.repository';
import { DocumentsController } from './documents.controller';
import { DocumentsSocketHandlers } from './documents.socket-handlers';
import { DocumentsPolicy } from './documents.policy';
import { DocumentsService } from './documents.service';
import { AttachmentStorage } from './attachments/attachment-storage';
import { ATTACHMENT_SCANNER, NoopAttachmentScanner } from './attachments/attachment-scanner';
import {
  AttachmentTooLargeInterceptor,
  attachmentMultipartOptions,
  DocumentWriterGuard,
} from './attachments/attachment-upload';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AttachmentsService } from './attachments/attachments.service';
import { DocumentAttachment } from './attachments/document-attachment.entity';
import { DocumentExportService } from './export/document-export.service';
import { ExportController } from './export/export.controller';
import { CommentsController } from './comments/comments.controller';
import { CommentsRepository } from './comments/comments.repository';
import { CommentsService } from './comments/comments.service';
import { DocumentRights } from './versions/document-rights';
import { VersionsController } from './versions/versions.controller';
import { VersionsRepository } from './versions/versions.repository';
import { VersionsService } from './versions/versions.service';

/**
 * Shared documents: metadata and library (REST), Yjs co-editing over socket.io with every
 * update stored before it is acknowledged, snapshots and compaction. Capabilities that own
 * documents (spaces, labs, twinnings) register their owner type with DocumentOwnerPolicies.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      DocumentEntity,
      DocumentUpdateEntity,
      DocumentSnapshotEntity,
      DocumentAttachment,
    ]),
    MultipartModule.registerAsync({ inject: [Environment], useFactory: attachmentMultipartOptions }),
    MembersModule,
  ],
  controllers: [
    DocumentsController,
    VersionsController,
    CommentsController,
    AttachmentsController,
    ExportController,
  ],
  providers: [
    DocumentOwnerPolicies,
    DocumentRepository,
    DocumentStateRepository,
    DocumentsService,
    DocumentsPolicy,
    // Co-editing: the parts CollaborationService routes to (see collaboration.service.ts).
    CollaborationLink,
    CollaborationTuning,
    ShutdownGate,
    DocumentCompactor,
    AwarenessRelay,
    EditingSessions,
    PeerRelay,
    DocumentWriteQueue,
    CollaborationService,
    DocumentAccessReview,
    DocumentsSocketHandlers,
    DocumentRights,
    VersionsRepository,
    VersionsService,
    CommentsRepository,
    CommentsService,
    AttachmentStorage,
    AttachmentsRepository,
    AttachmentsService,
    DocumentWriterGuard,
    AttachmentTooLargeInterceptor,
    // The virus-scanning hook: an operator plugs ClamAV here (see attachment-scanner.ts).
    { provide: ATTACHMENT_SCANNER, useClass: NoopAttachmentScanner },
    DocumentExportService,
    DemoDocumentsService,
  ],
  exports: [DocumentsService, DocumentOwnerPolicies, VersionsService, DemoDocumentsService],
})
export class DocumentsModule {}
