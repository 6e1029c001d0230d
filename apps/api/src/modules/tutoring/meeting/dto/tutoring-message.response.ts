import { ApiProperty } from '@nestjs/swagger';
import type { TutoringMessageView } from '@convergo/contracts';
import { MemberRefResponse } from '../../../../common/openapi';

export class TutoringMessageResponse implements TutoringMessageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) slotId: string;
  @ApiProperty({ type: MemberRefResponse }) author: MemberRefResponse;
  @ApiProperty({ description: 'The Markdown as written' }) body: string;
  @ApiProperty({ description: 'The body rendered and sanitised (what the page shows)' }) bodyHtml: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
