/**
 * The member's desk (`GET /api/v1/me/desk`): the home page's blocks, different for each role.
 * Each block is small (at most DESK_BLOCK_ITEMS items), with the total and the page listing all.
 */
import type { MemberRole } from './members';

/** Items in a block, at most. */
export const DESK_BLOCK_ITEMS = 5;

/** One line of a block: what it is, where it happens, when, and where to open it (a web path). */
export interface DeskItem {
  id: string;
  title: string;
  /** The lab, space, administration or reason it belongs to. */
  detail: string | null;
  /** ISO-8601: a session's start, a deadline, when a request or a flag came. */
  at: string | null;
  /** A count the item carries: unread posts, flags on a post, bookers. */
  count: number | null;
  /** A status as the API names it (`scheduled`, `live`, `submitted`, …). */
  status: string | null;
  link: string;
}

export interface DeskBlock {
  items: DeskItem[];
  /** How many there are in all (items shows the first few). */
  total: number;
  /** The page with all of them. */
  link: string;
}

/** An official's blocks (every member's own work). */
export interface OfficialDeskBlocks {
  nextSessions: DeskBlock;
  labs: DeskBlock;
  deliverablesDue: DeskBlock;
  unreadThreads: DeskBlock;
  bookings: DeskBlock;
}

/** A tutor's blocks. `todaySessions` items open the live room at `/sessioni/:id/live`. */
export interface TutorDeskBlocks {
  todaySessions: DeskBlock;
  reviews: DeskBlock;
  weekBookings: DeskBlock;
  coaching: DeskBlock;
}

/** Moderators' and admins': the open flag queue (posts with open flags, the latest first). */
export interface ModeratorDeskBlocks {
  flags: DeskBlock;
}

/** Admins': requests waiting for a decision and the programme's headline figures. */
export interface AdminDeskBlocks {
  accessRequests: DeskBlock;
  applications: DeskBlock;
  /** Items: one per headline indicator (`id` its code, `title` its label, `count` its value). */
  indicators: DeskBlock;
}

/** Only the blocks the asker may see are computed and present. */
export type DeskBlocks = Partial<
  OfficialDeskBlocks & TutorDeskBlocks & ModeratorDeskBlocks & AdminDeskBlocks
>;

export type DeskBlockKey = keyof DeskBlocks;

export interface DeskView {
  role: MemberRole;
  blocks: DeskBlocks;
  /**
   * The realtime rooms whose events change the desk (`member:<id>`, the labs' rooms, `moderation`,
   * `admin`, `programme:<id>`): the web app follows them and fetches the desk again.
   */
  rooms: string[];
}
