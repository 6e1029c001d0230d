import { ApiProperty } from '@nestjs/swagger';
import {
  ATTENDANCE_MODES,
  ATTENDANCE_SOURCES,
  ATTENDANCE_STATUSES,
  type AttendanceChangeView,
  type AttendanceConfirmation,
  type AttendanceInterval,
  type AttendanceMode,
  type AttendanceOrganization,
  type AttendanceRow,
  type AttendanceSource,
  type AttendanceStatus,
  type CheckInCodeView,
  type MyAttendanceRow,
  type MyAttendanceView,
  type SessionAttendanceView,
} from '@convergo/contracts';
import { MemberRefResponse } from '../../../common/openapi';

export class AttendanceIntervalResponse implements AttendanceInterval {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while still there' })
  to: string | null;
}

export class AttendanceOrganizationResponse implements AttendanceOrganization {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
}

export class AttendanceRowResponse implements AttendanceRow {
  @ApiProperty({ type: MemberRefResponse }) member: MemberRefResponse;
  @ApiProperty({ type: AttendanceOrganizationResponse, nullable: true })
  organization: AttendanceOrganizationResponse | null;
  @ApiProperty({ enum: ATTENDANCE_MODES }) mode: AttendanceMode;
  @ApiProperty({
    type: [AttendanceIntervalResponse],
    description: 'The stays merged (tabs, reconnects once)',
  })
  intervals: AttendanceIntervalResponse[];
  @ApiProperty({ description: 'Minutes credited (rounded down from `seconds`)' }) minutes: number;
  @ApiProperty({ description: 'The union of the stays within the session’s times, or the tutor’s figure' })
  seconds: number;
  @ApiProperty({ enum: ATTENDANCE_SOURCES }) source: AttendanceSource;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: AttendanceStatus;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class SessionAttendanceResponse implements SessionAttendanceView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() confirmed: boolean;
  @ApiProperty({ type: MemberRefResponse, nullable: true }) confirmedBy: MemberRefResponse | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: string | null;
  @ApiProperty({ type: [AttendanceRowResponse] }) items: AttendanceRowResponse[];
  @ApiProperty({
    type: [MemberRefResponse],
    description: 'Participants enrolled when the session began with no attendance (empty before it starts)',
  })
  absentees: MemberRefResponse[];
}

export class AttendanceConfirmationResponse implements AttendanceConfirmation {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ enum: [true] }) confirmed: true;
  @ApiProperty({ type: MemberRefResponse }) confirmedBy: MemberRefResponse;
  @ApiProperty({ format: 'date-time' }) confirmedAt: string;
}

export class AttendanceFiguresResponse {
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: AttendanceStatus;
  @ApiProperty({ enum: ATTENDANCE_MODES }) mode: AttendanceMode;
  @ApiProperty() minutes: number;
}

export class AttendanceChangeResponse implements AttendanceChangeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: MemberRefResponse }) member: MemberRefResponse;
  @ApiProperty({ type: MemberRefResponse }) changedBy: MemberRefResponse;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
  @ApiProperty({ type: AttendanceFiguresResponse, nullable: true, description: 'null: was an absentee' })
  before: AttendanceFiguresResponse | null;
  @ApiProperty({ type: AttendanceFiguresResponse }) after: AttendanceFiguresResponse;
  @ApiProperty() note: string;
}

export class CheckInCodeResponse implements CheckInCodeView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ example: 'K7PX3M' }) code: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ example: '/sessioni/…/check-in?code=K7PX3M' }) checkInPath: string;
}

export class MyAttendanceRowResponse implements MyAttendanceRow {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty() labTitle: string;
  @ApiProperty() sessionTitle: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ enum: ATTENDANCE_MODES }) mode: AttendanceMode;
  @ApiProperty({ type: [AttendanceIntervalResponse] }) intervals: AttendanceIntervalResponse[];
  @ApiProperty() minutes: number;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: AttendanceStatus;
  @ApiProperty() confirmed: boolean;
}

export class MyAttendanceLabResponse {
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty() labTitle: string;
  @ApiProperty({ description: 'Hours credited in the lab, to two decimals' }) hours: number;
  @ApiProperty({ type: [MyAttendanceRowResponse] }) sessions: MyAttendanceRowResponse[];
}

export class MyAttendanceResponse implements MyAttendanceView {
  @ApiProperty({ type: [MyAttendanceLabResponse] }) labs: MyAttendanceLabResponse[];
}

export class AttendanceLogResponse {
  @ApiProperty({ type: [AttendanceChangeResponse] }) items: AttendanceChangeResponse[];
}
