import { ApiProperty } from '@nestjs/swagger';
import type { MemberRef, OrganizationSummary } from '@convergo/contracts';

/** A member as threads, posts, rosters and logs show them. */
export class MemberRefResponse implements MemberRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) organizationName: string | null;
}

/** An administration as members, requests and twinnings show it. */
export class OrganizationSummaryResponse implements OrganizationSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'comune' }) kind: string;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty() convergence: boolean;
}
