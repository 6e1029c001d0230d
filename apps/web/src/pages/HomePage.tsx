import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/problem';
import { useAuth } from '../auth/auth-context';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';
import { deskKeys, fetchDesk } from './home/desk-api';
import { DeskBlocks } from './home/DeskBlocks';
import { DeskLiveRooms } from './home/DeskLiveRooms';
import { HomeWelcome } from './home/HomeWelcome';

/** The member's desk: their own work, per role, kept current over the realtime channel. */
export function HomePage() {
  const { t } = useTranslation();
  const { member } = useAuth();
  usePageTitle(t('home.title'));
  const desk = useQuery({ queryKey: deskKeys.all, queryFn: ({ signal }) => fetchDesk(signal) });
  return (
    <>
      <HomeWelcome name={member?.displayName ?? ''} />
      {desk.isPending && <Loading label={t('home.loading')} />}
      {desk.isError && <ProblemAlert error={toApiError(desk.error)} onRetry={() => void desk.refetch()} />}
      {desk.data && (
        <>
          <DeskLiveRooms rooms={desk.data.rooms} />
          <DeskBlocks desk={desk.data} />
        </>
      )}
    </>
  );
}
