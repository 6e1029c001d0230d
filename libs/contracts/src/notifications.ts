/** What happened, for the web app to word in the reader's language; `data` carries the names. */
export const NOTIFICATION_KINDS = [
  'invitation_accepted',
  'access_request_approved',
  // Community threads: `data` has threadId, threadTitle, postId, postNumber, spaceId, authorId, authorName, excerpt.
  'mention',
  'post_reply',
  'thread_reply',
  'thread_post',
  'space_thread',
  'post_hidden',
  // Spaces: `data` has spaceId, spaceName, byId.
  'space_added',
  'space_moderator_appointed',
  // Moderation: `post_flagged` (to space moderators: the FlagView's ids, reason, excerpt),
  // `moderation_warning` and `member_suspended` / `member_unsuspended` (reason, endsAt).
  'post_flagged',
  'moderation_warning',
  'member_suspended',
  'member_unsuspended',
  // Labs: `lab_application_decided` (to the referent who applied: labId, labTitle, applicationId,
  // decision, note, organizationName), `lab_enrolled` (to each accepted official: labId, labTitle),
  // `deliverable_submitted` (to the lab's tutors) and `deliverable_reviewed` (to the group's
  // members): labId, labTitle, deliverableId, deliverableTitle, groupName, round, decision.
  'lab_application_decided',
  'lab_enrolled',
  'deliverable_submitted',
  'deliverable_reviewed',
  // Lab sessions, to the lab's participants and tutors: `data` has labId, labTitle, sessionId,
  // sessionTitle, startsAt, endsAt (ISO), mode, place; `session_changed` adds `changes`
  // (comma-separated: startsAt, endsAt, place, mode, onlineUrl).
  'session_scheduled',
  'session_changed',
  'session_cancelled',
  // Tutoring: `data` has slotId, bookingId, tutorId, tutorName, memberName, labTitle, startsAt, endsAt (ISO),
  // meeting, onlineUrl, place, topic. `tutoring_booked` (to the booker: the confirmation, its e-mail carries
  // the iCalendar invitation), `tutoring_booking_received` and `tutoring_booking_cancelled` (to the tutor;
  // the latter also to a booker whose booking the tutor cancelled: `cancelledBy`, `reason`),
  // `tutoring_slot_changed` (to bookers: `changes`, comma-separated: startsAt, endsAt, meeting, onlineUrl,
  // place), `tutoring_slot_cancelled` (to bookers: `reason`), `tutoring_reminder` (to bookers and the
  // tutor: `minutesBefore`, `bookedCount`).
  'tutoring_booked',
  'tutoring_booking_received',
  'tutoring_booking_cancelled',
  'tutoring_slot_changed',
  'tutoring_slot_cancelled',
  'tutoring_reminder',
  // Practices, to the members of the offering administration: `data` has practiceId, practiceTitle,
  // and for `practice_changes_requested` the editor's `note`.
  'practice_published',
  'practice_changes_requested',
  // Twinnings, to the members of every party: `data` has twinningId, twinningTitle, status, note.
  'twinning_status_changed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationView {
  id: string;
  kind: NotificationKind | string;
  data: Record<string, string | number | boolean | null>;
  /** Where the notification leads in the web app, e.g. `/membri/<id>`. */
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unread: number;
}

export interface NotificationsRead {
  ids: string[];
  unread: number;
}

/** How a member wants notifications by e-mail: each at once, one daily digest, or none. */
export const EMAIL_FREQUENCIES = ['immediate', 'daily', 'never'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/** GET/PATCH /me/notification-preferences */
export interface NotificationPreferences {
  email: EmailFrequency;
}

/** `GET /me/muted-threads`: threads I muted (never notified but for mentions), newest first. */
export interface MutedThreadView {
  threadId: string;
  title: string;
  spaceId: string;
  spaceName: string;
  mutedAt: string;
}
