import type { AuthTokens } from '@convergo/contracts';

/**
 * Where the session's tokens live: localStorage, so every tab shares one session and a
 * logout or a rotation in one tab is seen by the others (the `storage` event).
 * Reads always go to storage: another tab may have rotated the refresh token meanwhile.
 */
const KEY = 'convergo.session';
const listeners = new Set<() => void>();
let memoryFallback: AuthTokens | null = null;

function read(): AuthTokens | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<AuthTokens>;
    if (typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string') {
      return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
    }
    return null;
  } catch {
    return memoryFallback;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === KEY || event.key === null) notify();
  });
}

export const tokenStore = {
  get: read,

  set(tokens: AuthTokens | null): void {
    memoryFallback = tokens;
    try {
      if (tokens) window.localStorage.setItem(KEY, JSON.stringify(tokens));
      else window.localStorage.removeItem(KEY);
    } catch {
      // private mode or storage full: the in-memory copy keeps this tab working
    }
    notify();
  },

  hasSession(): boolean {
    return read() !== null;
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
