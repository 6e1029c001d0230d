import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ORGANIZATION_KINDS,
  PRACTICE_ACTIONS,
  PRACTICE_LIMITS,
  PRACTICE_STATUSES,
  PRACTICE_THEME_CODE_PATTERN,
  PRACTICE_THEME_LIMITS,
  type CreatePracticeInput,
  type PracticeAction,
  type PracticeStatus,
  type PracticeView,
  type RequestPracticeChangesInput,
  type UpdatePracticeInput,
} from '@convergo/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { OrganizationSummaryResponse } from '../../../common/openapi';
import { PageQueryDto } from '../../../common/pagination.dto';
import {
  NO_CONTROL_CHARACTERS,
  NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS,
  NOT_BLANK,
  trimString,
} from '../../../common/text-rules';
import { REGION_NAMES } from '../../organizations/reference-data';
import { PracticeThemeResponse } from '../../practice-themes/dto/practice-theme.dto';
import {
  IfPresent,
  MultiLine,
  Nested,
  OneLine,
  PracticeContactsDto,
  PracticePeriodDto,
  PracticeReuseConditionsDto,
  PracticeThemes,
} from './practice-fields';

/** The fields every practice body may carry, all optional. */
class PracticeBodyDto {
  @MultiLine(
    PRACTICE_LIMITS.description,
    'Markdown; the full description is also the practice’s shared document',
  )
  description?: string;

  @MultiLine(PRACTICE_LIMITS.territory, 'Where it was done: "Comune di Bologna", "Provincia di Lecce"')
  territory?: string;

  @Nested(PracticePeriodDto, 'When the experience took place')
  period?: PracticePeriodDto;

  @MultiLine(PRACTICE_LIMITS.results)
  results?: string;

  @Nested(PracticeReuseConditionsDto, 'Licence, what is handed over, effort')
  reuseConditions?: PracticeReuseConditionsDto;

  @Nested(PracticeContactsDto, 'An office’s contacts (never a person’s): published', true)
  contacts?: PracticeContactsDto | null;
}

export class UpdatePracticeDto extends PracticeBodyDto implements UpdatePracticeInput {
  @OneLine(PRACTICE_LIMITS.title, false, 'Sportello unico digitale per le attività produttive')
  title?: string;

  @MultiLine(PRACTICE_LIMITS.summary, 'A few lines: what it is and what it solved')
  summary?: string;

  @PracticeThemes(false)
  themes?: string[];
}

export class CreatePracticeDto extends PracticeBodyDto implements Partial<CreatePracticeInput> {
  @ApiProperty({
    maxLength: PRACTICE_LIMITS.title,
    example: 'Sportello unico digitale per le attività produttive',
    description: 'Required, unless `fromDeliverableId` names a deliverable (its title is the default)',
  })
  @ValidateIf(
    (o: { fromDeliverableId?: unknown }, value) => value !== undefined || o.fromDeliverableId === undefined,
  )
  @Transform(trimString)
  @IsString()
  @Length(1, PRACTICE_LIMITS.title)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'title must not contain control characters' })
  title?: string;

  @ApiProperty({
    maxLength: PRACTICE_LIMITS.summary,
    description: 'A few lines: what it is and what it solved',
  })
  @Transform(trimString)
  @IsString()
  @Length(1, PRACTICE_LIMITS.summary)
  @Matches(NOT_BLANK, { message: 'summary must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS, { message: 'summary must not contain control characters' })
  summary: string;

  @PracticeThemes(true)
  themes: string[];

  @ApiProperty({
    format: 'uuid',
    description: 'The offering administration: the proposer’s own (admins: any)',
  })
  @IsUUID('all')
  offeringOrganizationId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An approved lab deliverable to propose as this practice; title defaults to its title',
  })
  @IfPresent()
  @IsUUID('all')
  fromDeliverableId?: string;
}

export class RequestPracticeChangesDto implements RequestPracticeChangesInput {
  @ApiProperty({ maxLength: PRACTICE_LIMITS.note, example: 'Indicare la licenza e l’impegno richiesto.' })
  @Transform(trimString)
  @IsString()
  @MaxLength(PRACTICE_LIMITS.note)
  @Matches(/[^\s]/, { message: 'note must not be blank' })
  note: string;
}

/** `GET /api/v1/practices?q=&theme=&region=&kind=&status=&limit=&cursor=`. */
export class PracticeCatalogueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    maxLength: PRACTICE_LIMITS.query,
    description: 'Italian full text (stemming, accents ignored)',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(PRACTICE_LIMITS.query)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'q must not contain control characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'A theme code' })
  @IsOptional()
  @IsString()
  @MaxLength(PRACTICE_THEME_LIMITS.code)
  @Matches(PRACTICE_THEME_CODE_PATTERN, { message: 'theme must be a theme code' })
  theme?: string;

  @ApiPropertyOptional({ enum: REGION_NAMES, description: 'The offering administration’s region' })
  @IsOptional()
  @IsIn(REGION_NAMES, { message: 'region must be an Italian region, e.g. Campania' })
  region?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS, description: 'The offering administration’s kind' })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: PRACTICE_STATUSES })
  @IsOptional()
  @IsIn(PRACTICE_STATUSES)
  status?: PracticeStatus;
}

class PracticePeriodResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
}

class PracticeReuseConditionsResponse {
  @ApiProperty({ type: String, nullable: true }) licence: string | null;
  @ApiProperty() handedOver: string;
  @ApiProperty() effort: string;
}

class PracticeContactsResponse {
  @ApiProperty() office: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) website: string | null;
}

export class PracticeResponse implements PracticeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [PracticeThemeResponse] }) themes: PracticeThemeResponse[];
  @ApiProperty({ type: OrganizationSummaryResponse }) offeringOrganization: OrganizationSummaryResponse;
  @ApiProperty({ description: 'Markdown' }) description: string;
  @ApiProperty({ description: 'Sanitised HTML of the description' }) descriptionHtml: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The shared document (owner `practice`)',
  })
  documentId: string | null;
  @ApiProperty() territory: string;
  @ApiProperty({ type: PracticePeriodResponse }) period: PracticePeriodResponse;
  @ApiProperty() results: string;
  @ApiProperty({ type: PracticeReuseConditionsResponse }) reuseConditions: PracticeReuseConditionsResponse;
  @ApiProperty({ type: PracticeContactsResponse, nullable: true }) contacts: PracticeContactsResponse | null;
  @ApiProperty({ enum: PRACTICE_STATUSES }) status: PracticeStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The editor’s note; offering administration and admins only',
  })
  reviewNote: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sourceDeliverableId: string | null;
  @ApiProperty({ enum: PRACTICE_ACTIONS, isArray: true, description: 'What the asker may do now' })
  actions: PracticeAction[];
  @ApiProperty() canEdit: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
