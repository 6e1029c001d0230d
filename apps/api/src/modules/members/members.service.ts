import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import {
  roomName,
  type MemberDirectoryEntry,
  type MemberRole,
  type MemberStatus,
  type MemberView,
  type OrganizationSummary,
  type Page,
} from '@convergo/contracts';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { OrganizationsService } from '../organizations/organizations.service';
import { EventOutbox } from '../realtime/event-outbox';
import type { DirectoryQueryDto } from './dto/directory-query.dto';
import type { UpdateProfileDto } from './dto/update-profile.dto';
import { MemberEntity } from './member.entity';
import { toDirectoryEntry, toMemberView } from './member.mapper';
import { MemberRepository } from './member.repository';
import { MembersException } from './members.exception';
import { PasswordHasher } from './password-hasher';

export interface NewMemberInput {
  email: string;
  /** Either a password to hash or an existing argon2 hash (from an approved access request). */
  password?: string;
  passwordHash?: string;
  displayName: string;
  role: MemberRole;
  organizationId: string | null;
  isReferent?: boolean;
  jobTitle?: string | null;
  interests?: string[];
  bio?: string | null;
}

@Injectable()
export class MembersService {
  constructor(
    private readonly members: MemberRepository,
    private readonly organizations: OrganizationsService,
    private readonly hasher: PasswordHasher,
    private readonly abilities: AbilityFactory,
    private readonly outbox: EventOutbox,
  ) {}

  async createMember(input: NewMemberInput): Promise<MemberEntity> {
    if (await this.members.emailExists(input.email)) throw MembersException.emailTaken();
    if (input.organizationId) await this.assertOrganizationExists(input.organizationId);
    const passwordHash = input.passwordHash ?? (await this.hasher.hash(input.password ?? ''));
    return this.members.insert({ ...input, passwordHash });
  }

  /** The member whose password matches, or undefined; takes as long for an unknown e-mail. */
  async verifyCredentials(email: string, password: string): Promise<MemberAccount | undefined> {
    const member = await this.members.findByEmailWithPassword(email);
    const matches = await this.hasher.verify(member?.passwordHash, password);
    return member && matches ? toAuthMember(member) : undefined;
  }

  async findAuthMember(id: string): Promise<MemberAccount | undefined> {
    const member = await this.members.findById(id);
    if (!member) return undefined;
    return toAuthMember(member);
  }

  /** The active members of these administrations (to notify them). */
  activeIdsInOrganizations(organizationIds: readonly string[]): Promise<string[]> {
    return this.members.findActiveIdsInOrganizations(organizationIds);
  }

  emailExists(email: string): Promise<boolean> {
    return this.members.emailExists(email);
  }

  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  async getView(id: string): Promise<MemberView> {
    const member = await this.members.findById(id);
    if (!member) throw MembersException.memberNotFound();
    return toMemberView(member, await this.organizationOf(member));
  }

  async getDirectoryEntry(actor: AuthMember, id: string): Promise<MemberDirectoryEntry | MemberView> {
    const member = await this.members.findById(id);
    if (!member || member.status !== 'active') throw MembersException.memberNotFound();
    const organization = await this.organizationOf(member);
    const seesEverything = actor.id === id || this.abilities.for(actor).can('manage', 'Member');
    return seesEverything ? toMemberView(member, organization) : toDirectoryEntry(member, organization);
  }

  @Transactional()
  async updateProfile(actor: AuthMember, id: string, changes: UpdateProfileDto): Promise<MemberView> {
    this.abilities.assert(actor, 'update', 'Member', { id });
    const member = await this.members.update(id, changes);
    if (!member) throw MembersException.memberNotFound();
    const view = toMemberView(member, await this.organizationOf(member));
    await this.outbox.record(roomName('member', id), 'member.updated', view);
    return view;
  }

  async directory(query: DirectoryQueryDto): Promise<Page<MemberDirectoryEntry>> {
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows = await this.members.findDirectoryPage({
      q: query.q,
      organizationId: query.organizationId,
      role: query.role,
      limit: query.limit + 1,
      after: after ? { displayName: String(after[0]), id: String(after[1]) } : undefined,
    });
    const page = rows.slice(0, query.limit);
    const organizations = await this.organizations.findSummariesByIds([
      ...new Set(page.map((m) => m.organizationId).filter((id): id is string => id !== null)),
    ]);
    const last = page.at(-1);
    return {
      items: page.map((m) =>
        toDirectoryEntry(m, m.organizationId ? (organizations.get(m.organizationId) ?? null) : null),
      ),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.displayName, last.id]) : null,
    };
  }

  /** Operators bootstrap a fresh installation with ADMIN_EMAIL/ADMIN_PASSWORD. */
  async ensureAdmin(email: string, password: string): Promise<boolean> {
    if (await this.members.emailExists(email)) return false;
    await this.createMember({
      email,
      password,
      displayName: 'Amministratore',
      role: 'admin',
      organizationId: null,
    });
    return true;
  }

  async assertOrganizationExists(organizationId: string): Promise<void> {
    if (!(await this.organizations.exists(organizationId))) throw MembersException.organizationNotFound();
  }

  count(): Promise<number> {
    return this.members.count();
  }

  private async organizationOf(member: MemberEntity): Promise<OrganizationSummary | null> {
    return member.organizationId ? this.organizations.findSummaryById(member.organizationId) : null;
  }
}

/** Who a member is for authentication and authorisation, without their profile. */
export interface MemberAccount extends AuthMember {
  status: MemberStatus;
}

export function toAuthMember(member: MemberEntity): MemberAccount {
  return {
    id: member.id,
    role: member.role,
    organizationId: member.organizationId,
    isReferent: member.isReferent,
    status: member.status,
  };
}
