import { AbilityBuilder, createMongoAbility, type MongoAbility, subject as tagSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ForbiddenActionException } from '../../common/app.exception';
import type { AuthMember } from './auth-member';

export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete' | 'invite' | 'approve' | 'moderate';
/** Subjects are named by string; capabilities add theirs as they arrive. */
export type SubjectName = string;
export type AppAbility = MongoAbility<[Action, SubjectName | Record<string, unknown>]>;
export type RuleBuilder = AbilityBuilder<AppAbility>;

/**
 * A capability's rules: called for every member whose ability is built. They read the member's
 * claims only (not the clock: the ability is kept built), so a rule that depends on time
 * conditions on an attribute its subject computes when checked (see `postSubject`).
 */
export type AbilityContributor = (member: AuthMember, builder: RuleBuilder) => void;

const baseRules: AbilityContributor = (member, { can }) => {
  if (member.role === 'admin') can('manage', 'all');
  can('read', 'Organization');
  can('read', 'Member');
  can('update', 'Member', { id: member.id });
  can('read', 'Programme');
  if (member.isReferent && member.organizationId) {
    // The administration's referent brings colleagues of the same administration in, as officials.
    can('invite', 'Invitation', { organizationId: member.organizationId, role: 'member' });
  }
};

/** Members whose abilities are kept built: more than a process serves at once, bounded all the same. */
const BUILT_ABILITIES = 5_000;

/**
 * The one authorisation layer (CASL), used by REST guards, services and the socket gateway.
 * Capabilities register their own rules (including scoped roles such as space moderator).
 */
@Injectable()
export class AbilityFactory {
  private readonly contributors: AbilityContributor[] = [baseRules];
  // Building a member's rules costs ~0.15 ms (and CASL indexes them on the first check), more
  // than the rest of an access check: contributors read only the token's claims — never the
  // clock or the database; what changes with time is an attribute of the subject — so the
  // claims are the key, and a member's rules stay built until capabilities change.
  private readonly built = new LRUCache<string, AppAbility>({ max: BUILT_ABILITIES });

  register(contributor: AbilityContributor): void {
    this.contributors.push(contributor);
    this.built.clear();
  }

  for(member: AuthMember): AppAbility {
    const key = `${member.id}|${member.role}|${member.organizationId ?? ''}|${member.isReferent ? 1 : 0}`;
    let ability = this.built.get(key);
    if (!ability) {
      const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
      for (const contribute of this.contributors) contribute(member, builder);
      ability = builder.build();
      this.built.set(key, ability);
    }
    return ability;
  }

  /** Throws a 403 problem unless the member may act on the subject (a type name or a tagged object). */
  assert(
    member: AuthMember,
    action: Action,
    subjectType: SubjectName,
    attributes?: Record<string, unknown>,
  ): void {
    const ability = this.for(member);
    const target = attributes ? tagSubject(subjectType, { ...attributes }) : subjectType;
    if (!ability.can(action, target)) throw new ForbiddenActionException();
  }
}
