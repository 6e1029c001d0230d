import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import type { AuthMember } from '../auth/auth-member';
import { SpacesService } from '../spaces/spaces.service';
import {
  DEMO_COMMUNITY_HANDLES,
  DEMO_THREADS,
  demoPostDates,
  type DemoHandle,
  type DemoThread,
} from '../threads/threads.demo-data';
import { PostsService } from '../threads/posts.service';
import { ThreadsService } from '../threads/threads.service';

/** A demo account as the loaders act with it, and the name its mentions show. */
export type DemoMember = AuthMember & { displayName: string };
export type DemoMembers = ReadonlyMap<DemoHandle, DemoMember>;

/**
 * The demo community's conversations, written through the threads capability as members would
 * write them, so mentions, replies and flags raise their real notifications and moderation
 * queue entries, then dated over the past days (threads.demo-data.ts, demoPostDates). A thread
 * (with its replies, reactions and flag) is loaded in one transaction, once: it is found again
 * by its title in its space.
 */
@Injectable()
export class CommunityDemoService {
  private readonly logger = new Logger(CommunityDemoService.name);

  constructor(
    private readonly spaces: SpacesService,
    private readonly threads: ThreadsService,
    private readonly posts: PostsService,
  ) {}

  async load(members: DemoMembers): Promise<void> {
    const missing = Object.keys(DEMO_COMMUNITY_HANDLES).filter((h) => !members.has(h as DemoHandle));
    if (missing.length > 0) {
      this.logger.warn(`demo community: accounts ${missing.join(', ')} are missing or changed; skipped`);
      return;
    }
    const now = new Date();
    for (const [index, thread] of DEMO_THREADS.entries()) {
      const spaceId = await this.spaces.idByName(thread.space);
      if (!spaceId) {
        this.logger.warn(`demo community: no space "${thread.space}"`);
        continue;
      }
      if (await this.threads.findIdByTitle(spaceId, thread.title)) continue;
      await this.loadThread(spaceId, thread, members, demoPostDates(thread, index, now));
    }
  }

  @Transactional()
  private async loadThread(
    spaceId: string,
    demo: DemoThread,
    members: DemoMembers,
    dates: readonly Date[],
  ): Promise<void> {
    const member = (handle: DemoHandle) => members.get(handle)!;
    const body = (text: string) =>
      text.replace(/@\{(\w+)\}/g, (_, handle: DemoHandle) => {
        const mentioned = member(handle);
        return `[@${mentioned.displayName}](member:${mentioned.id})`;
      });
    const created = await this.threads.create(
      member(demo.by),
      spaceId,
      { title: demo.title, body: body(demo.body), tags: demo.tags },
      { budget: false },
    );
    const postIds = [created.firstPost.id];
    for (const reply of demo.replies) {
      const post = await this.posts.create(
        member(reply.by),
        created.id,
        {
          body: body(reply.body),
          ...(reply.replyTo !== undefined ? { replyToId: postIds[reply.replyTo] } : {}),
        },
        { budget: false },
      );
      postIds.push(post.id);
    }
    for (const reaction of demo.reactions) {
      for (const handle of reaction.by)
        await this.posts.react(member(handle), postIds[reaction.post], reaction.emoji);
    }
    if (demo.flag) await this.posts.flag(member(demo.flag.by), postIds[demo.flag.post], demo.flag.reason);
    // Written now, through the real paths; dated as the conversation of the past days it stands for.
    await this.threads.dateConversation(created.id, dates);
  }
}
