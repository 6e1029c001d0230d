import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthMember } from './auth-member';

export const CurrentMember = createParamDecorator((_: unknown, context: ExecutionContext): AuthMember => {
  const request = context.switchToHttp().getRequest<{ user: AuthMember }>();
  return request.user;
});
