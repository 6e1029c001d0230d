import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PracticeThemesModule } from '../practice-themes/practice-themes.module';
import { PracticesModule } from '../practices/practices.module';
import { OrganizationNeedsController, PracticeMatchingController } from './matching.controller';
import { matchingRules } from './matching.policy';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';

/** Needs of administrations and matching with practices, both ways. Others use MatchingService. */
@Module({
  imports: [OrganizationsModule, PracticeThemesModule, PracticesModule],
  controllers: [OrganizationNeedsController, PracticeMatchingController],
  providers: [MatchingRepository, MatchingService],
  exports: [MatchingService],
})
export class MatchingModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(matchingRules);
  }
}
