import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginResult } from '@convergo/contracts';
import { logout } from '../api/client';
import { toApiError } from '../api/problem';
import { currentLanguage, isLanguage, setLanguage, takeSignedOutChoice } from '../i18n';
import { fetchMe, saveLocale } from './auth-api';
import { AuthContext, ME_QUERY_KEY, type AuthState } from './auth-context';
import { tokenStore } from './token-store';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const hasSession = useSyncExternalStore(tokenStore.subscribe, tokenStore.hasSession, () => false);

  const me = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => fetchMe(signal),
    enabled: hasSession,
    staleTime: 5 * 60_000,
  });

  // The member whose profile language this page has applied (once per session).
  const languageAppliedFor = useRef<string | null>(null);

  // The session ended (logout here or in another tab, refused refresh): drop every private answer.
  useEffect(() => {
    if (!hasSession) {
      queryClient.clear();
      languageAppliedFor.current = null;
    }
  }, [hasSession, queryClient]);

  // A session resumed on this device follows the profile's language (chosen maybe elsewhere).
  useEffect(() => {
    const member = me.data;
    if (!member || languageAppliedFor.current === member.id) return;
    languageAppliedFor.current = member.id;
    if (isLanguage(member.locale) && member.locale !== currentLanguage()) void setLanguage(member.locale);
  }, [me.data]);

  const signIn = useCallback(
    (result: LoginResult) => {
      queryClient.clear();
      tokenStore.set({ accessToken: result.accessToken, refreshToken: result.refreshToken });
      queryClient.setQueryData(ME_QUERY_KEY, result.member);
      languageAppliedFor.current = result.member.id;
      // A language chosen before signing in wins, and becomes the profile's.
      const chosen = takeSignedOutChoice();
      if (chosen && chosen !== result.member.locale) {
        void setLanguage(chosen);
        saveLocale(chosen).then(
          (member) => queryClient.setQueryData(ME_QUERY_KEY, member),
          () => undefined,
        );
      } else if (isLanguage(result.member.locale)) {
        void setLanguage(result.member.locale);
      }
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await logout();
    queryClient.clear();
  }, [queryClient]);

  const { refetch } = me;
  const retry = useCallback(() => void refetch(), [refetch]);

  const value = useMemo<AuthState>(() => {
    let status: AuthState['status'] = 'anonymous';
    if (hasSession) {
      if (me.data) status = 'authenticated';
      else if (me.isError) status = 'error';
      else status = 'loading';
    }
    return {
      status,
      member: hasSession ? (me.data ?? null) : null,
      error: hasSession && me.isError && !me.data ? toApiError(me.error) : null,
      signIn,
      signOut,
      retry,
    };
  }, [hasSession, me.data, me.isError, me.error, signIn, signOut, retry]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
