import { Injectable } from '@nestjs/common';
import type { CoachingThreadView, DeskBlock, Page } from '@convergo/contracts';
import { toDeskBlock } from '../../../common/desk/desk-block';
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

/** The title a group's coaching thread is opened with. */
const coachingTitle = (group: { name: string }) => `Coaching – ${group.name}`.slice(0, 200);

/**
 * Where an item of the coaching list sits: `sort` orders it as text (opened threads first, the
 * most recent activity first — its distance to a far date, zero-padded —; then the unopened ones
 * in the order their groups were read: lab title, group name), the group's id breaks ties.
 */
interface ListKey {
  sort: string;
  groupId: string;
}

const FAR_FUTURE_MS = Date.UTC(9999, 0, 1);

function listKey(view: CoachingThreadView, position: number): ListKey {
  const sort = view.lastActivityAt
    ? `0|${String(FAR_FUTURE_MS - Date.parse(view.lastActivityAt)).padStart(16, '0')}`
    : `1|${String(position).padStart(8, '0')}`;
  return { sort, groupId: view.group.id };
}

function compareKeys(a: ListKey, b: ListKey): number {
  if (a.sort !== b.sort) return a.sort < b.sort ? -1 : 1;
  return a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
}

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

  /**
   * The asker's coaching threads: one per group they coach or belong to (their groups, and every
   * group of the labs they tutor), opened or not yet (`threadId` null: GET
   * /lab-groups/:id/coaching-thread opens it); latest activity first, unopened ones last.
   * Three queries whatever the number of groups: the groups with their labs, their coaching
   * spaces, the first thread of each with the asker's unread markers.
   */
  async list(actor: AuthMember, query: CoachingThreadsQueryDto): Promise<Page<CoachingThreadView>> {
    const groups = await this.labs.coachedGroupsOf(actor.id, query.labId?.toLowerCase());
    const spaces = await this.spaces.coachingSpaceIdsOf(groups.map((group) => group.id));
    const threads = await this.threads.firstThreadSummaries(actor.id, [...spaces.values()]);
    const views = groups.map((group): CoachingThreadView => {
      const spaceId = spaces.get(group.id) ?? null;
      const thread = spaceId ? threads.get(spaceId) : undefined;
      return {
        threadId: thread?.id ?? null,
        spaceId,
        lab: { id: group.labId, title: group.labTitle },
        group: { id: group.id, name: group.name },
        title: thread?.title ?? coachingTitle(group),
        postCount: thread?.postCount ?? 0,
        lastActivityAt: thread?.lastActivityAt ?? null,
        unreadCount: thread?.unreadCount ?? 0,
        lastReadPostId: thread?.lastReadPostId ?? null,
      };
    });
    // Opened threads by latest activity, then the unopened ones as their labs and groups are named.
    const keyed = views.map((view, position) => ({ view, key: listKey(view, position) }));
    keyed.sort((a, b) => compareKeys(a.key, b.key));
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid'] as const) : undefined;
    const start = after
      ? keyed.findIndex(({ key }) => compareKeys(key, { sort: after[0], groupId: after[1] }) > 0)
      : 0;
    const page = start < 0 ? [] : keyed.slice(start, start + query.limit);
    const last = page.at(-1);
    const more = start >= 0 && keyed.length > start + query.limit;
    return {
      items: page.map(({ view }) => view),
      nextCursor: more && last ? encodeCursor([last.key.sort, last.key.groupId]) : null,
    };
  }

  /**
   * The desk's coaching threads with posts the member has not read, the latest activity first, in
   * the same three queries as the list (a thread nobody opened has nothing unread).
   */
  async deskUnread(actor: AuthMember, limit: number): Promise<DeskBlock> {
    const groups = await this.labs.coachedGroupsOf(actor.id);
    const spaces = await this.spaces.coachingSpaceIdsOf(groups.map((group) => group.id));
    const threads = await this.threads.firstThreadSummaries(actor.id, [...spaces.values()]);
    const unread = groups
      .map((group) => ({ group, thread: threads.get(spaces.get(group.id) ?? '') }))
      .filter(({ thread }) => thread && thread.unreadCount > 0)
      .sort((a, b) => b.thread!.lastActivityAt.localeCompare(a.thread!.lastActivityAt));
    return toDeskBlock(
      unread.slice(0, limit).map(({ group, thread }) => ({
        id: thread!.id,
        title: group.name,
        detail: group.labTitle,
        at: thread!.lastActivityAt,
        count: thread!.unreadCount,
        status: null,
        total: unread.length,
      })),
      '/tutoraggio/coaching',
      (row) => `/discussioni/${row.id}`,
    );
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
        title: coachingTitle(group),
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
