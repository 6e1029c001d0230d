import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);

    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('regione','provincia','citta_metropolitana','comune',
          'amministrazione_centrale','universita','ente_pubblico','agenzia')),
        region text,
        province_code text,
        province_name text,
        istat_code text UNIQUE,
        ipa_code text,
        convergence boolean NOT NULL GENERATED ALWAYS AS (coalesce(region IN ('Calabria', 'Campania', 'Puglia', 'Sicilia'), false)) STORED,
        search_name text NOT NULL,
        website text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX organizations_search_name_trgm ON organizations USING gin (search_name gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX organizations_name_id ON organizations (name, id)`);
    await q.query(`CREATE INDEX organizations_region ON organizations (region)`);
    await q.query(`CREATE INDEX organizations_kind ON organizations (kind)`);

    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('member','tutor','moderator','admin')),
        organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
        is_referent boolean NOT NULL DEFAULT false,
        job_title text,
        interests text[] NOT NULL DEFAULT '{}',
        bio text,
        locale text NOT NULL DEFAULT 'it',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX members_organization ON members (organization_id)`);
    await q.query(`CREATE INDEX members_display_name_id ON members (display_name, id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_member ON refresh_tokens (member_id)`);

    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('member','tutor','moderator','admin')),
        token_hash text NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invitations_email ON invitations (email)`);

    await q.query(`
      CREATE TABLE access_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        job_title text,
        motivation text,
        password_hash text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
        decided_by uuid REFERENCES members(id) ON DELETE SET NULL,
        decided_at timestamptz,
        decision_note text,
        member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX access_requests_pending_email ON access_requests (email) WHERE status = 'pending'`,
    );

    await q.query(`
      CREATE TABLE event_rooms (
        room text PRIMARY KEY,
        last_seq bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE events (
        room text NOT NULL,
        seq bigint NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (room, seq)
      )`);

    await q.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        description text,
        operational_programme text,
        fund text,
        beneficiary text,
        total_budget numeric(14,2),
        eu_cofinancing numeric(14,2),
        start_date date,
        end_date date,
        themes text[] NOT NULL DEFAULT '{}',
        partners text[] NOT NULL DEFAULT '{}',
        indicators jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'programmes',
      'events',
      'event_rooms',
      'access_requests',
      'invitations',
      'refresh_tokens',
      'members',
      'organizations',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
