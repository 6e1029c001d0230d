import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { SNIPPET_START, SNIPPET_STOP } from '../../common/markdown/post-renderer';

export interface SearchQuery {
  q: string;
  /** Only posts of these spaces (those the searcher may read). */
  spaceIds: string[];
  authorId?: string;
  tag?: string;
  from?: Date;
  to?: Date;
  limit: number;
  after?: { rank: number; id: string };
}

export interface SearchHitRecord {
  postId: string;
  threadId: string;
  rank: number;
  headline: string;
}

/** Matches are marked with private-use characters, which post text never contains (PostRenderer). */
const HEADLINE_OPTIONS =
  `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}, MaxWords=35, MinWords=12, ShortWord=2, ` +
  `MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Full-text search on posts (the first post also carries its thread's title), with the
 * `convergo_italian` configuration: Italian stemming, accents ignored.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  async search(query: SearchQuery): Promise<SearchHitRecord[]> {
    if (query.spaceIds.length === 0) return [];
    const params: unknown[] = [query.q, query.spaceIds];
    const where = [
      'p.search_vector @@ q.query',
      'p.deleted_at IS NULL',
      'p.hidden_at IS NULL',
      't.space_id = ANY($2::uuid[])',
    ];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (query.authorId) add((n) => `p.author_id = $${n}::uuid`, query.authorId);
    if (query.tag) add((n) => `t.tags @> ARRAY[$${n}::text]`, query.tag);
    if (query.from) add((n) => `p.created_at >= $${n}::timestamptz`, query.from);
    if (query.to) add((n) => `p.created_at <= $${n}::timestamptz`, query.to);
    const rank = 'ts_rank(p.search_vector, q.query)::float8';
    if (query.after) {
      params.push(query.after.rank, query.after.id);
      const n = params.length;
      where.push(`(${rank} < $${n - 1}::float8 OR (${rank} = $${n - 1}::float8 AND p.id < $${n}::uuid))`);
    }
    params.push(query.limit, HEADLINE_OPTIONS);
    const n = params.length;
    return this.db.tx.query<SearchHitRecord[]>(
      `WITH q AS (SELECT websearch_to_tsquery('public.convergo_italian', $1) AS query),
            hits AS (
              SELECT p.id AS post_id, p.thread_id, ${rank} AS rank, p.body_text
                FROM q, posts p JOIN threads t ON t.id = p.thread_id
               WHERE ${where.join(' AND ')}
               ORDER BY rank DESC, p.id DESC
               LIMIT $${n - 1})
       SELECT h.post_id AS "postId", h.thread_id AS "threadId", h.rank,
              ts_headline('public.convergo_italian', h.body_text, q.query, $${n}) AS headline
         FROM hits h, q
        ORDER BY h.rank DESC, h.post_id DESC`,
      params,
    );
  }
}
