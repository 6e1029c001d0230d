import { Injectable } from '@nestjs/common';
import {
  POLL_LIMITS,
  roomName,
  type PollListView,
  type PollView,
  type SessionStatus,
} from '@convergo/contracts';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { Transactional } from '../../database/transactional';
import { AbilityFactory, type Action } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import { EventOutbox } from '../realtime/event-outbox';
import { SessionsService } from '../sessions/sessions.service';
import type { CreatePollDto } from './dto/create-poll.dto';
import type { VoteDto } from './dto/vote.dto';
import { PollsException } from './polls.exception';
import { toPollView } from './polls.mapper';
import { POLL_SUBJECT, POLL_VOTE_SUBJECT, pollSubject } from './polls.policy';
import { PollsRepository, type PollRecord } from './polls.repository';

/** Sessions whose polls no longer change: nobody asks or votes there. */
const CLOSED_SESSIONS: readonly SessionStatus[] = ['cancelled', 'ended'];

/** "  Sì " and "sì" are the same answer. */
const labelKey = (label: string): string => label.replace(/\s+/g, ' ').toLocaleLowerCase('it');

/**
 * Quick polls of a live session: the lab's tutors ask (`poll.created`), its participants vote
 * and re-vote (`poll.updated`), the tutor closes. Every view and event carries counts only; who
 * voted what stays in the database and is shown to nobody but the voter (their own `myVotes`).
 */
@Injectable()
export class PollsService {
  constructor(
    private readonly polls: PollsRepository,
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
    private readonly rateLimits: MemberRateLimits,
  ) {}

  // --- For other modules -------------------------------------------------------------------

  /**
   * The session's polls (newest first, counts only) and the member's own vote per poll id, for
   * the live room's join acknowledgement. The caller has already decided the member is in the room.
   */
  async forRoom(
    sessionId: string,
    memberId: string,
  ): Promise<{ polls: PollView[]; myVotes: Record<string, number> }> {
    const rows = await this.polls.findBySession(sessionId);
    const ids = rows.map((row) => row.id);
    const [counts, myVotes] = await Promise.all([
      this.polls.countVotes(ids),
      this.polls.findVotesOf(memberId, ids),
    ]);
    return { polls: rows.map((row) => toPollView(row, counts.get(row.id))), myVotes };
  }

  // --- REST ----------------------------------------------------------------------------------

  async list(actor: AuthMember, sessionId: string): Promise<PollListView> {
    const { labId } = await this.session(sessionId);
    await this.assert(actor, 'read', labId, POLL_SUBJECT, 'Only the lab’s people see its polls');
    const { polls, myVotes } = await this.forRoom(sessionId, actor.id);
    return { items: polls, myVotes };
  }

  /** Asks a question (the lab's tutors, admins) in a session that is not cancelled or ended. */
  @Transactional()
  async create(actor: AuthMember, sessionId: string, dto: CreatePollDto): Promise<PollView> {
    const { labId, status } = await this.session(sessionId);
    await this.assert(actor, 'create', labId, POLL_SUBJECT, 'Only the lab’s tutors ask polls');
    if (CLOSED_SESSIONS.includes(status)) throw PollsException.sessionClosed(status);
    const keys = dto.options.map(labelKey);
    if (new Set(keys).size !== keys.length) throw PollsException.duplicateOptions();
    await this.polls.lockSessionPolls(sessionId);
    if ((await this.polls.countBySession(sessionId)) >= POLL_LIMITS.perSession) {
      throw PollsException.tooMany(POLL_LIMITS.perSession);
    }
    const view = toPollView(await this.polls.insert(sessionId, dto.question, dto.options, actor.id));
    await this.outbox.record(roomName('session', sessionId), 'poll.created', view);
    return view;
  }

  /**
   * The member's vote (the lab's participants), replacing their previous one. The poll row is
   * locked until commit, so votes of one poll take turns: each `poll.updated` carries the counts
   * after its own vote, counted from the votes in the same transaction, and a vote never lands
   * on a poll that was just closed.
   */
  @Transactional()
  async vote(actor: AuthMember, pollId: string, dto: VoteDto): Promise<PollView> {
    await this.rateLimits.consume('poll_vote', actor.id, POLL_LIMITS.votesPerMinute);
    // Authorised before the lock is taken: an outsider never holds up the room's votes.
    const { labId, status } = await this.session((await this.poll(pollId)).sessionId);
    await this.assert(actor, 'create', labId, POLL_VOTE_SUBJECT, 'Only the lab’s participants vote');
    const poll = await this.poll(pollId, true);
    if (poll.status === 'closed') throw PollsException.closed();
    if (CLOSED_SESSIONS.includes(status)) throw PollsException.sessionClosed(status);
    if (dto.option >= poll.options.length) throw PollsException.optionOutOfRange(poll.options.length);
    await this.polls.upsertVote(poll.id, actor.id, dto.option);
    return this.announce(poll);
  }

  /** Closes the poll (the lab's tutors, admins): its counts become final. Closing a closed poll changes nothing. */
  @Transactional()
  async close(actor: AuthMember, pollId: string): Promise<PollView> {
    const { labId } = await this.session((await this.poll(pollId)).sessionId);
    await this.assert(actor, 'update', labId, POLL_SUBJECT, 'Only the lab’s tutors close polls');
    const poll = await this.poll(pollId, true);
    if (poll.status === 'closed') return this.view(poll);
    return this.announce(await this.polls.close(poll.id));
  }

  // --- Rules ---------------------------------------------------------------------------------

  private async announce(poll: PollRecord): Promise<PollView> {
    const view = await this.view(poll);
    await this.outbox.record(roomName('session', poll.sessionId), 'poll.updated', view);
    return view;
  }

  private async view(poll: PollRecord): Promise<PollView> {
    const counts = await this.polls.countVotes([poll.id]);
    return toPollView(poll, counts.get(poll.id));
  }

  private async poll(pollId: string, lock = false): Promise<PollRecord> {
    const poll = lock ? await this.polls.findForUpdate(pollId) : await this.polls.findById(pollId);
    if (!poll) throw PollsException.notFound();
    return poll;
  }

  private async session(sessionId: string): Promise<{ labId: string; status: SessionStatus }> {
    const session = await this.sessions.labAndStatus(sessionId);
    if (!session) throw PollsException.sessionNotFound();
    return session;
  }

  private async assert(
    actor: AuthMember,
    action: Action,
    labId: string,
    type: typeof POLL_SUBJECT | typeof POLL_VOTE_SUBJECT,
    detail: string,
  ): Promise<void> {
    const role = await this.labs.roleOf(actor.id, labId);
    if (!this.abilities.for(actor).can(action, pollSubject(role, type)))
      throw PollsException.forbidden(detail);
  }
}
