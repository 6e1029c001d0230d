import { Inject, Injectable, Logger } from '@nestjs/common';
import { AbilityFactory } from '../../auth/ability.factory';
import { Transactional } from '../../../database/transactional';
import { roomName, type DocumentAttachmentView, type Page } from '@convergo/contracts';
import type { ReadStream } from 'node:fs';
import { createdPage, decodeCreatedCursor } from '../../../common/cursor';
import type { AuthMember } from '../../auth/auth-member';
import { EventOutbox } from '../../realtime/event-outbox';
import { DocumentRights } from '../versions/document-rights';
import { detectAttachmentType } from './attachment-content-type';
import { ATTACHMENT_SCANNER, type AttachmentScanner } from './attachment-scanner';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentsException } from './attachments.exception';
import { AttachmentsRepository, type AttachmentRecord } from './attachments.repository';
import { extensionOf, sanitizeFileName } from './file-name';

/** What the multipart disk storage hands over. */
export interface UploadedFile {
  path: string;
  size: number;
  originalname: string;
}

export interface AttachmentDownload {
  view: DocumentAttachmentView;
  stream: ReadStream;
}

function toView(row: AttachmentRecord): DocumentAttachmentView {
  return {
    id: row.id,
    documentId: row.docId,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: { id: row.uploadedBy, displayName: row.uploaderName },
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/**
 * Files attached to a document: checked on their content, scanned, stored once per content
 * hash, listed, downloaded and removed. The blob is on disk before its row commits; a failed
 * transaction leaves at most an unreferenced blob, which is harmless (same bytes, same name).
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rights: DocumentRights,
    private readonly attachments: AttachmentsRepository,
    private readonly storage: AttachmentStorage,
    private readonly outbox: EventOutbox,
    @Inject(ATTACHMENT_SCANNER) private readonly scanner: AttachmentScanner,
  ) {}

  /** Writers only; the upload's temporary file is gone when this settles, stored or not. */
  @Transactional()
  async upload(
    member: AuthMember,
    docId: string,
    file: UploadedFile | undefined,
  ): Promise<DocumentAttachmentView> {
    try {
      await this.rights.require(member, docId, 'write');
      if (!file) throw AttachmentsException.missingFile();
      if (file.size === 0) throw AttachmentsException.emptyFile();
      const cleaned = sanitizeFileName(file.originalname);
      const verdict = await detectAttachmentType(file.path, file.size, cleaned);
      if (!verdict.ok) throw AttachmentsException.unsupportedType(verdict.detected, verdict.detail);
      // A name without an extension takes the detected format's, within the length limit.
      const fileName =
        extensionOf(cleaned) === '' ? sanitizeFileName(`${cleaned || 'file'}.${verdict.extension}`) : cleaned;
      const scan = await this.scanner.scan({
        path: file.path,
        size: file.size,
        mediaType: verdict.mediaType,
        fileName,
      });
      if (!scan.clean) {
        this.logger.warn(
          { docId, memberId: member.id, reason: scan.reason },
          'upload refused by the scanner',
        );
        throw AttachmentsException.infected(scan.reason);
      }
      const sha256 = await this.storage.sha256Of(file.path);
      await this.attachments.lockHash(sha256);
      // A rename, under the hash's lock: a removal of the same content cannot interleave.
      await this.storage.place(file.path, sha256);
      const row = await this.attachments.insert({
        docId,
        fileName,
        mediaType: verdict.mediaType,
        size: file.size,
        sha256,
        uploadedBy: member.id,
      });
      const view = toView(row);
      await this.outbox.record(roomName('doc', docId), 'attachment.added', view);
      return view;
    } finally {
      await this.storage.discard(file?.path);
    }
  }

  async list(
    member: AuthMember,
    docId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<DocumentAttachmentView>> {
    await this.rights.require(member, docId, 'read');
    const rows = await this.attachments.page(docId, limit + 1, decodeCreatedCursor(cursor));
    return createdPage(rows, limit, toView);
  }

  private async attachment(docId: string, id: string): Promise<AttachmentRecord> {
    const row = await this.attachments.find(docId, id.toLowerCase());
    if (!row) throw AttachmentsException.notFound(id);
    return row;
  }

  async download(member: AuthMember, docId: string, id: string): Promise<AttachmentDownload> {
    await this.rights.require(member, docId, 'read');
    const row = await this.attachment(docId, id);
    if (!(await this.storage.exists(row.sha256))) {
      this.logger.error({ docId, attachmentId: id, sha256: row.sha256 }, 'attachment blob missing');
      throw AttachmentsException.blobMissing(id);
    }
    return { view: toView(row), stream: this.storage.open(row.sha256) };
  }

  /** The uploader, a moderator or an administrator; the blob goes with the last row using it. */
  @Transactional()
  async remove(member: AuthMember, docId: string, id: string): Promise<void> {
    await this.rights.require(member, docId, 'read');
    const row = await this.attachment(docId, id);
    const privileged = this.abilities.for(member).can('moderate', 'Document');
    if (row.uploadedBy !== member.id && !privileged) throw AttachmentsException.notYours();
    await this.attachments.lockHash(row.sha256);
    if (!(await this.attachments.delete(row.id))) throw AttachmentsException.notFound(id);
    await this.outbox.record(roomName('doc', docId), 'attachment.removed', { id: row.id, documentId: docId });
    // Last step before commit, under the hash's lock: an upload of the same bytes waits for us,
    // then renames its copy into place again.
    if ((await this.attachments.countBySha256(row.sha256)) === 0) await this.storage.remove(row.sha256);
  }
}
