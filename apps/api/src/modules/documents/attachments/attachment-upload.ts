import {
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { diskStorage, type MultipartModuleOptions } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { catchError, type Observable, throwError } from 'rxjs';
import { Environment } from '../../../config/environment';
import type { AuthMember } from '../../auth/auth-member';
import { DocumentRights } from '../versions/document-rights';
import { AttachmentsException } from './attachments.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where uploads are streamed: inside DATA_DIR/files, so moving one into place is a rename. */
export const incomingDirectory = (env: Environment): string => join(env.DATA_DIR, 'files', '.incoming');

/**
 * Uploads of attachments: to disk, never buffered in memory; one file of at most
 * ATTACHMENT_MAX_BYTES (reading stops past it); names decoded as UTF-8, as browsers send.
 */
export function attachmentMultipartOptions(env: Environment): MultipartModuleOptions {
  const dir = incomingDirectory(env);
  mkdirSync(dir, { recursive: true });
  return {
    storage: diskStorage({
      destination: dir,
      filename: (_req, _file, done) => done(null, `${randomUUID()}.part`),
    }),
    limits: { fileSize: env.ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
    defParamCharset: 'utf8',
  };
}

/**
 * Refuses a non-writer before the multipart body is read, so a reader cannot make the server store
 * (even briefly) 20 MiB. The service checks again; an invalid id is left to the route's pipe.
 */
@Injectable()
export class DocumentWriterGuard implements CanActivate {
  constructor(private readonly rights: DocumentRights) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ params: { id?: string }; user?: AuthMember }>();
    const id = request.params.id;
    if (request.user && id && UUID.test(id)) await this.rights.require(request.user, id, 'write');
    return true;
  }
}

/** The upload's "File too large" becomes the attachments' own 413, naming the limit. */
@Injectable()
export class AttachmentTooLargeInterceptor implements NestInterceptor {
  constructor(private readonly env: Environment) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException
              ? AttachmentsException.tooLarge(this.env.ATTACHMENT_MAX_BYTES)
              : error,
          ),
        ),
      );
  }
}
