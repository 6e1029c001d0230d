import { Module } from '@nestjs/common';
import { LabsModule } from '../labs/labs.module';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { SpacesModule } from '../spaces/spaces.module';
import { TwinningsModule } from '../twinnings/twinnings.module';
import { PracticesModule } from '../practices/practices.module';
import { LabSessionsModule } from '../sessions/sessions.module';
import { TutoringModule } from '../tutoring/tutoring.module';
import { MatchingModule } from '../matching/matching.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ThreadsModule } from '../threads/threads.module';
import { DocumentsModule } from '../documents/documents.module';
import { DeliverablesModule } from '../deliverables/deliverables.module';
import { AgirePorDemoService } from './agire-por-demo.service';
import { CommunityDemoService } from './community-demo.service';
import { DocumentsDemoService } from './documents-demo.service';
import { DemoWorldService } from './demo-world.service';

@Module({
  imports: [
    OrganizationsModule,
    MembersModule,
    ProgrammesModule,
    SpacesModule,
    LabsModule,
    TwinningsModule,
    PracticesModule,
    LabSessionsModule,
    TutoringModule,
    MatchingModule,
    IndicatorsModule,
    ThreadsModule,
    DocumentsModule,
    DeliverablesModule,
  ],
  providers: [DemoWorldService, AgirePorDemoService, CommunityDemoService, DocumentsDemoService],
  exports: [DemoWorldService],
})
export class DemoModule {}
