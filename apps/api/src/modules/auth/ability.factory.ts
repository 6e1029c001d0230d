import { AbilityBuilder, createMongoAbility, type MongoAbility, subject as tagSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { ForbiddenActionException } from '../../common/app.exception';
import type { AuthMember } from './auth-member';

export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete' | 'invite' | 'approve' | 'moderate';
/** Subjects are named by string; capabilities add theirs as they arrive. */
export type SubjectName = string;
export type AppAbility = MongoAbility<[Action, SubjectName | Record<string, unknown>]>;
export type RuleBuilder = AbilityBuilder<AppAbility>;

/** A capability's rules: called for every member whose ability is built. */
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

/**
 * The one authorisation layer (CASL), used by REST guards, services and the socket gateway.
 * Capabilities register their own rules (including scoped roles such as space moderator).
 */
@Injectable()
export class AbilityFactory {
  private readonly contributors: AbilityContributor[] = [baseRules];

  register(contributor: AbilityContributor): void {
    this.contributors.push(contributor);
  }

  for(member: AuthMember): AppAbility {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    for (const contribute of this.contributors) contribute(member, builder);
    return builder.build();
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
