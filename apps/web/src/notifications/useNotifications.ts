import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { roomName, type NotificationView } from '@convergo/contracts';
import { isEventOfType, useRoomEvents } from '../realtime/useRoomEvents';
import {
  addCreated,
  allNotifications,
  applyRead,
  hasNotification,
  unreadCount,
  type NotificationData,
} from './notification-cache';
import {
  fetchNotifications,
  markNotificationsRead,
  notificationKeys,
  type MarkReadBody,
} from './notifications-api';
import { notificationText } from './wording';

const PAGE_SIZE = 10;

/**
 * The signed-in member's notifications: the unread count and the latest ones from
 * `GET /notifications`, kept live by `notification.created` / `notification.read` on
 * `member:<id>`. Counts are the server's: a reload follows whatever cannot be ordered against
 * the events (a list loading while an event arrives, a catch-up replayed after a reconnect).
 */
export function useNotifications(memberId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = notificationKeys.list(memberId);
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(new Set<string>());
  /** Grows with every event of the room: tells whether an answer is older than an event. */
  const eventCount = useRef(0);

  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => fetchNotifications(PAGE_SIZE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Live events keep the list fresh; reloads happen on resync, replay and opening the panel.
    staleTime: 60_000,
  });

  const reload = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.list(memberId) });
  }, [queryClient, memberId]);

  /** Applies an event to the cached list; a list being (re)loaded may predate it, so it loads again. */
  const edit = (change: (data: NotificationData) => NotificationData) => {
    const before = queryClient.getQueryData<NotificationData>(key);
    if (before) queryClient.setQueryData<NotificationData>(key, change(before));
    if (!before || queryClient.isFetching({ queryKey: key }) > 0) reload();
  };

  const announceNew = (notification: NotificationView) => {
    const known = hasNotification(queryClient.getQueryData<NotificationData>(key), notification.id);
    if (known || announced.current.has(notification.id) || notification.readAt !== null) return;
    announced.current.add(notification.id);
    setAnnouncement(t('notifications.announce', { text: notificationText(notification, t) }));
  };

  useRoomEvents(
    roomName('member', memberId),
    (event, { replayed }) => {
      if (isEventOfType(event, 'notification.created')) {
        eventCount.current += 1;
        announceNew(event.data);
        edit((data) => addCreated(data, event.data));
      } else if (isEventOfType(event, 'notification.read')) {
        eventCount.current += 1;
        // A replayed event's count is older than a list loaded while offline: not taken.
        const { ids, unread } = event.data;
        edit((data) => applyRead(data, ids, event.at, replayed ? undefined : unread));
      }
    },
    // After a reconnect, the count is confirmed by a reload.
    { onResync: reload, onCaughtUp: reload },
  );

  const markRead = useMutation({
    mutationFn: ({ body }: { body: MarkReadBody; since: number }) => markNotificationsRead(body),
    onSuccess: (result, { body, since }) => {
      const data = queryClient.getQueryData<NotificationData>(key);
      // The answer's count is the latest one only if no event arrived since we asked;
      // otherwise mark what we know and let a reload give the count.
      const latest = eventCount.current === since;
      if (data) {
        queryClient.setQueryData<NotificationData>(
          key,
          applyRead(data, result.ids, new Date().toISOString(), latest ? result.unread : undefined),
        );
      }
      if (!latest || !data) reload();
      if ('all' in body) setAnnouncement(t('notifications.markedAllRead'));
    },
  });

  const data = query.data;
  return {
    query,
    unread: unreadCount(data),
    items: allNotifications(data),
    announcement,
    reload,
    markAllRead: () => markRead.mutate({ body: { all: true }, since: eventCount.current }),
    markOneRead: (id: string) => markRead.mutate({ body: { ids: [id] }, since: eventCount.current }),
    markingAll: markRead.isPending && 'all' in (markRead.variables?.body ?? {}),
    markError: markRead.error,
  };
}
