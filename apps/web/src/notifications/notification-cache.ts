import type { InfiniteData } from '@tanstack/react-query';
import type { NotificationPage, NotificationView } from '@convergo/contracts';

/**
 * The bell's cached notifications: the pages of `GET /notifications` (newest first), with the
 * unread count of the first page as the one the bell shows. Live events edit this cache; each
 * function returns the same object when nothing changes, so React Query skips the render.
 */
export type NotificationData = InfiniteData<NotificationPage>;

export function notificationsKey(memberId: string) {
  return ['notifications', memberId] as const;
}

export function unreadCount(data: NotificationData | undefined): number {
  return data?.pages[0]?.unread ?? 0;
}

export function allNotifications(data: NotificationData | undefined): NotificationView[] {
  const seen = new Set<string>();
  const out: NotificationView[] = [];
  for (const page of data?.pages ?? []) {
    for (const item of page.items) {
      // A notification created while a page was loading can show on two pages: list it once.
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  }
  return out;
}

export function hasNotification(data: NotificationData | undefined, id: string): boolean {
  return data?.pages.some((page) => page.items.some((item) => item.id === id)) ?? false;
}

/**
 * `notification.created`: prepends it and counts it, once. The same notification can reach
 * the tab twice (a reload of the list that already has it, then the live event or the
 * catch-up replay after a reconnect): the id decides, so the count never doubles.
 */
export function addCreated(data: NotificationData, notification: NotificationView): NotificationData {
  if (hasNotification(data, notification.id)) return data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  return {
    ...data,
    pages: [
      {
        ...first,
        items: [notification, ...first.items],
        unread: first.unread + (notification.readAt === null ? 1 : 0),
      },
      ...rest,
    ],
  };
}

/**
 * `notification.read` (or the answer to our own `POST /notifications/read`): marks those ids
 * read. With `unread` (a live event, or an answer nothing has happened since) the server's
 * count is taken, which also covers notifications not loaded here. Without it (a replayed
 * event, older than the list) the count only drops by the loaded ones this turns read.
 */
export function applyRead(
  data: NotificationData,
  ids: readonly string[],
  at: string,
  unread?: number,
): NotificationData {
  const wanted = new Set(ids);
  let flipped = 0;
  const pages = data.pages.map((page) => {
    let pageFlipped = false;
    const items = page.items.map((item) => {
      if (item.readAt !== null || !wanted.has(item.id)) return item;
      pageFlipped = true;
      flipped += 1;
      return { ...item, readAt: at };
    });
    return pageFlipped ? { ...page, items } : page;
  });
  const first = pages[0];
  if (!first) return data;
  const count = unread ?? Math.max(0, first.unread - flipped);
  if (flipped === 0 && count === first.unread) return data;
  return { ...data, pages: [{ ...first, unread: count }, ...pages.slice(1)] };
}
