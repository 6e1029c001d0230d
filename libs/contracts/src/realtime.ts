import type { DocumentAttachmentRemoved, DocumentAttachmentView } from './attachments';
import type { FlagResolvedEvent, ThreadMergedEvent, ThreadMovedEvent } from './moderation';
import type {
  DocumentCommentDeleted,
  DocumentCommentView,
  DocumentVersionView,
  DocumentView,
} from './documents';
import type { DeliverableView } from './deliverables';
import type { PracticeView } from './practices';
import type { TwinningStatusChangedEvent, TwinningUpdatedEvent } from './twinnings';
import type { IndicatorsChangedEvent } from './indicators';
import type { LabApplicationView } from './lab-applications';
import type { LabParticipantView, LabView } from './labs';
import type { LabSessionView } from './sessions';
import type { AgendaStepEvent, TimerEvent } from './live-room';
import type { PollView } from './polls';
import type { SessionMessageView } from './session-chat';
import type { AttendanceUpdatedEvent } from './attendance';
import type { TutoringBookingView, TutoringMessageView, TutoringSlotView } from './tutoring';
import type { AccessRequestView, MemberView } from './members';
import type { NotificationsRead, NotificationView } from './notifications';
import type { OrganizationView } from './organizations';
import type { SpaceMemberView, SpaceView } from './spaces';
import type {
  FlagView,
  PostView,
  ReactionUpdate,
  ThreadReadView,
  ThreadView,
  ThreadWithFirstPost,
} from './threads';

/** Every server-to-client realtime payload. `id` grows in commit order within `room`. */
export interface EventEnvelope<T = unknown, K extends string = string> {
  id: string;
  type: K;
  room: string;
  at: string;
  data: T;
}

export const ROOM_KINDS = [
  'member',
  'space',
  'thread',
  'doc',
  'lab',
  'lab_group',
  'twinning',
  /** `programme:<id>`: every member; `indicators.changed` hints to refetch the programme's indicators. */
  'programme',
  /** `practice:<id>`: who may read the practice (published: every member; a proposal: its administration, admins). */
  'practice',
  'session',
  /** `attendance:<sessionId>`: the register's changes, for the lab's tutors and admins. */
  'attendance',
  /** `tutoring_slot:<slotId>`: the slot's changes and its meeting room, for its tutor, its bookers and admins. */
  'tutoring_slot',
  /** Every member: new and changed tutoring slots open to all (a lab's slots go to `lab:<id>`). */
  'tutoring',
  'moderation',
  /** `moderation_space:<spaceId>`: flag.created / flag.resolved for that space's moderators. */
  'moderation_space',
  'admin',
] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** Rooms named `<kind>:<id>` (every kind but the bare rooms). */
export type IdRoomKind = Exclude<RoomKind, BareRoom>;

/** The one way to name a room, on the server and in the web app: `roomName('lab', id)` → `lab:<id>`. */
export function roomName(kind: IdRoomKind, id: string): string {
  return `${kind}:${id}`;
}

/** The data carried by each server-to-client event type; the web app and tests import it. */
export interface ServerEventMap {
  'member.updated': MemberView;
  'access_request.created': AccessRequestView;
  'access_request.decided': AccessRequestView;
  'organization.created': OrganizationView;
  'organization.updated': OrganizationView;
  'notification.created': NotificationView;
  /** Sent to the member's other tabs so their unread counts agree. */
  'notification.read': NotificationsRead;
  /** To the owner's room (e.g. `member:<id>`, `space:<id>`). */
  'document.created': DocumentView;
  /** Title or tags changed: to `doc:<id>` and the owner's room. */
  'document.updated': DocumentView;
  /** Spaces: to `space:<id>`. */
  'space.created': SpaceView;
  'space.updated': SpaceView;
  'space.member_added': SpaceMemberView;
  'space.member_removed': SpaceMemberView;
  /** Threads: to `space:<id>` (thread.created) or to both `thread:<id>` and `space:<id>`. */
  'thread.created': ThreadWithFirstPost;
  'thread.updated': ThreadView;
  'thread.pinned': ThreadView;
  'thread.locked': ThreadView;
  /** Posts: to `thread:<id>`; `data` is the post as any reader sees it (hidden: no body). */
  'post.created': PostView;
  'post.updated': PostView;
  'post.deleted': PostView;
  'post.hidden': PostView;
  'post.restored': PostView;
  'reaction.updated': ReactionUpdate;
  /** To the member's own room, so their other tabs update unread counts. */
  'thread.read': ThreadReadView;
  /** To `moderation` and to `moderation_space:<spaceId>`. */
  'flag.created': FlagView;
  /** Document versions and comments: to `doc:<id>`. */
  'document.version_created': DocumentVersionView;
  'comment.created': DocumentCommentView;
  'comment.updated': DocumentCommentView;
  'comment.resolved': DocumentCommentView;
  'comment.deleted': DocumentCommentDeleted;
  /** Document attachments: to `doc:<id>`. */
  'attachment.added': DocumentAttachmentView;
  'attachment.removed': DocumentAttachmentRemoved;
  /** Moderation: a post's open flags resolved (hidden, restored, dismissed), to `moderation` and `moderation_space:<spaceId>`. */
  'flag.resolved': FlagResolvedEvent;
  /** To `thread:<id>` and both spaces' rooms. */
  'thread.moved': ThreadMovedEvent;
  /** To both threads' rooms and both spaces' rooms. */
  'thread.merged': ThreadMergedEvent;
  /** Labs: to `lab:<id>` and to the member's own `member:<id>` room. */
  'lab.participant_added': LabParticipantView;
  'lab.participant_removed': LabParticipantView;
  /** Enrolment: to `lab:<id>` (the tutors' live list of applications). */
  'lab_application.created': LabApplicationView;
  'lab_application.decided': LabApplicationView;
  /** A deliverable was created, submitted or reviewed: to `lab:<labId>` and `lab_group:<groupId>`. */
  'deliverable.status_changed': DeliverableView;
  /** A lab's fields or status changed: to `lab:<id>` (`myRole` is null: the view is the same for everyone). */
  'lab.updated': LabView;
  /** Sessions: a new one to `lab:<labId>`. */
  'session.created': LabSessionView;
  /** Any change (time, place, mode, agenda, status — cancelled included): to `lab:<labId>` and `session:<id>`. */
  'session.updated': LabSessionView;
  /** Live room, to `session:<id>`: the step the tutor pushed. */
  'session.agenda_step': AgendaStepEvent;
  /** Live room, to `session:<id>`: the countdown set (or cleared: `endsAt` null). */
  'session.timer': TimerEvent;
  /** Live room chat, to `session:<id>`. */
  'session.message': SessionMessageView;
  /** Polls, to `session:<id>`: counts only, never who voted what. */
  'poll.created': PollView;
  'poll.updated': PollView;
  /** The register changed (a stay began or ended, a check-in, the tutor's hand, confirmation). */
  'attendance.updated': AttendanceUpdatedEvent;
  /** Tutoring: a new slot, to `tutoring` (open to all) or `lab:<labId>`, and `member:<tutorId>`. */
  'tutoring.slot_created': TutoringSlotView;
  /** Edited, cancelled, or its `bookedCount` changed: to `tutoring_slot:<id>` and `tutoring` or `lab:<labId>`. */
  'tutoring.slot_updated': TutoringSlotView;
  /** To `member:<tutorId>` and `member:<bookerId>` only (the topic is private). */
  'tutoring.booking_created': TutoringBookingView;
  'tutoring.booking_cancelled': TutoringBookingView;
  /** The slot's meeting room chat, to `tutoring_slot:<id>`. */
  'tutoring.message': TutoringMessageView;
  /** Practices, to `practice:<id>`: edited, or its status changed (the review note only in REST). */
  'practice.updated': PracticeView;
  'practice.status_changed': PracticeView;
  /** Twinnings, to `twinning:<id>`: a status change (the asker-specific view stays in REST). */
  'twinning.status_changed': TwinningStatusChangedEvent;
  /** To `twinning:<id>`: its dates, budget or outcomes were edited. */
  'twinning.updated': TwinningUpdatedEvent;
  /** To `programme:<id>`: the computed indicators changed (refetch them). */
  'indicators.changed': IndicatorsChangedEvent;
}
export type ServerEventType = keyof ServerEventMap;

export type RealtimeErrorCode = 'forbidden' | 'not_found' | 'invalid' | 'unauthorized' | 'rate_limited';

/** `subscribe` calls a member may make per minute over all their connections (a reconnect re-subscribes every room). */
export const SUBSCRIBES_PER_MINUTE = 600;

/** Events one connection may send per second (all kinds); past it, acknowledged ones answer `rate_limited`. */
export const SOCKET_EVENTS_PER_SECOND = 100;

export type SubscribeAck = { ok: true } | { ok: false; error: { code: RealtimeErrorCode; message: string } };

export const CLIENT_EVENTS = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  renew: 'auth:renew',
} as const;

/**
 * `auth:renew` `{ token }`: a fresh access token of the same member for this connection. A socket
 * lives only as long as its token: without a renewal the server closes the connection when the token
 * expires (the client reconnects with a fresh one), and a logout closes the sockets of that sign-in.
 */
export interface RenewRequest {
  token: string;
}
export type RenewAck =
  { ok: true; expiresAt: string } | { ok: false; error: { code: 'unauthorized'; message: string } };

/** Rooms without an id part. Every other room is `<kind>:<id>`. */
export const BARE_ROOMS = ['moderation', 'admin', 'tutoring'] as const;
export type BareRoom = (typeof BARE_ROOMS)[number];

/** Body of `subscribe` and `unsubscribe`. */
export interface RoomRequest {
  room: string;
}

export type UnsubscribeAck = SubscribeAck;

/** An envelope whose `type` and `data` agree, as the server sends it for event type `K`. */
export type ServerEnvelope<K extends ServerEventType = ServerEventType> = EventEnvelope<ServerEventMap[K], K>;

/** socket.io typing, server to client: the event name is the envelope's `type`. */
export type ServerToClientEvents = { [K in ServerEventType]: (envelope: ServerEnvelope<K>) => void };

/** socket.io typing, client to server (acknowledged). */
export interface ClientToServerEvents {
  subscribe: (request: RoomRequest, ack: (answer: SubscribeAck) => void) => void;
  unsubscribe: (request: RoomRequest, ack: (answer: UnsubscribeAck) => void) => void;
  'auth:renew': (request: RenewRequest, ack: (answer: RenewAck) => void) => void;
}

/** `GET /api/v1/events?room=&after=&limit=`: the room's events after `after`, oldest first. */
export interface CatchUpResult {
  items: EventEnvelope[];
}

/** Ceiling and default of `limit` on `GET /api/v1/events`. */
export const CATCH_UP_MAX_LIMIT = 1000;
export const CATCH_UP_DEFAULT_LIMIT = 500;
