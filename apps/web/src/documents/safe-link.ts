/** Links the editor accepts: http, https and mailto only (never `javascript:` or `data:`). */
export function isSafeLink(url: string): boolean {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}
