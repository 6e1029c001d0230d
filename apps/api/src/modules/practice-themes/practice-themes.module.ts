import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { PracticeThemesController } from './practice-themes.controller';
import { practiceThemeRules } from './practice-themes.policy';
import { PracticeThemesRepository } from './practice-themes.repository';
import { PracticeThemesService } from './practice-themes.service';

/** The managed taxonomy of practice themes. Others use PracticeThemesService. */
@Module({
  controllers: [PracticeThemesController],
  providers: [PracticeThemesRepository, PracticeThemesService],
  exports: [PracticeThemesService],
})
export class PracticeThemesModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(practiceThemeRules);
  }
}
