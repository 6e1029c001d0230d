import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { DemoWorldService } from './demo-world.service';

@Module({
  imports: [OrganizationsModule, MembersModule, ProgrammesModule],
  providers: [DemoWorldService],
  exports: [DemoWorldService],
})
export class DemoModule {}
