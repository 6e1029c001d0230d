import { useQuery } from '@tanstack/react-query';
import type { MemberView, ModerationScopeView } from '@convergo/contracts';
import { fetchModerationScope, moderationKeys } from './moderation-api';

/** Global moderators and admins moderate everywhere: no need to ask the API. */
export function moderatesEverywhere(member: Pick<MemberView, 'role'> | null): boolean {
  return member?.role === 'moderator' || member?.role === 'admin';
}

/**
 * Where the signed-in member moderates (`GET /moderation/scope`): space moderators are plain
 * members whose scoped role only the API knows. Cached for the session; null member: no request.
 */
export function useModerationScope(member: Pick<MemberView, 'id' | 'role'> | null) {
  return useQuery({
    queryKey: moderationKeys.scope(member?.id ?? null),
    queryFn: ({ signal }) => fetchModerationScope(signal),
    enabled: member !== null,
    staleTime: 5 * 60_000,
  });
}

export function moderatesSomewhere(scope: ModerationScopeView | undefined): boolean {
  return scope !== undefined && (scope.everySpace || scope.spaceIds.length > 0);
}
