import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Environment } from '../../../config/environment';
import { incomingDirectory } from './attachment-upload';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Attachment bytes on disk, by content: `${DATA_DIR}/files/<first two hex>/<sha256>`. Uploads
 * land in `files/.incoming` (see attachment-upload.ts): the same file system, so moving one
 * into place is an atomic rename.
 */
@Injectable()
export class AttachmentStorage implements OnModuleInit {
  private readonly logger = new Logger(AttachmentStorage.name);
  readonly root: string;
  private readonly incoming: string;

  constructor(env: Environment) {
    this.root = join(env.DATA_DIR, 'files');
    this.incoming = incomingDirectory(env);
  }

  /** Uploads a crash cut short stay in .incoming: a day later they are nobody's, and go. */
  async onModuleInit(): Promise<void> {
    const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
    let removed = 0;
    for (const name of await readdir(this.incoming).catch(() => [] as string[])) {
      const path = join(this.incoming, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && info.mtimeMs < dayAgo) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    if (removed > 0) this.logger.log({ removed }, 'stale partial uploads removed');
  }

  blobPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async sha256Of(path: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), hash);
    return hash.digest('hex');
  }

  /**
   * Moves an upload into place under its hash. Equal content is already there, byte for byte,
   * so replacing it is harmless, and renaming again makes sure the blob exists after a removal
   * that raced with this upload.
   */
  async place(tempPath: string, sha256: string): Promise<void> {
    const target = this.blobPath(sha256);
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    await rename(tempPath, target);
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.blobPath(sha256))).isFile();
    } catch {
      return false;
    }
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.blobPath(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.blobPath(sha256), { force: true });
  }

  async discard(tempPath: string | undefined): Promise<void> {
    if (tempPath) await rm(tempPath, { force: true });
  }
}
