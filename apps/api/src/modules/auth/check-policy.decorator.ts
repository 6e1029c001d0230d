import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectName } from './ability.factory';

export interface PolicyRequirement {
  action: Action;
  subject: SubjectName;
}

export const POLICY = 'convergo:policy';

/** Type-level check done by PoliciesGuard before the handler; instance checks happen in services. */
export const CheckPolicy = (action: Action, subject: SubjectName): MethodDecorator & ClassDecorator =>
  SetMetadata(POLICY, { action, subject } satisfies PolicyRequirement);
