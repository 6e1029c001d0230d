import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenActionException } from '../../common/app.exception';
import { AbilityFactory } from './ability.factory';
import type { AuthMember } from './auth-member';
import { POLICY, type PolicyRequirement } from './check-policy.decorator';

@Injectable()
export class PoliciesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const requirement = this.reflector.getAllAndOverride<PolicyRequirement | undefined>(POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!requirement) return true;
    const member = context.switchToHttp().getRequest<{ user?: AuthMember }>().user;
    if (!member || !this.abilities.for(member).can(requirement.action, requirement.subject)) {
      throw new ForbiddenActionException();
    }
    return true;
  }
}
