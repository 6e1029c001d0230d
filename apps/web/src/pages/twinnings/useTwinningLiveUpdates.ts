import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { roomName } from '@convergo/contracts';
import { isEventOfType, useRoomEvents } from '../../realtime/useRoomEvents';
import { twinningKeys } from './twinnings-api';

/**
 * Keeps `/gemellaggi/:id` current: a status change or an edit on `twinning:<id>` refetches the
 * twinning (its view depends on the asker: space, rights) and is announced to screen readers.
 * Returns the announcement.
 */
export function useTwinningLiveUpdates(twinningId: string, enabled: boolean): string {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const refetch = () => void client.invalidateQueries({ queryKey: twinningKeys.twinning(twinningId) });
  useRoomEvents(
    enabled ? roomName('twinning', twinningId) : null,
    (event) => {
      if (isEventOfType(event, 'twinning.status_changed')) {
        refetch();
        void client.invalidateQueries({ queryKey: twinningKeys.lists });
        setAnnouncement(
          t('twinnings.page.liveStatus', { status: t(`twinnings.statuses.${event.data.change.to}`) }),
        );
      } else if (isEventOfType(event, 'twinning.updated')) {
        refetch();
        setAnnouncement(t('twinnings.page.liveUpdated'));
      }
    },
    { onResync: refetch },
  );
  return announcement;
}
