import { fileTypeFromFile } from 'file-type';
import { open } from 'node:fs/promises';
import { extensionOf } from './file-name';

/** What the content of an upload is, decided on its bytes; the name only has to agree. */
export type ContentVerdict =
  { ok: true; mediaType: string; extension: string } | { ok: false; detected: string; detail: string };

interface BinaryKind {
  /** file-type's extension for the content. */
  detected: string;
  /** Name extensions that may carry it, with the media type served for each. */
  extensions: Record<string, string>;
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const ODF = 'application/vnd.oasis.opendocument';

const BINARY_KINDS: BinaryKind[] = [
  { detected: 'pdf', extensions: { pdf: 'application/pdf' } },
  { detected: 'png', extensions: { png: 'image/png' } },
  { detected: 'jpg', extensions: { jpg: 'image/jpeg', jpeg: 'image/jpeg' } },
  { detected: 'gif', extensions: { gif: 'image/gif' } },
  { detected: 'webp', extensions: { webp: 'image/webp' } },
  { detected: 'docx', extensions: { docx: `${OOXML}.wordprocessingml.document` } },
  { detected: 'xlsx', extensions: { xlsx: `${OOXML}.spreadsheetml.sheet` } },
  { detected: 'pptx', extensions: { pptx: `${OOXML}.presentationml.presentation` } },
  { detected: 'odt', extensions: { odt: `${ODF}.text` } },
  { detected: 'ods', extensions: { ods: `${ODF}.spreadsheet` } },
  { detected: 'odp', extensions: { odp: `${ODF}.presentation` } },
  // Word 97 and Excel 97 files are OLE compound files: the container is all the bytes tell.
  { detected: 'cfb', extensions: { doc: 'application/msword', xls: 'application/vnd.ms-excel' } },
];

/** Text has no magic number: accepted only under these names, and only as UTF-8 without NUL. */
const TEXT_EXTENSIONS: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** Markup a browser would run if it ever rendered the file: refused under any name. */
const SCRIPT_CARRIER =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+(html|svg)|(html|svg|script|head|body|iframe))\b/i;

const TEXT_SNIFF_BYTES = 1024 * 1024;

function refused(detected: string, detail: string): ContentVerdict {
  return { ok: false, detected, detail };
}

/** The first `limit` bytes of a file. */
async function head(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    const { bytesRead } = await handle.read(buffer, 0, limit, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whole file is valid UTF-8 without NUL: read in full, as uploads are bounded by the size limit. */
async function textKind(path: string, size: number): Promise<'text' | 'binary' | 'markup'> {
  const bytes = await head(path, size);
  if (bytes.includes(0)) return 'binary';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'binary';
  }
  return SCRIPT_CARRIER.test(text.slice(0, TEXT_SNIFF_BYTES).replace(/^\uFEFF/, '')) ? 'markup' : 'text';
}

/**
 * Decides an upload's media type from its content: one of the allowed binary formats whose
 * extension agrees, or UTF-8 text under a text extension. A name without an extension takes
 * the detected format's.
 */
export async function detectAttachmentType(
  path: string,
  size: number,
  fileName: string,
): Promise<ContentVerdict> {
  const extension = extensionOf(fileName);
  const sniffed = await fileTypeFromFile(path);
  if (sniffed) {
    const kind = BINARY_KINDS.find((k) => k.detected === sniffed.ext);
    if (!kind) {
      return refused(
        sniffed.ext,
        `The content is ${sniffed.ext} (${sniffed.mime}), which may not be attached`,
      );
    }
    const allowed = Object.keys(kind.extensions);
    if (extension === '') {
      return { ok: true, mediaType: kind.extensions[allowed[0]], extension: allowed[0] };
    }
    const mediaType = kind.extensions[extension];
    if (!mediaType) {
      return refused(
        sniffed.ext,
        `The content is ${sniffed.ext} (${sniffed.mime}) but the name ends in .${extension}`,
      );
    }
    return { ok: true, mediaType, extension };
  }
  const kind = await textKind(path, size);
  if (kind === 'markup') {
    return refused('html', 'The content is HTML or SVG markup, which may not be attached');
  }
  if (kind === 'binary') {
    return refused('unknown', 'The content is not a format that may be attached');
  }
  const mediaType = TEXT_EXTENSIONS[extension];
  if (!mediaType) {
    return refused(
      'text',
      extension === ''
        ? 'The content is plain text: name it .txt, .csv or .md'
        : `The content is plain text but the name ends in .${extension}`,
    );
  }
  return { ok: true, mediaType, extension };
}
