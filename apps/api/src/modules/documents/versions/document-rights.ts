import { Injectable } from '@nestjs/common';
import type { AuthMember } from '../../auth/auth-member';
import { DocumentsException } from '../documents.exception';
import { DocumentsService } from '../documents.service';

/** The one access check of versions and comments: the document's own policy (404, 403). */
@Injectable()
export class DocumentRights {
  constructor(private readonly documents: DocumentsService) {}

  async require(member: AuthMember, docId: string, action: 'read' | 'write'): Promise<'read' | 'write'> {
    const access = await this.documents.accessById(member, docId);
    if (access === undefined) throw DocumentsException.notFound(docId);
    if (access === 'none') throw DocumentsException.forbidden('read');
    if (action === 'write' && access !== 'write') throw DocumentsException.forbidden('write');
    return access;
  }
}
