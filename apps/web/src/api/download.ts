import { buildUrl } from './client';
import { problemFromResponse } from './problem';
import { tokenStore } from '../auth/token-store';

/**
 * Downloads a file from an endpoint that wants the bearer token (a plain link cannot send it):
 * the file is fetched and handed to the browser as a download named `fileName`.
 */
export async function downloadAuthenticated(path: string, fileName: string): Promise<void> {
  const tokens = tokenStore.get();
  const response = await fetch(buildUrl(path), {
    headers: tokens ? { Authorization: `Bearer ${tokens.accessToken}` } : {},
  });
  if (!response.ok) throw await problemFromResponse(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
