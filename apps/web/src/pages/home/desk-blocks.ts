import type { DeskBlockKey } from '@convergo/contracts';

/** How a block reads on the home page: the wording's key and where its empty state leads. */
export interface DeskBlockSpec {
  key: DeskBlockKey;
  /** Where to go when the block is empty: the next thing to do. */
  emptyLink: string;
  /** Whether items show their `count` (unread posts, flags, officials, a figure). */
  showsCount?: 'unread' | 'flags' | 'people' | 'value';
}

/** The blocks in the order the home page shows them; absent ones (not the member's role) are skipped. */
export const DESK_BLOCK_SPECS: readonly DeskBlockSpec[] = [
  { key: 'todaySessions', emptyLink: '/calendario' },
  { key: 'reviews', emptyLink: '/laboratori' },
  { key: 'weekBookings', emptyLink: '/tutoraggio/gestione' },
  { key: 'coaching', emptyLink: '/tutoraggio/coaching', showsCount: 'unread' },
  { key: 'nextSessions', emptyLink: '/laboratori' },
  { key: 'labs', emptyLink: '/laboratori' },
  { key: 'deliverablesDue', emptyLink: '/laboratori' },
  { key: 'unreadThreads', emptyLink: '/spazi', showsCount: 'unread' },
  { key: 'bookings', emptyLink: '/tutoraggio' },
  { key: 'flags', emptyLink: '/moderazione', showsCount: 'flags' },
  { key: 'accessRequests', emptyLink: '/amministrazione' },
  { key: 'applications', emptyLink: '/laboratori', showsCount: 'people' },
  { key: 'indicators', emptyLink: '/programmi', showsCount: 'value' },
];
