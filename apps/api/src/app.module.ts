import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { resolve } from 'node:path';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { AppConfigModule, RuntimeSettings } from './config/config.module';
import { Environment } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { DomainEventsModule } from './common/domain-events/domain-events.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { JwtAuthGuard } from './modules/auth/jwt-auth.guard';
import { PoliciesGuard } from './modules/auth/policies.guard';
import { DemoModule } from './modules/demo/demo.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { WebModule } from './modules/web/web.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { MembersModule } from './modules/members/members.module';
import { SessionsModule } from './modules/auth/sessions.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { IndicatorsModule } from './modules/indicators/indicators.module';
import { ProgrammesModule } from './modules/programmes/programmes.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { SpacesModule } from './modules/spaces/spaces.module';
import { ThreadsModule } from './modules/threads/threads.module';
import { ModerationModule } from './modules/moderation/moderation.module';
import { LabsModule } from './modules/labs/labs.module';
import { LabSessionsModule } from './modules/sessions/sessions.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { TwinningsModule } from './modules/twinnings/twinnings.module';
import { PracticeThemesModule } from './modules/practice-themes/practice-themes.module';
import { PracticesModule } from './modules/practices/practices.module';
import { MatchingModule } from './modules/matching/matching.module';
import { DeskModule } from './modules/desk/desk.module';
import { OpenDataModule } from './modules/open-data/open-data.module';
import { DeliverablesModule } from './modules/deliverables/deliverables.module';
import { EnrolmentModule } from './modules/enrolment/enrolment.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { LiveRoomModule } from './modules/live-room/live-room.module';
import { PollsModule } from './modules/polls/polls.module';
import { TutoringModule } from './modules/tutoring/tutoring.module';
import { TutoringRemindersModule } from './modules/tutoring/reminders/tutoring-reminders.module';
import { CoachingModule } from './modules/tutoring/coaching/coaching.module';
import { TutoringMeetingModule } from './modules/tutoring/meeting/tutoring-meeting.module';
import { JobsModule } from './jobs/jobs.module';
import { SessionChatModule } from './modules/session-chat/session-chat.module';

export interface AppModuleOptions {
  env: Environment;
  runtime: RuntimeSettings;
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static register({ env, runtime, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(env, runtime),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: 600 }],
          skipIf: () => env.RATE_LIMIT_DISABLED === true,
        }),
        DatabaseModule.forRoot({ url: databaseUrl, embedded: runtime.embeddedDatabase }),
        DomainEventsModule,
        JobsModule,
        RateLimitModule,
        AuthModule,
        RealtimeModule,
        HealthModule,
        OrganizationsModule,
        MembersModule,
        NotificationsModule,
        SessionsModule,
        DemoModule,
        WebModule.register(resolve(env.WEB_DIST_DIR)),
        ProgrammesModule,
        DocumentsModule,
        SpacesModule,
        ThreadsModule,
        ModerationModule,
        LabsModule,
        DeliverablesModule,
        EnrolmentModule,
        LabSessionsModule,
        AttendanceModule,
        LiveRoomModule,
        PollsModule,
        SessionChatModule,
        CalendarModule,
        TwinningsModule,
        IndicatorsModule,
        PracticeThemesModule,
        PracticesModule,
        MatchingModule,
        DeskModule,
        OpenDataModule,
        TutoringModule,
        TutoringRemindersModule,
        CoachingModule,
        TutoringMeetingModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Order matters: rate limit, then who is calling, then whether they may.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PoliciesGuard },
      ],
    };
  }
}
