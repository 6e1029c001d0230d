import { Injectable } from '@nestjs/common';
import { DESK_BLOCK_ITEMS, roomName, type DeskBlocks, type DeskView } from '@convergo/contracts';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { DeliverablesService } from '../deliverables/deliverables.service';
import { EnrolmentService } from '../enrolment/enrolment.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { LabsService } from '../labs/labs.service';
import { AccessRequestsService } from '../members/access-requests.service';
import { MODERATION_QUEUE } from '../moderation/moderation.policy';
import { ModerationService } from '../moderation/moderation.service';
import { SessionsService } from '../sessions/sessions.service';
import { ThreadsService } from '../threads/threads.service';
import { CoachingService } from '../tutoring/coaching/coaching.service';
import { TutoringService } from '../tutoring/tutoring.service';
import { deskSectionsOf } from './desk.policy';

/** The access requests' subject: who may decide them runs the programme's admin queue. */
const ACCESS_REQUEST_SUBJECT = 'AccessRequest';

/**
 * The member's desk: the home page's blocks, each asked of the capability that owns it (one
 * query or a fixed few per block). A block the member may not see is not computed at all.
 */
@Injectable()
export class DeskService {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly deliverables: DeliverablesService,
    private readonly threads: ThreadsService,
    private readonly tutoring: TutoringService,
    private readonly coaching: CoachingService,
    private readonly moderation: ModerationService,
    private readonly accessRequests: AccessRequestsService,
    private readonly enrolment: EnrolmentService,
    private readonly indicators: IndicatorsService,
  ) {}

  // One block after another: inside the embedded database they would share one connection anyway.
  async desk(member: AuthMember): Promise<DeskView> {
    const ability = this.abilities.for(member);
    const sections = deskSectionsOf(member);
    const limit = DESK_BLOCK_ITEMS;
    const blocks: DeskBlocks = {};
    const rooms = [roomName('member', member.id)];

    if (sections.official || sections.tutor) {
      // Sessions, deliverables and applications are announced in the labs' rooms.
      for (const labId of await this.labs.labIdsOf(member.id)) rooms.push(roomName('lab', labId));
    }
    if (sections.official) {
      blocks.nextSessions = await this.sessions.deskSessions(member, 'next', limit);
      blocks.labs = await this.labs.deskLabs(member, limit);
      blocks.deliverablesDue = await this.deliverables.desk(member, 'due', limit);
      blocks.unreadThreads = await this.threads.unreadWatched(member, limit);
      blocks.bookings = await this.tutoring.deskBookings(member, 'booker', limit);
    }
    if (sections.tutor) {
      blocks.todaySessions = await this.sessions.deskSessions(member, 'tutoring_today', limit);
      blocks.reviews = await this.deliverables.desk(member, 'review', limit);
      blocks.weekBookings = await this.tutoring.deskBookings(member, 'tutor', limit);
      blocks.coaching = await this.coaching.deskUnread(member, limit);
    }
    if (ability.can('read', MODERATION_QUEUE)) {
      blocks.flags = await this.moderation.deskFlags(member, limit);
      rooms.push('moderation');
    }
    if (ability.can('approve', ACCESS_REQUEST_SUBJECT)) {
      blocks.accessRequests = await this.accessRequests.deskPending(limit);
      blocks.applications = await this.enrolment.deskPending(limit);
      const headline = await this.indicators.deskHeadline();
      blocks.indicators = headline.block;
      rooms.push('admin');
      if (headline.programmeId) rooms.push(roomName('programme', headline.programmeId));
    }
    return { role: member.role, blocks, rooms };
  }
}
