import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  PRACTICE_THEME_CODE_PATTERN,
  PRACTICE_THEME_LIMITS,
  type PracticeThemeView,
} from '@convergo/contracts';
import { ValidationFailedException } from '../../common/app.exception';
import { ApiAuthenticated, ApiItemsResponse, ApiProblem } from '../../common/openapi';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { Public } from '../auth/public.decorator';
import {
  CreatePracticeThemeDto,
  PracticeThemeResponse,
  UpdatePracticeThemeDto,
} from './dto/practice-theme.dto';
import { PRACTICE_THEME_SUBJECT } from './practice-themes.policy';
import { PracticeThemesService } from './practice-themes.service';

/** A theme code in a path: refused as a 400 before any query when it cannot be a code. */
function themeCode(code: string): string {
  if (code.length > PRACTICE_THEME_LIMITS.code || !PRACTICE_THEME_CODE_PATTERN.test(code)) {
    throw new ValidationFailedException([{ field: 'code', message: 'must be a theme code' }]);
  }
  return code;
}

@ApiTags('practices')
@Controller('practice-themes')
export class PracticeThemesController {
  constructor(private readonly themes: PracticeThemesService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The themes of the practices: POAT SI themes, AGIRE POR areas, added ones (public)',
  })
  @ApiItemsResponse(
    PracticeThemeResponse,
    '`{ items: [{ code, label, labelEn, group }] }`, seeded ones first',
  )
  list(): Promise<{ items: PracticeThemeView[] }> {
    return this.themes.list();
  }

  @Post()
  @ApiAuthenticated()
  @CheckPolicy('create', PRACTICE_THEME_SUBJECT)
  @ApiOperation({ summary: 'Add a theme (admins)' })
  @ApiCreatedResponse({ type: PracticeThemeResponse })
  @ApiProblem(400)
  @ApiProblem(403, 'Only admins manage the themes')
  @ApiProblem(409, 'Another theme has this code: `practice_theme_code_taken`')
  create(
    @CurrentMember() member: AuthMember,
    @Body() dto: CreatePracticeThemeDto,
  ): Promise<PracticeThemeView> {
    return this.themes.create(member, dto);
  }

  @Patch(':code')
  @ApiAuthenticated()
  @CheckPolicy('update', PRACTICE_THEME_SUBJECT)
  @ApiOperation({ summary: 'Rename a theme (admins); its code never changes' })
  @ApiParam({ name: 'code', example: 'servizi-cittadini' })
  @ApiOkResponse({ type: PracticeThemeResponse })
  @ApiProblem(400)
  @ApiProblem(403, 'Only admins manage the themes')
  @ApiProblem(404, '`practice_theme_not_found`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('code') code: string,
    @Body() dto: UpdatePracticeThemeDto,
  ): Promise<PracticeThemeView> {
    return this.themes.update(member, themeCode(code), dto);
  }
}
