import type { MemberRole, PracticeView } from '@convergo/contracts';
import { hash } from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessTokenService } from '../../apps/api/src/modules/auth/access-token.service';
import type { TestApp } from './test-app';

export interface TestMember {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: MemberRole;
  organizationId: string | null;
  isReferent: boolean;
  accessToken: string;
}

export interface NewMemberOptions {
  role?: MemberRole;
  email?: string;
  password?: string;
  displayName?: string;
  organizationId?: string | null;
  isReferent?: boolean;
}

let counter = 0;

/** A member stored straight in the database, with a valid access token: arrange, not act. */
export async function newMember(t: TestApp, options: NewMemberOptions = {}): Promise<TestMember> {
  counter += 1;
  const role = options.role ?? 'member';
  const email = (
    options.email ?? `${role}.${counter}.${randomBytes(3).toString('hex')}@example.it`
  ).toLowerCase();
  const password = options.password ?? `Password-${randomBytes(6).toString('hex')}`;
  const displayName = options.displayName ?? `Test ${role} ${counter}`;
  const organizationId = options.organizationId ?? null;
  const isReferent = options.isReferent ?? false;
  const dataSource = t.app.get(DataSource);
  const [row] = (await dataSource.query(
    `INSERT INTO members (email, password_hash, display_name, role, organization_id, is_referent)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [email, await hash(password), displayName, role, organizationId, isReferent],
  )) as { id: string }[];
  const accessToken = await t.app
    .get(AccessTokenService)
    .sign({ id: row.id, role, organizationId, isReferent });
  return { id: row.id, email, password, displayName, role, organizationId, isReferent, accessToken };
}

/** Any organisation of the reference directory (loaded at start-up), e.g. by ISTAT code. */
export async function findOrganizationId(
  t: TestApp,
  where: { istatCode?: string; kind?: string } = {},
): Promise<string> {
  const dataSource = t.app.get(DataSource);
  const [row] = (await dataSource.query(
    `SELECT id FROM organizations WHERE ($1::text IS NULL OR istat_code = $1) AND ($2::text IS NULL OR kind = $2)
     ORDER BY name LIMIT 1`,
    [where.istatCode ?? null, where.kind ?? null],
  )) as { id: string }[];
  if (!row) throw new Error(`no organisation matches ${JSON.stringify(where)}`);
  return row.id;
}

/** A new organisation row, for tests that must not depend on the reference directory. */
export async function newOrganization(
  t: TestApp,
  fields: { name?: string; kind?: string; region?: string | null } = {},
): Promise<string> {
  counter += 1;
  const name = fields.name ?? `Ente di prova ${counter}`;
  const dataSource = t.app.get(DataSource);
  const [row] = (await dataSource.query(
    `INSERT INTO organizations (name, kind, region, search_name) VALUES ($1, $2, $3, lower($1)) RETURNING id`,
    [name, fields.kind ?? 'comune', fields.region === undefined ? 'Campania' : fields.region],
  )) as { id: string }[];
  return row.id;
}

export interface NewSpaceOptions {
  name?: string;
  description?: string;
  visibility?: 'public' | 'private';
  /** Scoped roles in the space (invited members, space moderators). */
  members?: { member: { id: string }; role?: 'member' | 'moderator' }[];
}

/** A space stored straight in the database, with its roster: arrange, not act. */
export async function newSpace(
  t: TestApp,
  options: NewSpaceOptions = {},
): Promise<{ id: string; name: string }> {
  counter += 1;
  const name = options.name ?? `Spazio di prova ${counter} ${randomBytes(3).toString('hex')}`;
  const dataSource = t.app.get(DataSource);
  const [row] = (await dataSource.query(
    `INSERT INTO spaces (name, description, visibility) VALUES ($1, $2, $3) RETURNING id`,
    [name, options.description ?? '', options.visibility ?? 'public'],
  )) as { id: string }[];
  for (const { member, role } of options.members ?? []) {
    await dataSource.query(`INSERT INTO space_members (space_id, member_id, role) VALUES ($1, $2, $3)`, [
      row.id,
      member.id,
      role ?? 'member',
    ]);
  }
  return { id: row.id, name };
}

/** A thread started through the API by `author` (so it has its first post, events and all). */
export async function newThread(
  t: TestApp,
  author: { accessToken: string },
  spaceId: string,
  fields: { title?: string; body?: string; tags?: string[] } = {},
): Promise<{ id: string; title: string; firstPost: { id: string; number: number } }> {
  counter += 1;
  const res = await t
    .http()
    .post(`/api/v1/spaces/${spaceId}/threads`)
    .set('Authorization', `Bearer ${author.accessToken}`)
    .send({
      title: fields.title ?? `Discussione di prova ${counter}`,
      body: fields.body ?? 'Primo messaggio della discussione.',
      ...(fields.tags ? { tags: fields.tags } : {}),
    });
  if (res.status !== 201) throw new Error(`newThread: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; title: string; firstPost: { id: string; number: number } };
}

/** A practice of `organizationId`, proposed by `proposer` (one of its members) and published by `admin`. */
export async function newPublishedPractice(
  t: TestApp,
  proposer: { accessToken: string },
  admin: { accessToken: string },
  organizationId: string,
  fields: { title: string; summary?: string; themes?: string[] },
): Promise<PracticeView> {
  const created = await t
    .http()
    .post('/api/v1/practices')
    .set('Authorization', `Bearer ${proposer.accessToken}`)
    .send({
      title: fields.title,
      summary: fields.summary ?? 'Un unico punto di accesso telematico per le pratiche delle imprese.',
      themes: fields.themes ?? ['servizi-imprese'],
      offeringOrganizationId: organizationId,
    });
  if (created.status !== 201)
    throw new Error(`newPublishedPractice: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await t
    .http()
    .post(`/api/v1/practices/${created.body.id}/publish`)
    .set('Authorization', `Bearer ${admin.accessToken}`)
    .send({});
  if (published.status !== 200)
    throw new Error(`newPublishedPractice (publish): ${published.status} ${JSON.stringify(published.body)}`);
  return published.body as PracticeView;
}
