import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community threads: spaces (with scoped membership and moderators), threads, posts with their
 * revisions, reactions, flags, read markers, subscriptions and suspensions.
 *
 * Full-text search uses `convergo_italian`: PostgreSQL's `italian` configuration with the
 * `unaccent` dictionary in front of the Italian stemmer. Folding accents inside the
 * configuration (rather than calling unaccent() on the text) keeps ts_headline() able to find
 * and mark the matches in the original, accented text.
 */
export class SpacesThreads1764000300000 implements MigrationInterface {
  name = 'SpacesThreads1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE TEXT SEARCH CONFIGURATION public.convergo_italian (COPY = pg_catalog.italian)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION public.convergo_italian
         ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.italian_stem`,
    );

    await q.query(`
      CREATE TABLE spaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        description text NOT NULL DEFAULT '',
        visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public','private')),
        lab_id uuid,
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX spaces_name_unique ON spaces (lower(name))`);
    await q.query(`CREATE INDEX spaces_name_id ON spaces (name, id)`);

    await q.query(`
      CREATE TABLE space_members (
        space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('member','moderator')),
        added_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (space_id, member_id)
      )`);
    await q.query(`CREATE INDEX space_members_member ON space_members (member_id)`);

    await q.query(`
      CREATE TABLE space_subscriptions (
        space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (space_id, member_id)
      )`);

    await q.query(`
      CREATE TABLE threads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
        author_id uuid REFERENCES members(id) ON DELETE SET NULL,
        title text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        pinned boolean NOT NULL DEFAULT false,
        pinned_at timestamptz,
        pinned_by uuid REFERENCES members(id) ON DELETE SET NULL,
        locked_at timestamptz,
        locked_by uuid REFERENCES members(id) ON DELETE SET NULL,
        last_number integer NOT NULL DEFAULT 0,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX threads_space_order ON threads (space_id, pinned DESC, last_activity_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX threads_tags ON threads USING gin (tags)`);
    await q.query(`CREATE INDEX threads_author ON threads (author_id)`);

    await q.query(`
      CREATE TABLE posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        number integer NOT NULL,
        author_id uuid REFERENCES members(id) ON DELETE SET NULL,
        body text NOT NULL,
        body_html text NOT NULL,
        body_text text NOT NULL,
        search_title text,
        reply_to_id uuid REFERENCES posts(id) ON DELETE SET NULL,
        mention_ids uuid[] NOT NULL DEFAULT '{}',
        edit_count integer NOT NULL DEFAULT 0,
        edited_at timestamptz,
        deleted_at timestamptz,
        deleted_by uuid REFERENCES members(id) ON DELETE SET NULL,
        hidden_at timestamptz,
        hidden_by uuid REFERENCES members(id) ON DELETE SET NULL,
        hidden_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('public.convergo_italian'::regconfig, coalesce(search_title, '')), 'A') ||
          setweight(to_tsvector('public.convergo_italian'::regconfig, body_text), 'B')
        ) STORED,
        UNIQUE (thread_id, number)
      )`);
    await q.query(`CREATE INDEX posts_search ON posts USING gin (search_vector)`);
    await q.query(`CREATE INDEX posts_author ON posts (author_id, created_at)`);
    await q.query(`CREATE INDEX posts_reply_to ON posts (reply_to_id) WHERE reply_to_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE post_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        body text NOT NULL,
        edited_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (post_id, revision)
      )`);

    await q.query(`
      CREATE TABLE post_reactions (
        post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        emoji text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, member_id, emoji)
      )`);

    await q.query(`
      CREATE TABLE post_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        reason text NOT NULL,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES members(id) ON DELETE SET NULL,
        resolution text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX post_flags_open_once ON post_flags (post_id, member_id) WHERE resolved_at IS NULL`,
    );
    await q.query(`CREATE INDEX post_flags_open ON post_flags (created_at) WHERE resolved_at IS NULL`);

    await q.query(`
      CREATE TABLE thread_reads (
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        last_read_number integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (thread_id, member_id)
      )`);

    await q.query(`
      CREATE TABLE thread_subscriptions (
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        level text NOT NULL CHECK (level IN ('watching','muted')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (thread_id, member_id)
      )`);

    await q.query(`
      CREATE TABLE member_suspensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL DEFAULT now(),
        ends_at timestamptz,
        reason text NOT NULL,
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        lifted_at timestamptz,
        lifted_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX member_suspensions_member ON member_suspensions (member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'member_suspensions',
      'thread_subscriptions',
      'thread_reads',
      'post_flags',
      'post_reactions',
      'post_revisions',
      'posts',
      'threads',
      'space_subscriptions',
      'space_members',
      'spaces',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS public.convergo_italian`);
  }
}
