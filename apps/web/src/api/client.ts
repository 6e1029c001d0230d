import type { AuthTokens } from '@convergo/contracts';
import { tokenStore } from '../auth/token-store';
import { ApiError, clientProblem, problemFromResponse } from './problem';

export const API_BASE = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** Send the access token and refresh it once on 401 (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function send(path: string, options: RequestOptions, accessToken: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw clientProblem('client.network');
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (!response.ok) throw await problemFromResponse(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw clientProblem('client.unexpected', response.status);
  }
}

/**
 * Calls the API. A 401 with a session refreshes the tokens once (rotation) and retries;
 * when the refresh token is refused too the session ends and the call rejects.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const useAuth = options.auth ?? true;
  const tokens = useAuth ? tokenStore.get() : null;
  const response = await send(path, options, tokens?.accessToken ?? null);
  if (response.status === 401 && tokens) {
    const fresh = await refreshSession(tokens);
    if (!fresh) throw clientProblem('client.session_expired', 401);
    return parse<T>(await send(path, options, fresh.accessToken));
  }
  return parse<T>(response);
}

let inflight: Promise<AuthTokens | null> | null = null;

/**
 * Rotates the refresh token, once for all callers: concurrent 401s in this tab share one
 * request, and a Web Lock serialises tabs, so no two refreshes ever spend the same token
 * (a reused refresh token would be taken for a stolen one). Resolves to null when the
 * session is over; rejects (keeping the tokens) when the API cannot be reached.
 */
export function refreshSession(stale: AuthTokens): Promise<AuthTokens | null> {
  inflight ??= withRefreshLock(() => rotate(stale)).finally(() => {
    inflight = null;
  });
  return inflight;
}

function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('convergo.refresh', task);
  }
  return task();
}

async function rotate(stale: AuthTokens): Promise<AuthTokens | null> {
  const latest = tokenStore.get();
  if (!latest) return null;
  // Another tab (or an earlier call) rotated while we waited for the lock: use its tokens.
  if (latest.accessToken !== stale.accessToken) return latest;
  const response = await send(
    '/auth/refresh',
    { method: 'POST', body: { refreshToken: latest.refreshToken } },
    null,
  );
  if (response.ok) {
    const fresh = await parse<AuthTokens>(response);
    tokenStore.set(fresh);
    return fresh;
  }
  if (response.status >= 400 && response.status < 500) {
    tokenStore.set(null);
    return null;
  }
  throw await problemFromResponse(response);
}

/** Ends the session on the server (best effort) and always locally. */
export async function logout(): Promise<void> {
  const tokens = tokenStore.get();
  tokenStore.set(null);
  if (!tokens) return;
  try {
    await send(
      '/auth/logout',
      { method: 'POST', body: { refreshToken: tokens.refreshToken } },
      tokens.accessToken,
    );
  } catch {
    // offline: the refresh token expires on its own
  }
}

export { ApiError };
