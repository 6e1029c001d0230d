import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../common/app.exception';

/** Coded errors of document attachments; the problem-details filter renders them. */
export class AttachmentsException extends AppException {
  static notFound(id: string): AttachmentsException {
    return new AttachmentsException(
      HttpStatus.NOT_FOUND,
      'attachment_not_found',
      'Attachment not found',
      `No attachment of this document has id ${id}`,
    );
  }

  static missingFile(): AttachmentsException {
    return new AttachmentsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      'file: send one file in the multipart field "file"',
      [{ field: 'file', message: 'send one file in the multipart field "file"' }],
    );
  }

  static emptyFile(): AttachmentsException {
    return new AttachmentsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      'file: is empty',
      [{ field: 'file', message: 'is empty' }],
    );
  }

  static tooLarge(maxBytes: number): AttachmentsException {
    return new AttachmentsException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'attachment_too_large',
      'File too large',
      `A file may be at most ${maxBytes} bytes`,
    );
  }

  static unsupportedType(detected: string, detail: string): AttachmentsException {
    return new AttachmentsException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'attachment_type_refused',
      'File type not allowed',
      `${detail} (detected: ${detected}). Allowed: PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint, OpenDocument, plain text, CSV, Markdown`,
    );
  }

  static infected(reason: string): AttachmentsException {
    return new AttachmentsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'attachment_infected',
      'File refused by the virus scanner',
      `The file was not stored: ${reason}`,
    );
  }

  static notYours(): AttachmentsException {
    return new AttachmentsException(
      HttpStatus.FORBIDDEN,
      'attachment_forbidden',
      'Forbidden',
      'Only who uploaded a file, a moderator or an administrator may remove it',
    );
  }

  static blobMissing(id: string): AttachmentsException {
    return new AttachmentsException(
      HttpStatus.GONE,
      'attachment_content_missing',
      'File content missing',
      `The content of attachment ${id} is no longer stored`,
    );
  }
}
