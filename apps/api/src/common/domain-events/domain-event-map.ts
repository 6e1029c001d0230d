import type { FlagView } from '@convergo/contracts';

/** A moderator action done through the threads endpoints (hide, pin, lock…), for the moderation log. */
export interface ThreadsModeratedEvent {
  action: 'hide' | 'restore' | 'pin' | 'unpin' | 'lock' | 'unlock';
  moderatorId: string;
  targetType: 'post' | 'thread';
  targetId: string;
  /** The post's or thread's author. */
  memberId: string | null;
  spaceId: string;
  reason: string | null;
}

export interface LabParticipantRemovedEvent {
  labId: string;
  memberId: string;
}

/**
 * Every domain event between modules: its name and payload. A listener is an
 * `@OnEvent(DOMAIN_EVENT_NAME)` method; search the name to find who emits and who reacts.
 */
export interface DomainEventMap {
  /** A member flagged a post; emitted inside the flag's transaction. */
  'threads.flag_created': FlagView;
  /** A moderator acted through the threads endpoints; emitted inside that transaction. */
  'threads.moderated': ThreadsModeratedEvent;
  /** A member lost their role in a lab; emitted after commit (rooms are re-checked). */
  'labs.participant_removed': LabParticipantRemovedEvent;
}

export type DomainEventName = keyof DomainEventMap;
