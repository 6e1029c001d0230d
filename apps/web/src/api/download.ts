import { buildUrl } from './client';
import { problemFromResponse } from './problem';
import { tokenStore } from '../auth/token-store';

/** The file name a `Content-Disposition: attachment; filename="…"` answer proposes, if any. */
export function dispositionFileName(header: string | null): string | null {
  const name = header ? /filename="?([^";]+)"?/i.exec(header)?.[1]?.trim() : undefined;
  return name || null;
}

/**
 * Downloads a file from an endpoint that wants the bearer token (a plain link cannot send it):
 * the file is fetched and handed to the browser as a download named `fileName`, or as the
 * server names it when `serverName` is set and the answer gives one.
 */
export async function downloadAuthenticated(
  path: string,
  fileName: string,
  { serverName = false }: { serverName?: boolean } = {},
): Promise<void> {
  const tokens = tokenStore.get();
  const response = await fetch(buildUrl(path), {
    headers: tokens ? { Authorization: `Bearer ${tokens.accessToken}` } : {},
  });
  if (!response.ok) throw await problemFromResponse(response);
  const proposed = serverName ? dispositionFileName(response.headers.get('content-disposition')) : null;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = proposed ?? fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
