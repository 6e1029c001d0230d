/** Attachment and export file names: cleaned for storage, and quoted safely for Content-Disposition. */

export const MAX_FILE_NAME_LENGTH = 255;

/**
 * A name safe to store and to send back: no control characters (newlines included), none of
 * the characters Windows forbids, no path separators, no leading dots, trimmed, at most 255
 * characters with the extension kept. Returns '' when nothing is left.
 */
export function toSafeName(raw: string): string {
  const name = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[/\\<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  return truncateKeepingExtension(name, MAX_FILE_NAME_LENGTH);
}

/** An uploaded file's name: the last part of any path the client sent, made safe. */
export function sanitizeFileName(raw: string): string {
  return toSafeName(
    raw
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .split(/[/\\]/)
      .at(-1) ?? '',
  );
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length === 0 || ext.length > 16) return chars.slice(0, max).join('');
  return chars.slice(0, max - ext.length).join('') + ext.join('');
}

/** Lower-case extension without the dot, or '' when the name has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** RFC 5987 attr-char: everything else is percent-encoded (encodeURIComponent leaves '()*!). */
const encodeRfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<name>` (RFC 6266): old clients
 * read the fallback, where anything but printable ASCII, quotes and backslashes becomes `_`.
 */
export function contentDisposition(name: string): string {
  const clean = toSafeName(name) || 'file';
  const fallback = clean
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}
