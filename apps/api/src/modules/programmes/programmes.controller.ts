import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, ProgrammeView } from '@convergo/contracts';
import { ApiAuthenticated, ApiProblem } from '../../common/openapi';
import { PageQueryDto } from '../../common/pagination.dto';
import { uuidPipe } from '../../common/uuid.pipe';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CreateProgrammeDto } from './dto/create-programme.dto';
import { ProgrammeDto, ProgrammePageDto } from './dto/programme.dto';
import { UpdateProgrammeDto } from './dto/update-programme.dto';
import { ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@ApiAuthenticated()
@CheckPolicy('read', 'Programme')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  @ApiOperation({ summary: 'Programmes, in name order, cursor-paginated' })
  @ApiOkResponse({ type: ProgrammePageDto })
  @ApiProblem(400, 'Invalid limit or cursor')
  list(@Query() page: PageQueryDto): Promise<Page<ProgrammeView>> {
    return this.programmes.list(page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One programme with budget, fund, period, partnership, themes and indicators' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiProblem(400, 'The id is not a UUID')
  @ApiProblem(404, 'No such programme: code `programme_not_found`')
  get(@Param('id', uuidPipe()) id: string): Promise<ProgrammeView> {
    return this.programmes.get(id);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @CheckPolicy('manage', 'Programme')
  @ApiOperation({ summary: 'Create a programme (admins)' })
  @ApiCreatedResponse({ type: ProgrammeDto })
  @ApiProblem(400, 'Invalid fields, listed in `errors`')
  @ApiProblem(403, 'Only admins manage programmes')
  @ApiProblem(409, 'The code is taken: code `programme_code_taken`')
  create(@Body() body: CreateProgrammeDto): Promise<ProgrammeView> {
    return this.programmes.create(body);
  }

  @Patch(':id')
  @CheckPolicy('manage', 'Programme')
  @ApiOperation({ summary: 'Change some fields of a programme (admins); the code cannot change' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiProblem(400, 'Invalid id or fields, listed in `errors`')
  @ApiProblem(403, 'Only admins manage programmes')
  @ApiProblem(404, 'No such programme: code `programme_not_found`')
  update(@Param('id', uuidPipe()) id: string, @Body() body: UpdateProgrammeDto): Promise<ProgrammeView> {
    return this.programmes.update(id, body);
  }
}
