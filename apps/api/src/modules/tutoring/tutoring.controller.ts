import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  Page,
  TutoringBookingView,
  TutoringSeriesWithSlots,
  TutoringSlotView,
  TutoringTutorView,
} from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import {
  AddSeriesExceptionDto,
  CancelBookingQueryDto,
  CancelTutoringDto,
  CreateTutoringBookingDto,
  CreateTutoringSeriesDto,
  CreateTutoringSlotDto,
  MyBookingsQueryDto,
  TutoringSlotQueryDto,
  UpdateTutoringSlotDto,
} from './dto/tutoring.dto';
import {
  TutoringBookingResponse,
  TutoringSeriesWithSlotsResponse,
  TutoringSlotResponse,
  TutoringTutorResponse,
} from './dto/tutoring.response';
import { TutoringService } from './tutoring.service';

@ApiTags('tutoring')
@ApiAuthenticated()
@ApiProblem(400)
@Controller()
export class TutoringController {
  constructor(private readonly tutoring: TutoringService) {}

  @Post('tutoring/slots')
  @ApiOperation({
    summary:
      'Publish a slot (members with the tutor role, admins; for a lab: its tutors). `tutoring.slot_created` to ' +
      '`tutoring` or `lab:<labId>`',
  })
  @ApiCreatedResponse({ type: TutoringSlotResponse })
  @ApiProblem(403, '`tutoring_forbidden`: not a tutor (of this lab)')
  @ApiProblem(404, '`lab_not_found`')
  @ApiProblem(409, '`slot_overlap`: the tutor has another slot at that time')
  createSlot(
    @CurrentMember() member: AuthMember,
    @Body() dto: CreateTutoringSlotDto,
  ): Promise<TutoringSlotView> {
    return this.tutoring.createSlot(member, dto);
  }

  @Get('tutoring/slots')
  @ApiOperation({ summary: 'Slots the asker may see, by start (default from now)' })
  @ApiPageResponse(TutoringSlotResponse)
  listSlots(
    @CurrentMember() member: AuthMember,
    @Query() query: TutoringSlotQueryDto,
  ): Promise<Page<TutoringSlotView>> {
    return this.tutoring.listSlots(member, query);
  }

  @Get('tutoring/slots/:id')
  @ApiOperation({ summary: 'One slot, with what it is to the asker (`viewer`)' })
  @ApiOkResponse({ type: TutoringSlotResponse })
  @ApiProblem(403, '`tutoring_forbidden`: a lab’s slot, and the asker is not in the lab')
  @ApiProblem(404, '`tutoring_slot_not_found`')
  getSlot(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<TutoringSlotView> {
    return this.tutoring.getSlot(member, id);
  }

  @Patch('tutoring/slots/:id')
  @ApiOperation({
    summary:
      'Change a slot (its tutor, admins). A new time, meeting, link or place is notified to its bookers ' +
      '(`tutoring_slot_changed`); `tutoring.slot_updated` to its rooms',
  })
  @ApiOkResponse({ type: TutoringSlotResponse })
  @ApiProblem(403, '`tutoring_forbidden`')
  @ApiProblem(404, '`tutoring_slot_not_found`')
  @ApiProblem(409, '`slot_overlap`, `capacity_below_bookings`, `slot_cancelled`')
  updateSlot(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateTutoringSlotDto,
  ): Promise<TutoringSlotView> {
    return this.tutoring.updateSlot(member, id, dto);
  }

  @Post('tutoring/slots/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel a slot and all its bookings (its tutor, admins); bookers are told' })
  @ApiOkResponse({ type: TutoringSlotResponse })
  @ApiProblem(403, '`tutoring_forbidden`')
  @ApiProblem(404, '`tutoring_slot_not_found`')
  @ApiProblem(409, '`slot_cancelled`: already cancelled')
  cancelSlot(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CancelTutoringDto,
  ): Promise<TutoringSlotView> {
    return this.tutoring.cancelSlot(member, id, dto);
  }

  @Post('tutoring/slots/:id/bookings')
  @ApiOperation({
    summary:
      'Book a place. Capacity is enforced by the database: of concurrent requests for the last place ' +
      'exactly one wins',
  })
  @ApiCreatedResponse({ type: TutoringBookingResponse })
  @ApiProblem(403, '`tutoring_forbidden`: a lab’s slot, and the asker is not in the lab')
  @ApiProblem(404, '`tutoring_slot_not_found`')
  @ApiProblem(409, '`slot_full`, `already_booked`, `slot_closed` (cancelled or started), `own_slot`')
  book(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateTutoringBookingDto,
  ): Promise<TutoringBookingView> {
    return this.tutoring.book(member, id, dto);
  }

  @Get('tutoring/slots/:id/bookings')
  @ApiOperation({ summary: 'Who booked the slot and why (its tutor, admins)' })
  @ApiItemsResponse(TutoringBookingResponse)
  @ApiProblem(403, '`tutoring_forbidden`')
  @ApiProblem(404, '`tutoring_slot_not_found`')
  slotBookings(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<{ items: TutoringBookingView[] }> {
    return this.tutoring.slotBookings(member, id);
  }

  @Delete('tutoring/bookings/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Cancel a booking (the booker until the slot starts; the slot’s tutor, admins): the place is free again',
  })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiProblem(404, '`tutoring_booking_not_found` (also someone else’s booking)')
  @ApiProblem(409, '`booking_not_active` (already cancelled), `slot_started`')
  async cancelBooking(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: CancelBookingQueryDto,
  ): Promise<void> {
    await this.tutoring.cancelBooking(member, id, query.reason ?? null);
  }

  @Get('me/tutoring/bookings')
  @ApiOperation({ summary: 'My bookings: upcoming (by start) or past and cancelled (latest first)' })
  @ApiPageResponse(TutoringBookingResponse)
  myBookings(
    @CurrentMember() member: AuthMember,
    @Query() query: MyBookingsQueryDto,
  ): Promise<Page<TutoringBookingView>> {
    return this.tutoring.myBookings(member, query);
  }

  @Get('tutoring/tutors')
  @ApiOperation({ summary: 'Tutors with upcoming slots the asker may see' })
  @ApiItemsResponse(TutoringTutorResponse)
  tutors(@CurrentMember() member: AuthMember): Promise<{ items: TutoringTutorView[] }> {
    return this.tutoring.tutors(member);
  }

  @Post('tutoring/series')
  @ApiOperation({
    summary:
      'Publish a weekly series (same rules as a slot): every occurrence keeps its wall-clock time in ' +
      'Europe/Rome; all slots or none',
  })
  @ApiCreatedResponse({ type: TutoringSeriesWithSlotsResponse })
  @ApiProblem(403, '`tutoring_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  @ApiProblem(409, '`slot_overlap`, naming the date')
  createSeries(
    @CurrentMember() member: AuthMember,
    @Body() dto: CreateTutoringSeriesDto,
  ): Promise<TutoringSeriesWithSlots> {
    return this.tutoring.createSeries(member, dto);
  }

  @Get('tutoring/series/:id')
  @ApiOperation({ summary: 'A series and its slots' })
  @ApiOkResponse({ type: TutoringSeriesWithSlotsResponse })
  @ApiProblem(403, '`tutoring_forbidden`')
  @ApiProblem(404, '`tutoring_series_not_found`')
  getSeries(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<TutoringSeriesWithSlots> {
    return this.tutoring.getSeries(member, id);
  }

  @Post('tutoring/series/:id/exceptions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Skip a date of the series: its slot is cancelled and its bookers told' })
  @ApiOkResponse({ type: TutoringSeriesWithSlotsResponse })
  @ApiProblem(403, '`tutoring_forbidden`')
  @ApiProblem(404, '`tutoring_series_not_found`')
  @ApiProblem(409, '`series_cancelled`')
  addException(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: AddSeriesExceptionDto,
  ): Promise<TutoringSeriesWithSlots> {
    return this.tutoring.addSeriesException(member, id, dto);
  }

  @Post('tutoring/series/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'End a series: its future slots are cancelled and their bookers told' })
  @ApiOkResponse({ type: TutoringSeriesWithSlotsResponse })
  @ApiProblem(403, '`tutoring_forbidden`')
  @ApiProblem(404, '`tutoring_series_not_found`')
  @ApiProblem(409, '`series_cancelled`: already cancelled')
  cancelSeries(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CancelTutoringDto,
  ): Promise<TutoringSeriesWithSlots> {
    return this.tutoring.cancelSeries(member, id, dto);
  }
}
