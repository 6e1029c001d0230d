import { ApiProperty } from '@nestjs/swagger';
import type { SessionMessageView } from '@convergo/contracts';
import { MemberRefResponse } from '../../../common/openapi';

export class SessionMessageResponse implements SessionMessageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: MemberRefResponse }) author: MemberRefResponse;
  @ApiProperty({ description: 'The Markdown as written' }) body: string;
  @ApiProperty({ description: 'The body rendered and sanitised (what the page shows)' }) bodyHtml: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
