/**
 * Files attached to a shared document (`/api/v1/documents/:id/attachments`) and document export
 * (`/api/v1/documents/:id/export?format=`).
 */

export interface AttachmentUploader {
  id: string;
  displayName: string;
}

/** One uploaded file; the bytes are at `…/attachments/:id/download`. */
export interface DocumentAttachmentView {
  id: string;
  documentId: string;
  /** The original name, cleaned of path parts and control characters. */
  fileName: string;
  /** Decided on the content, not on the name. */
  mediaType: string;
  size: number;
  /** Hex SHA-256 of the content: equal files are stored once. */
  sha256: string;
  uploadedBy: AttachmentUploader;
  createdAt: string;
}

/** `attachment.removed` on `doc:<id>`. */
export interface DocumentAttachmentRemoved {
  id: string;
  documentId: string;
}

/** Extensions an upload may have; the content must agree with the extension. */
export const ATTACHMENT_EXTENSIONS = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'doc',
  'xls',
  'txt',
  'csv',
  'md',
] as const;

export const DOCUMENT_EXPORT_FORMATS = ['md', 'html', 'docx', 'pdf'] as const;
export type DocumentExportFormat = (typeof DOCUMENT_EXPORT_FORMATS)[number];
