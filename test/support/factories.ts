import type { MemberRole } from '@convergo/contracts';
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
