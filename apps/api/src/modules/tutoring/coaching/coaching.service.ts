import { Injectable } from '@nestjs/common';
import type { CoachingThreadView, Page } from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../../common/cursor';
import { isUniqueViolation } from '../../../database/postgres-errors';
import { Transactional } from '../../../database/transactional';
import { AbilityFactory } from '../../auth/ability.factory';
import type { AuthMember } from '../../auth/auth-member';
import { LabsService } from '../../labs/labs.service';
import type { CoachingRole } from '../../spaces/spaces.policy';
import { SpacesService } from '../../spaces/spaces.service';
import { ThreadsService } from '../../threads/threads.service';
import { CoachingException } from './coaching.exception';
import { coachingSubject } from './coaching.policy';
import type { CoachingThreadsQueryDto } from './dto/coaching-query.dto';

interface CoachedGroup {
  id: string;
  labId: string;
  name: string;
  labTitle: string;
}

/**
 * Private coaching threads between a lab's tutors and one working group. Each is the one thread
 * of the group's coaching space (spaces module, visibility `coaching`), so posts, Markdown,
 * mentions, live events, unread markers and notifications are the community's own; the group's
 * members and the lab's tutors follow it, so every post reaches the others.
 */
@Injectable()
export class CoachingService {
  constructor(
    private readonly labs: LabsService,
    private readonly spaces: SpacesService,
    private readonly threads: ThreadsService,
    private readonly abilities: AbilityFactory,
  ) {}

  /** The group's coaching thread, opened on first use (by whoever asks first). */
  async threadOfGroup(actor: AuthMember, groupId: string): Promise<CoachingThreadView> {
    const group = await this.readableGroup(actor, groupId);
    let threadId = await this.existingThread(group.id);
    if (!threadId) {
      try {
        threadId = await this.open(actor, group);
      } catch (error) {
        // Two first requests at once: the other one created the space (and its thread) first.
        if (!isUniqueViolation(error)) throw error;
        threadId = await this.existingThread(group.id);
        if (!threadId) throw error;
      }
    }
    // Members who joined the group since are followers too (a mute stays a mute).
    await this.threads.watchUnlessSet(threadId, await this.audienceOf(group));
    return this.view(actor, group, threadId);
  }

  /** The asker's coaching threads (their groups', and every group's of the labs they tutor), latest activity first. */
  async list(actor: AuthMember, query: CoachingThreadsQueryDto): Promise<Page<CoachingThreadView>> {
    const labId = query.labId?.toLowerCase();
    const views: CoachingThreadView[] = [];
    for (const groupId of await this.labs.coachedGroupIdsOf(actor.id)) {
      const group = await this.coachedGroup(groupId);
      if (!group || (labId && group.labId !== labId)) continue;
      const threadId = await this.existingThread(group.id);
      if (threadId) views.push(await this.view(actor, group, threadId));
    }
    const key = (v: CoachingThreadView) => `${v.lastActivityAt ?? ''}|${v.threadId}`;
    views.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid'] as const) : undefined;
    const start = after ? views.findIndex((v) => key(v) < `${after[0]}|${after[1]}`) : 0;
    const page = start < 0 ? [] : views.slice(start, start + query.limit);
    const last = page.at(-1);
    const more = start >= 0 && views.length > start + query.limit;
    return {
      items: page,
      nextCursor: more && last ? encodeCursor([last.lastActivityAt ?? '', last.threadId]) : null,
    };
  }

  @Transactional()
  private async open(actor: AuthMember, group: CoachedGroup): Promise<string> {
    const spaceId = await this.spaces.ensureCoachingSpace(group);
    const existing = await this.threads.firstThreadId(spaceId);
    if (existing) return existing;
    const thread = await this.threads.create(
      actor,
      spaceId,
      {
        title: `Coaching – ${group.name}`.slice(0, 200),
        body:
          `Thread di coaching tra i tutor del laboratorio «${group.labTitle}» e il gruppo «${group.name}». ` +
          'Scrivete qui domande, bozze e dubbi sui prodotti: lo leggono solo il gruppo, i tutor del laboratorio e ' +
          "l'amministrazione della piattaforma.",
      },
      // Viewing a group on the lab page opens its thread: that is not the viewer writing.
      { budget: false },
    );
    return thread.id;
  }

  private async existingThread(groupId: string): Promise<string | undefined> {
    const spaceId = await this.spaces.coachingSpaceIdOf(groupId);
    return spaceId ? this.threads.firstThreadId(spaceId) : undefined;
  }

  private async coachedGroup(groupId: string): Promise<CoachedGroup | undefined> {
    const group = await this.labs.groupOf(groupId);
    if (!group) return undefined;
    return { ...group, labTitle: (await this.labs.titleOf(group.labId)) ?? '' };
  }

  private async readableGroup(actor: AuthMember, groupId: string): Promise<CoachedGroup> {
    const group = await this.coachedGroup(groupId);
    if (!group) throw CoachingException.groupNotFound();
    const role: CoachingRole | null = (await this.labs.isGroupMember(actor.id, group.id))
      ? 'member'
      : (await this.labs.roleOf(actor.id, group.labId)) === 'tutor'
        ? 'tutor'
        : null;
    if (!this.abilities.for(actor).can('read', coachingSubject(role))) throw CoachingException.forbidden();
    return group;
  }

  private async audienceOf(group: CoachedGroup): Promise<string[]> {
    const [members, tutors] = await Promise.all([
      this.labs.groupMemberIdsOf(group.id),
      this.labs.tutorIdsOf(group.labId),
    ]);
    return [...new Set([...members, ...tutors])];
  }

  private async view(actor: AuthMember, group: CoachedGroup, threadId: string): Promise<CoachingThreadView> {
    const thread = await this.threads.get(actor, threadId);
    return {
      threadId,
      spaceId: thread.spaceId,
      lab: { id: group.labId, title: group.labTitle },
      group: { id: group.id, name: group.name },
      title: thread.title,
      postCount: thread.postCount,
      lastActivityAt: thread.lastActivityAt,
      unreadCount: thread.viewer?.unreadCount ?? 0,
      lastReadPostId: thread.viewer?.lastReadPostId ?? null,
    };
  }
}
