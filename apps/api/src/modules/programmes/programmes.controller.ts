import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Page, ProgrammeView } from '@convergo/contracts';
import { PageQueryDto } from '../../common/pagination.dto';
import { uuidPipe } from '../../common/uuid.pipe';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CreateProgrammeDto } from './dto/create-programme.dto';
import { ProgrammeDto, ProgrammePageDto } from './dto/programme.dto';
import { UpdateProgrammeDto } from './dto/update-programme.dto';
import { ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or invalid access token (problem+json)' })
@CheckPolicy('read', 'Programme')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  @ApiOperation({ summary: 'Programmes, in name order, cursor-paginated' })
  @ApiOkResponse({ type: ProgrammePageDto })
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor (problem+json)' })
  list(@Query() page: PageQueryDto): Promise<Page<ProgrammeView>> {
    return this.programmes.list(page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One programme with budget, fund, period, partnership, themes and indicators' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (problem+json)' })
  @ApiNotFoundResponse({ description: 'No such programme: code `programme_not_found` (problem+json)' })
  get(@Param('id', uuidPipe()) id: string): Promise<ProgrammeView> {
    return this.programmes.get(id);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @CheckPolicy('manage', 'Programme')
  @ApiOperation({ summary: 'Create a programme (admins)' })
  @ApiCreatedResponse({ type: ProgrammeDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, listed in `errors` (problem+json)' })
  @ApiForbiddenResponse({ description: 'Only admins manage programmes (problem+json)' })
  @ApiConflictResponse({ description: 'The code is taken: code `programme_code_taken` (problem+json)' })
  create(@Body() body: CreateProgrammeDto): Promise<ProgrammeView> {
    return this.programmes.create(body);
  }

  @Patch(':id')
  @CheckPolicy('manage', 'Programme')
  @ApiOperation({ summary: 'Change some fields of a programme (admins); the code cannot change' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiBadRequestResponse({ description: 'Invalid id or fields, listed in `errors` (problem+json)' })
  @ApiForbiddenResponse({ description: 'Only admins manage programmes (problem+json)' })
  @ApiNotFoundResponse({ description: 'No such programme: code `programme_not_found` (problem+json)' })
  update(@Param('id', uuidPipe()) id: string, @Body() body: UpdateProgrammeDto): Promise<ProgrammeView> {
    return this.programmes.update(id, body);
  }
}
