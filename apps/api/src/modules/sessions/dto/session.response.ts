import { ApiProperty } from '@nestjs/swagger';
import {
  SESSION_MODES,
  SESSION_STATUSES,
  type AgendaItem,
  type CalendarFeedView,
  type LabSessionView,
  type SessionMode,
  type SessionStatus,
} from '@convergo/contracts';

export class AgendaItemResponse implements AgendaItem {
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true, required: false }) minutes?: number | null;
}

export class LabSessionResponse implements LabSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) moduleId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SESSION_MODES }) mode: SessionMode;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: [AgendaItemResponse] }) agenda: AgendaItemResponse[];
  @ApiProperty({ type: Number, nullable: true }) currentStep: number | null;
  @ApiProperty({ enum: SESSION_STATUSES }) status: SessionStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) notesDocumentId: string | null;
  @ApiProperty({ description: 'iCalendar SEQUENCE, raised on every change' }) icalSequence: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CalendarFeedResponse implements CalendarFeedView {
  @ApiProperty({ description: 'The private feed URL for Outlook, Google Calendar, Apple Calendar' })
  url: string;
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) token: string;
}
