import { Global, Module } from '@nestjs/common';
import { MemberRateLimits } from './member-rate-limits';

/** Per-member action budgets (MemberRateLimits), available to every module. */
@Global()
@Module({ providers: [MemberRateLimits], exports: [MemberRateLimits] })
export class RateLimitModule {}
