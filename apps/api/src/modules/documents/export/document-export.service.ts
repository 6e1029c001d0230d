import { Injectable } from '@nestjs/common';
import type { DocumentExportFormat } from '@convergo/contracts';
import type { AuthMember } from '../../auth/auth-member';
import { CollaborationService } from '../collaboration/collaboration.service';
import { DocumentRepository } from '../document.repository';
import { DocumentsException } from '../documents.exception';
import { DocumentRights } from '../versions/document-rights';
import {
  type Block,
  contentBlocks,
  docFromState,
  escapeMarkdown,
  renderMarkdown,
} from '../versions/document-content';
import { VersionsRepository } from '../versions/versions.repository';
import { versionNotFound } from '../versions/versions.service';
import { renderHtmlPage } from './html-page';

export interface ExportedFile {
  fileName: string;
  mediaType: string;
  body: Buffer;
}

const MEDIA_TYPES: Record<DocumentExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/**
 * Exports a document (its live content, or a named version) as Markdown, a standalone HTML
 * page, DOCX or PDF, for readers. The live content is read as versions read it: a snapshot of
 * the in-memory document, taken between updates, so editors are not held up by the rendering.
 */
@Injectable()
export class DocumentExportService {
  constructor(
    private readonly rights: DocumentRights,
    private readonly documents: DocumentRepository,
    private readonly collaboration: CollaborationService,
    private readonly versions: VersionsRepository,
  ) {}

  async exportCurrent(
    member: AuthMember,
    docId: string,
    format: DocumentExportFormat,
  ): Promise<ExportedFile> {
    await this.rights.require(member, docId, 'read');
    const doc = await this.documents.findById(docId);
    if (!doc) throw DocumentsException.notFound(docId);
    const blocks = await this.collaboration.read(docId, contentBlocks);
    return this.render(doc.title, blocks, format);
  }

  async exportVersion(
    member: AuthMember,
    docId: string,
    versionId: string,
    format: DocumentExportFormat,
  ): Promise<ExportedFile> {
    await this.rights.require(member, docId, 'read');
    const doc = await this.documents.findById(docId);
    if (!doc) throw DocumentsException.notFound(docId);
    const version = await this.versions.find(docId, versionId.toLowerCase());
    if (!version) throw versionNotFound(versionId);
    const ydoc = docFromState(new Uint8Array(version.state!));
    let blocks: Block[];
    try {
      blocks = contentBlocks(ydoc);
    } finally {
      ydoc.destroy();
    }
    return this.render(`${doc.title} - ${version.name}`, blocks, format);
  }

  private async render(title: string, blocks: Block[], format: DocumentExportFormat): Promise<ExportedFile> {
    const fileName = `${title}.${format}`;
    const mediaType = MEDIA_TYPES[format];
    switch (format) {
      case 'md':
        return {
          fileName,
          mediaType,
          body: Buffer.from(`# ${escapeMarkdown(title)}\n\n${renderMarkdown(blocks, { escape: true })}\n`),
        };
      case 'html':
        return { fileName, mediaType, body: Buffer.from(renderHtmlPage(title, blocks)) };
      // docx and pdfkit are loaded on the first export: together they add ~9 MB to every process's
      // heap that would otherwise never export (bench/README.md, stop 21).
      case 'docx': {
        const { renderDocx } = await import('./docx-renderer.js');
        return { fileName, mediaType, body: await renderDocx(title, blocks) };
      }
      case 'pdf': {
        const { renderPdf } = await import('./pdf-renderer.js');
        return { fileName, mediaType, body: await renderPdf(title, blocks) };
      }
    }
  }
}
