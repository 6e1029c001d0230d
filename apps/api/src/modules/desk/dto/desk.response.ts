import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MEMBER_ROLES,
  type DeskBlock,
  type DeskBlocks,
  type DeskItem,
  type DeskView,
} from '@convergo/contracts';

export class DeskItemResponse implements DeskItem {
  @ApiProperty({
    description: 'The id of what the item is (session, lab, post, request…; an indicator code)',
  })
  id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, description: 'The lab, space, administration or reason' })
  detail: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Unread posts, flags, officials, a figure' })
  count: number | null;
  @ApiProperty({ type: String, nullable: true }) status: string | null;
  @ApiProperty({ example: '/laboratori/…', description: 'A path of the web app' }) link: string;
}

export class DeskBlockResponse implements DeskBlock {
  @ApiProperty({ type: [DeskItemResponse], description: 'At most DESK_BLOCK_ITEMS (5)' })
  items: DeskItemResponse[];
  @ApiProperty({ description: 'How many in all' }) total: number;
  @ApiProperty({ example: '/calendario', description: 'The web page listing them all' }) link: string;
}

const block = (description: string) => ApiPropertyOptional({ type: DeskBlockResponse, description });

export class DeskBlocksResponse implements DeskBlocks {
  @block('Officials: sessions to come of their labs') nextSessions?: DeskBlockResponse;
  @block('Officials: their labs (not closed) and working groups') labs?: DeskBlockResponse;
  @block('Officials: deliverables their groups still hand in') deliverablesDue?: DeskBlockResponse;
  @block('Officials: followed threads with unread posts') unreadThreads?: DeskBlockResponse;
  @block('Officials: their upcoming tutoring bookings') bookings?: DeskBlockResponse;
  @block('Tutors: today’s sessions of their labs') todaySessions?: DeskBlockResponse;
  @block('Tutors: deliverables waiting for their review') reviews?: DeskBlockResponse;
  @block('Tutors: bookings of the week on their slots') weekBookings?: DeskBlockResponse;
  @block('Tutors: coaching threads with unread posts') coaching?: DeskBlockResponse;
  @block('Moderators and admins: posts with open flags') flags?: DeskBlockResponse;
  @block('Admins: access requests waiting') accessRequests?: DeskBlockResponse;
  @block('Admins: lab applications waiting') applications?: DeskBlockResponse;
  @block('Admins: the programme’s headline figures') indicators?: DeskBlockResponse;
}

export class DeskResponse implements DeskView {
  @ApiProperty({ enum: MEMBER_ROLES }) role: DeskView['role'];
  @ApiProperty({ type: DeskBlocksResponse, description: 'Only the blocks the asker may see' })
  blocks: DeskBlocksResponse;
  @ApiProperty({
    type: [String],
    example: ['member:…', 'lab:…', 'moderation'],
    description: 'Realtime rooms whose events change the desk: follow them and fetch it again',
  })
  rooms: string[];
}
