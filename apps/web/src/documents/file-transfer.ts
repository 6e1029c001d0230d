import { buildUrl, refreshSession } from '../api/client';
import { clientProblem, problemFromResponse } from '../api/problem';
import { tokenStore } from '../auth/token-store';

/** The token now, refreshed once when the API said 401 to the previous one. */
async function freshToken(previous: string | null): Promise<string | null> {
  const tokens = tokenStore.get();
  if (!tokens) return null;
  if (previous === null || tokens.accessToken !== previous) return tokens.accessToken;
  return (await refreshSession(tokens))?.accessToken ?? null;
}

/**
 * Downloads a file the API guards with the Bearer token (a plain link cannot send it): fetched,
 * then saved through a temporary blob URL under the name the server gave.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let token = await freshToken(null);
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(buildUrl(path), {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        credentials: 'same-origin',
      });
    } catch {
      throw clientProblem('client.network');
    }
    if (response.status !== 401 || attempt > 0 || !token) break;
    token = await freshToken(token);
    if (!token) throw clientProblem('client.session_expired', 401);
  }
  if (!response.ok) throw await problemFromResponse(response);
  const blob = await response.blob();
  saveBlob(blob, fileNameFrom(response.headers.get('content-disposition')) ?? fallbackName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file name of a Content-Disposition header (RFC 6266: `filename*` first). */
export function fileNameFrom(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name || null;
}

/**
 * Uploads one file as multipart field `file`, reporting progress (fetch cannot): resolves with
 * the created resource, rejects with the API's problem (413, 415, 422…) as an ApiError.
 */
export function uploadFile<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  const attempt = (token: string | null) =>
    new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', buildUrl(path));
      request.setRequestHeader('Accept', 'application/json, application/problem+json');
      if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      request.onload = () =>
        resolve({
          status: request.status,
          body: request.responseText,
          type: request.getResponseHeader('content-type') ?? '',
        });
      request.onerror = () => reject(clientProblem('client.network'));
      const form = new FormData();
      form.append('file', file, file.name);
      request.send(form);
    });

  return (async () => {
    let token = await freshToken(null);
    let answer = await attempt(token);
    if (answer.status === 401 && token) {
      token = await freshToken(token);
      if (!token) throw clientProblem('client.session_expired', 401);
      answer = await attempt(token);
    }
    if (answer.status >= 200 && answer.status < 300) {
      try {
        return JSON.parse(answer.body) as T;
      } catch {
        throw clientProblem('client.unexpected', answer.status);
      }
    }
    throw await problemFromResponse(
      new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.type } }),
    );
  })();
}
