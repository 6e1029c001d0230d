import { describe, expect, it } from '@jest/globals';
import type { NotificationPage, NotificationView } from '@convergo/contracts';
import {
  addCreated,
  allNotifications,
  applyRead,
  unreadCount,
  type NotificationData,
} from './notification-cache';

const notification = (id: string, readAt: string | null = null): NotificationView => ({
  id,
  kind: 'invitation_accepted',
  data: { displayName: `Persona ${id}` },
  link: null,
  readAt,
  createdAt: '2026-01-01T10:00:00.000Z',
});

const data = (...pages: NotificationPage[]): NotificationData => ({
  pages,
  pageParams: pages.map((_, i) => (i === 0 ? null : `cursor-${i}`)),
});

describe('notification cache', () => {
  it('counts a created notification once, however often it arrives', () => {
    const start = data({ items: [notification('a')], nextCursor: null, unread: 1 });
    const once = addCreated(start, notification('b'));
    expect(unreadCount(once)).toBe(2);
    // The live event after a reload that already had it, or the catch-up replay of it.
    expect(addCreated(once, notification('b'))).toBe(once);
    expect(addCreated(once, notification('a'))).toBe(once);
    expect(allNotifications(once).map((n) => n.id)).toEqual(['b', 'a']);
  });

  it('does not count a notification created already read', () => {
    const start = data({ items: [], nextCursor: null, unread: 0 });
    expect(unreadCount(addCreated(start, notification('a', '2026-01-01T10:01:00.000Z')))).toBe(0);
  });

  it('finds duplicates on later pages too', () => {
    const start = data(
      { items: [notification('a')], nextCursor: 'c', unread: 2 },
      { items: [notification('b')], nextCursor: null, unread: 2 },
    );
    expect(addCreated(start, notification('b'))).toBe(start);
  });

  it('takes the server count of a live read event', () => {
    const start = data({ items: [notification('a'), notification('b')], nextCursor: null, unread: 5 });
    const read = applyRead(start, ['a'], '2026-01-01T11:00:00.000Z', 3);
    expect(unreadCount(read)).toBe(3);
    expect(allNotifications(read).map((n) => n.readAt !== null)).toEqual([true, false]);
  });

  it('only subtracts what it turns read for a replayed read event (its count is stale)', () => {
    // Loaded while offline: "a" already read, "b" new since the read that is replayed now.
    const start = data({
      items: [notification('b'), notification('a', '2026-01-01T10:30:00.000Z')],
      nextCursor: null,
      unread: 1,
    });
    const replayed = applyRead(start, ['a'], '2026-01-01T10:30:00.000Z');
    expect(replayed).toBe(start);
    expect(unreadCount(applyRead(start, ['b'], '2026-01-01T11:00:00.000Z'))).toBe(0);
  });
});
