import { Injectable } from '@nestjs/common';
import type { PracticeThemeView } from '@convergo/contracts';
import { Transactional } from '../../database/transactional';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import type { CreatePracticeThemeDto, UpdatePracticeThemeDto } from './dto/practice-theme.dto';
import { PracticeThemesException } from './practice-themes.exception';
import { PRACTICE_THEME_SUBJECT } from './practice-themes.policy';
import { PracticeThemesRepository } from './practice-themes.repository';

/**
 * The managed taxonomy of practice themes: the six POAT SI themes and the AGIRE POR areas (seeded
 * by the migration), plus those admins add. Codes are stable; labels (Italian, English) change.
 * Other modules validate and label theme codes through `resolve` and `all`.
 */
@Injectable()
export class PracticeThemesService {
  constructor(
    private readonly themes: PracticeThemesRepository,
    private readonly abilities: AbilityFactory,
  ) {}

  async list(): Promise<{ items: PracticeThemeView[] }> {
    return { items: await this.themes.findAll() };
  }

  /** Every theme, by code. */
  async all(): Promise<Map<string, PracticeThemeView>> {
    return new Map((await this.themes.findAll()).map((theme) => [theme.code, theme]));
  }

  /** The themes of these codes, in the order given; a 422 naming `field` when one is unknown. */
  async resolve(codes: readonly string[], field = 'themes'): Promise<PracticeThemeView[]> {
    const known = await this.all();
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) throw PracticeThemesException.unknownThemes(field, unknown);
    return codes.map((code) => known.get(code)!);
  }

  @Transactional()
  async create(actor: AuthMember, dto: CreatePracticeThemeDto): Promise<PracticeThemeView> {
    this.abilities.assert(actor, 'create', PRACTICE_THEME_SUBJECT);
    const theme = await this.themes.insert({
      code: dto.code,
      label: dto.label,
      labelEn: dto.labelEn ?? dto.label,
      group: dto.group ?? 'altro',
    });
    if (!theme) throw PracticeThemesException.codeTaken();
    return theme;
  }

  @Transactional()
  async update(actor: AuthMember, code: string, dto: UpdatePracticeThemeDto): Promise<PracticeThemeView> {
    this.abilities.assert(actor, 'update', PRACTICE_THEME_SUBJECT);
    const theme = await this.themes.update(code, dto);
    if (!theme) throw PracticeThemesException.notFound(code);
    return theme;
  }
}
