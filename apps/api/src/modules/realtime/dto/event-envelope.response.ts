import { ApiProperty } from '@nestjs/swagger';
import type { EventEnvelope } from '@convergo/contracts';

/** A stored realtime event, exactly as socket.io delivered it. */
export class EventEnvelopeResponse implements EventEnvelope {
  @ApiProperty({ example: '42', description: 'Position in the room, growing in commit order (decimal)' })
  id: string;
  @ApiProperty({ example: 'post.created', description: 'Also the socket.io event name' }) type: string;
  @ApiProperty({ example: 'thread:6f1c…' }) room: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'The resource as the REST API returns it' }) data: unknown;
}
