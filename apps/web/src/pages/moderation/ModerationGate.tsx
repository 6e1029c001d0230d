import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModerationScopeView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { moderatesSomewhere, useModerationScope } from './useModerationScope';

/**
 * The moderation pages are for global moderators, admins and space moderators. The route only
 * asks for a session (space moderators are plain members); this asks the API where the member
 * moderates. The API checks every request again.
 */
export function ModerationGate({ children }: { children(scope: ModerationScopeView): ReactNode }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const scope = useModerationScope(member);
  if (scope.isPending) return <Loading />;
  if (scope.isError)
    return <ProblemAlert error={toApiError(scope.error)} onRetry={() => void scope.refetch()} />;
  if (!moderatesSomewhere(scope.data)) {
    return (
      <>
        <h1>{t('errors.forbiddenTitle')}</h1>
        <p>{t('moderation.notModerator')}</p>
      </>
    );
  }
  return <>{children(scope.data)}</>;
}
