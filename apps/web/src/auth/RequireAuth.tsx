import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MemberRole, MemberView } from '@convergo/contracts';
import { Forbidden } from '../components/Forbidden';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { useAuth } from './auth-context';

/** Routes below need a session, and one of `roles` (or `allow`) when given. The API checks again. */
export function RequireAuth({
  roles,
  allow,
}: {
  roles?: readonly MemberRole[];
  allow?: (member: MemberView) => boolean;
}) {
  const { t } = useTranslation();
  const { status, member, error, retry } = useAuth();
  const location = useLocation();

  if (status === 'loading') return <Loading />;
  if (status === 'error' && error) return <ProblemAlert error={error} onRetry={retry} />;
  if (status === 'anonymous' || !member) {
    return <Navigate to="/accedi" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if ((roles && !roles.includes(member.role)) || (allow && !allow(member))) {
    return <Forbidden>{t('errors.forbidden')}</Forbidden>;
  }
  return <Outlet />;
}
