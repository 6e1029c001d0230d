import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModerationScopeView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Forbidden } from '../../components/Forbidden';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { moderatesSomewhere, useModerationScope } from './useModerationScope';

/**
 * The moderation pages are for global moderators, admins and space moderators. The route only
 * asks for a session (space moderators are plain members); this asks the API where the member
 * moderates. The API checks every request again.
 */
export function ModerationGate({
  title,
  children,
}: {
  /** The page's title; the tab says "not allowed" instead to someone who moderates nowhere. */
  title: string;
  children(scope: ModerationScopeView): ReactNode;
}) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const scope = useModerationScope(member);
  // Set here, not by the page around the gate: a parent's effect runs after its children's.
  usePageTitle(scope.data && !moderatesSomewhere(scope.data) ? t('errors.forbiddenTitle') : title);
  if (scope.isPending) return <Loading />;
  if (scope.isError)
    return <ProblemAlert error={toApiError(scope.error)} onRetry={() => void scope.refetch()} />;
  if (!moderatesSomewhere(scope.data)) {
    return <Forbidden>{t('moderation.notModerator')}</Forbidden>;
  }
  return <>{children(scope.data)}</>;
}
