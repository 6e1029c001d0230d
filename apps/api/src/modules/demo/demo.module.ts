import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { SpacesModule } from '../spaces/spaces.module';
import { DemoWorldService } from './demo-world.service';

@Module({
  imports: [OrganizationsModule, MembersModule, ProgrammesModule, SpacesModule],
  providers: [DemoWorldService],
  exports: [DemoWorldService],
})
export class DemoModule {}
