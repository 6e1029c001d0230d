import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LabsModule } from '../labs/labs.module';
import { LabSessionsModule } from '../sessions/sessions.module';
import { TutoringModule } from '../tutoring/tutoring.module';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** iCalendar feeds of lab sessions (per lab, per member) and tutoring (per member), and the member's private feed URL. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeedEntity]), LabSessionsModule, LabsModule, TutoringModule],
  controllers: [CalendarController],
  providers: [CalendarFeedRepository, CalendarService],
})
export class CalendarModule {}
