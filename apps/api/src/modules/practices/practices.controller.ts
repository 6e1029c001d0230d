import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, PracticeView } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import {
  CreatePracticeDto,
  PracticeCatalogueQueryDto,
  PracticeResponse,
  RequestPracticeChangesDto,
  UpdatePracticeDto,
} from './dto/practice.dto';
import { PRACTICE_SUBJECT } from './practices.policy';
import { PracticesService } from './practices.service';

const TRANSITION_409 =
  'Not a move of PRACTICE_TRANSITIONS from its status: `practice_transition_not_allowed`';

@ApiTags('practices')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('practices')
export class PracticesController {
  constructor(private readonly practices: PracticesService) {}

  @Post()
  @CheckPolicy('create', PRACTICE_SUBJECT)
  @ApiOperation({
    summary: 'Propose a practice of my administration (admins: of any); status `proposed`',
    description: 'With `fromDeliverableId`, an approved lab deliverable is proposed in one step.',
  })
  @ApiCreatedResponse({ type: PracticeResponse })
  @ApiProblem(403, 'Not a member of the offering administration')
  @ApiProblem(404, 'The deliverable of `fromDeliverableId` is not one I may read')
  @ApiProblem(409, 'The deliverable is not approved: `deliverable_not_approved`')
  @ApiProblem(422, 'Unknown administration or theme: `organization_not_found`, `practice_theme_unknown`')
  create(@CurrentMember() member: AuthMember, @Body() dto: CreatePracticeDto): Promise<PracticeView> {
    return this.practices.create(member, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'The catalogue: published practices and my administration’s proposals (admins: all)',
    description: '`q` is Italian full text (stemming, accents ignored); title order, cursor-paginated.',
  })
  @ApiPageResponse(PracticeResponse, '`{ items, nextCursor }`')
  list(
    @CurrentMember() member: AuthMember,
    @Query() query: PracticeCatalogueQueryDto,
  ): Promise<Page<PracticeView>> {
    return this.practices.list(member, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One practice' })
  @ApiOkResponse({ type: PracticeResponse })
  @ApiProblem(404, '`practice_not_found` (also another administration’s proposal)')
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PracticeView> {
    return this.practices.get(member, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a practice: its proposers while proposed or changes requested; admins' })
  @ApiOkResponse({ type: PracticeResponse })
  @ApiProblem(403, 'Not of the offering administration')
  @ApiProblem(404, '`practice_not_found`')
  @ApiProblem(409, 'Published or archived: `practice_not_editable`')
  @ApiProblem(422, 'Unknown theme: `practice_theme_unknown`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdatePracticeDto,
  ): Promise<PracticeView> {
    return this.practices.update(member, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a proposed practice (admins)' })
  @ApiOkResponse({ type: PracticeResponse })
  @ApiProblem(403, 'Only admins review practices')
  @ApiProblem(404, '`practice_not_found`')
  @ApiProblem(409, TRANSITION_409)
  publish(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PracticeView> {
    return this.practices.move(member, id, 'publish');
  }

  @Post(':id/request-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the proposers for changes, with a note (admins)' })
  @ApiOkResponse({ type: PracticeResponse })
  @ApiProblem(403, 'Only admins review practices')
  @ApiProblem(404, '`practice_not_found`')
  @ApiProblem(409, TRANSITION_409)
  requestChanges(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: RequestPracticeChangesDto,
  ): Promise<PracticeView> {
    return this.practices.move(member, id, 'request_changes', dto.note);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resubmit after changes were requested (the offering administration’s members)' })
  @ApiOkResponse({ type: PracticeResponse })
  @ApiProblem(403, 'Not of the offering administration')
  @ApiProblem(404, '`practice_not_found`')
  @ApiProblem(409, TRANSITION_409)
  resubmit(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PracticeView> {
    return this.practices.move(member, id, 'resubmit');
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a practice (admins); final' })
  @ApiOkResponse({ type: PracticeResponse })
  @ApiProblem(403, 'Only admins review practices')
  @ApiProblem(404, '`practice_not_found`')
  @ApiProblem(409, TRANSITION_409)
  archive(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<PracticeView> {
    return this.practices.move(member, id, 'archive');
  }
}
