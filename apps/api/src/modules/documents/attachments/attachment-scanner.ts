import { Injectable } from '@nestjs/common';

/** An uploaded file waiting for its verdict, still in the temporary upload directory. */
export interface ScannedFile {
  path: string;
  size: number;
  mediaType: string;
  fileName: string;
}

export type ScanVerdict = { clean: true } | { clean: false; reason: string };

/**
 * Virus-scanning hook, called on every upload before anything is stored. An operator plugs a
 * real scanner (e.g. ClamAV through clamd's INSTREAM command on TCP 3310) by providing another
 * implementation under ATTACHMENT_SCANNER in DocumentsModule. An infected verdict is a 422.
 */
export interface AttachmentScanner {
  scan(file: ScannedFile): Promise<ScanVerdict>;
}

export const ATTACHMENT_SCANNER = Symbol('ATTACHMENT_SCANNER');

/** The default: no scanner installed, every file is clean. */
@Injectable()
export class NoopAttachmentScanner implements AttachmentScanner {
  scan(): Promise<ScanVerdict> {
    return Promise.resolve({ clean: true });
  }
}
