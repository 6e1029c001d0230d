import { Injectable } from '@nestjs/common';
import type { SearchHit, SearchPage } from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import type { AuthMember } from '../auth/auth-member';
import { SpacesService } from '../spaces/spaces.service';
import type { SearchQueryDto } from './dto/search-query.dto';
import { snippetHtml } from '../../common/markdown/post-renderer';
import { PostViews } from './post-views';
import { PostsRepository } from './posts.repository';
import { SearchRepository } from './search.repository';
import { PUBLIC_VIEWER, toThreadView } from './threads.mapper';
import { ThreadsRepository } from './threads.repository';

/** Full-text search in Italian over the posts of the spaces the searcher may read. */
@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly spaces: SpacesService,
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly views: PostViews,
  ) {}

  async find(actor: AuthMember, query: SearchQueryDto): Promise<SearchPage> {
    const readable = await this.spaces.readableSpaceIds(actor);
    const spaceIds = query.space ? readable.filter((id) => id === query.space) : readable;
    const after = query.cursor ? decodeKeyset(query.cursor, ['number', 'uuid']) : undefined;
    const rows = await this.search.search({
      q: query.q,
      spaceIds,
      authorId: query.author,
      tag: query.tag,
      from: query.from,
      to: query.to,
      limit: query.limit + 1,
      after: after ? { rank: after[0], id: after[1] } : undefined,
    });
    const page = rows.slice(0, query.limit);
    const [threadRows, postRows] = await Promise.all([
      this.threads.findByIds([...new Set(page.map((row) => row.threadId))], actor.id),
      this.posts.findByIds(page.map((row) => row.postId)),
    ]);
    // Hits never include hidden posts, so the searcher sees them as any reader does.
    const postViews = await this.views.build(postRows, { ...PUBLIC_VIEWER, id: actor.id });
    const items: SearchHit[] = page.flatMap((row) => {
      const thread = threadRows.find((t) => t.id === row.threadId);
      const post = postViews.find((p) => p.id === row.postId);
      if (!thread || !post) return [];
      return [{ thread: toThreadView(thread, null), post, snippet: snippetHtml(row.headline) }];
    });
    const last = page.at(-1);
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.rank, last.postId]) : null,
    };
  }
}
