/** Community spaces (Comunità / Spazio tematico): who may read them and who runs them. */

export const SPACE_VISIBILITIES = ['public', 'private', 'lab', 'coaching', 'twinning'] as const;
/**
 * `public`: every member reads it; `private`: invited members (and moderators, admins) only;
 * `lab`: the participants and tutors of the space's lab, plus its invited members; `coaching`: a
 * lab working group's private space with its tutors (the group's members, the lab's tutors and
 * admins — not global moderators), made by the tutoring module, never through `POST /spaces`;
 * `twinning`: a twinning's private space (the members of its offering and receiving administrations
 * and admins — not global moderators), made by the twinnings module when the twinning is selected.
 */
export type SpaceVisibility = (typeof SPACE_VISIBILITIES)[number];

/** What `POST /spaces` and `PATCH /spaces/:id` accept. */
export const CREATABLE_SPACE_VISIBILITIES = ['public', 'private', 'lab'] as const;

/** A scoped role inside one space. Space moderators are appointed by admins. */
export const SPACE_ROLES = ['member', 'moderator'] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];

export const SPACE_NAME_MAX_LENGTH = 120;
export const SPACE_DESCRIPTION_MAX_LENGTH = 2000;

/** A member as threads, posts and space rosters show them. */
export interface MemberRef {
  id: string;
  displayName: string;
  organizationName: string | null;
}

/** What the space is to the member asking (absent from realtime events, which every reader receives). */
export interface SpaceViewerState {
  /** The asker's scoped role in this space, if any. */
  role: SpaceRole | null;
  /** Whether the asker follows the space (notified of new threads). */
  following: boolean;
  /** Whether the asker may moderate here (space moderator, global moderator or admin). */
  canModerate: boolean;
}

export interface SpaceView {
  id: string;
  name: string;
  description: string;
  visibility: SpaceVisibility;
  /** The lab whose participants read the space: set exactly when `visibility` is `lab`. */
  labId: string | null;
  /** The working group of a coaching space: set exactly when `visibility` is `coaching`. */
  labGroupId: string | null;
  /** The twinning of a twinning space: set exactly when `visibility` is `twinning`. */
  twinningId: string | null;
  threadCount: number;
  lastActivityAt: string | null;
  createdAt: string;
  updatedAt: string;
  viewer: SpaceViewerState | null;
}

export interface SpaceMemberView {
  spaceId: string;
  member: MemberRef;
  role: SpaceRole;
  addedAt: string;
}

/** `POST/DELETE /spaces/:id/subscription`. */
export interface SpaceSubscriptionView {
  spaceId: string;
  following: boolean;
}
