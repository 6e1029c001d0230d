import { Injectable } from '@nestjs/common';
import type { MemberRef, PostView } from '@convergo/contracts';
import { PostRenderer, type RenderedPost } from '../../common/markdown/post-renderer';
import { PostsRepository, type PostRecord, type PostWithReactions } from './posts.repository';
import { toPostView, type Viewer } from './threads.mapper';
import { ThreadsException } from './threads.exception';

/** Builds post views in batches (reactions and mentions in one query each) and renders Markdown. */
@Injectable()
export class PostViews {
  private readonly renderer = new PostRenderer();

  constructor(private readonly posts: PostsRepository) {}

  async build(rows: readonly PostRecord[], viewer: Viewer): Promise<PostView[]> {
    const [reactions, mentions] = await Promise.all([
      this.posts.findReactions(
        rows.map((row) => row.id),
        viewer.id,
      ),
      this.mentionsOf(rows),
    ]);
    return rows.map((row) =>
      toPostView(
        row,
        reactions.filter((r) => r.postId === row.id),
        mentions,
        viewer,
      ),
    );
  }

  /** Views of rows that carry their reactions already (a page read in one statement). */
  async assemble(rows: readonly PostWithReactions[], viewer: Viewer): Promise<PostView[]> {
    const mentions = await this.mentionsOf(rows);
    return rows.map((row) => toPostView(row, row.reactions, mentions, viewer));
  }

  private mentionsOf(rows: readonly PostRecord[]): Promise<Map<string, MemberRef>> {
    return this.posts.findMemberRefs([...new Set(rows.flatMap((row) => row.mentionIds))]);
  }

  /** The stored post, as `viewer` sees it. */
  async load(id: string, viewer: Viewer): Promise<PostView> {
    const row = await this.posts.findById(id);
    if (!row) throw ThreadsException.postNotFound();
    const [view] = await this.build([row], viewer);
    return view;
  }

  /** Markdown to sanitised HTML and plain text, mentions resolved to active members. */
  async render(markdown: string): Promise<RenderedPost> {
    const parsed = this.renderer.parse(markdown);
    const refs = await this.posts.findMemberRefs(parsed.mentionIds);
    return parsed.render(new Map([...refs].map(([id, ref]) => [id, ref.displayName])));
  }
}
