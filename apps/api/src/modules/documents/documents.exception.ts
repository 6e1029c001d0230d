import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the documents capability; the problem-details filter renders them. */
export class DocumentsException extends AppException {
  static notFound(id: string): DocumentsException {
    return new DocumentsException(
      HttpStatus.NOT_FOUND,
      'document_not_found',
      'Document not found',
      `No document has id ${id}`,
    );
  }

  static forbidden(action: 'read' | 'write'): DocumentsException {
    return new DocumentsException(
      HttpStatus.FORBIDDEN,
      'document_forbidden',
      'Forbidden',
      action === 'read' ? 'You may not read this document' : 'You may not change this document',
    );
  }

  static ownerForbidden(): DocumentsException {
    return new DocumentsException(
      HttpStatus.FORBIDDEN,
      'document_owner_forbidden',
      'Forbidden',
      'You may not create or list documents of this owner',
    );
  }

  static ownerTypeUnknown(type: string, known: string[]): DocumentsException {
    const message = `"${type}" is not an owner type: use one of ${known.join(', ')}`;
    return new DocumentsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'document_owner_type_unknown',
      'Unknown owner type',
      `owner.type: ${message}`,
      [{ field: 'owner.type', message }],
    );
  }

  static ownerNotFound(type: string, id: string): DocumentsException {
    const message = `no ${type} has id ${id}`;
    return new DocumentsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'document_owner_not_found',
      'Unknown owner',
      `owner.id: ${message}`,
      [{ field: 'owner.id', message }],
    );
  }

  static invalidOwnerFilter(): DocumentsException {
    const message = 'must be <type>:<uuid>, e.g. member:2f1c…';
    return new DocumentsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      `owner: ${message}`,
      [{ field: 'owner', message }],
    );
  }
}
