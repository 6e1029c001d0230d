import { createContext, useContext } from 'react';
import type { LoginResult, MemberView } from '@convergo/contracts';
import type { ApiError } from '../api/problem';

export type AuthStatus = 'anonymous' | 'loading' | 'authenticated' | 'error';

export interface AuthState {
  status: AuthStatus;
  member: MemberView | null;
  /** Why the member could not be loaded while a session exists (status `error`). */
  error: ApiError | null;
  /** Stores the tokens of a login or an accepted invitation and the member they belong to. */
  signIn(result: LoginResult): void;
  signOut(): Promise<void>;
  retry(): void;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() outside <AuthProvider>');
  return auth;
}

export const ME_QUERY_KEY = ['me'] as const;
