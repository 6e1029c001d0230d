import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, PracticeAdopterView, TwinningActivityView, TwinningView } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreateTwinningDto } from './dto/create-twinning.dto';
import { TWINNING_SUBJECT } from './twinnings.policy';
import { TwinningsService } from './twinnings.service';
import { TwinningActivityResponse, TwinningResponse } from './dto/twinning.response';
import { PracticeAdopterResponse } from './dto/practice-adopter.response';
import { TwinningListQueryDto } from './dto/twinning-list-query.dto';
import { UpdateTwinningDto } from './dto/update-twinning.dto';
import {
  ChangeTwinningStatusDto,
  CreateTwinningActivityDto,
  CreateTwinningRequestDto,
  UpdateTwinningActivityDto,
} from './dto/twinning-lifecycle.dto';

@ApiTags('twinnings')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('twinnings')
export class TwinningsController {
  constructor(private readonly twinnings: TwinningsService) {}

  @Post()
  @CheckPolicy('create', TWINNING_SUBJECT)
  @ApiOperation({ summary: 'Create a twinning between an offering and receiving administrations (admins)' })
  @ApiCreatedResponse({ type: TwinningResponse, description: 'The twinning' })
  @ApiProblem(403, 'Only admins create twinnings')
  @ApiProblem(409, 'Another twinning has this title: `twinning_title_taken`')
  @ApiProblem(422, 'Unknown administration: `organization_not_found`')
  create(@CurrentMember() member: AuthMember, @Body() dto: CreateTwinningDto): Promise<TwinningView> {
    return this.twinnings.create(member, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'The twinnings, in title order, cursor-paginated; by status, or only my administration’s',
  })
  @ApiPageResponse(
    TwinningResponse,
    '`{ items, nextCursor }`; `isParty` says whether my administration is in it',
  )
  list(
    @CurrentMember() member: AuthMember,
    @Query() query: TwinningListQueryDto,
  ): Promise<Page<TwinningView>> {
    return this.twinnings.list(member, query);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the twinning along TWINNING_TRANSITIONS (admins)' })
  @ApiOkResponse({ type: TwinningResponse })
  @ApiProblem(403, 'Only admins')
  @ApiProblem(404, '`twinning_not_found`')
  @ApiProblem(409, 'Not a move of the table: `twinning_transition_not_allowed`')
  changeStatus(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: ChangeTwinningStatusDto,
  ): Promise<TwinningView> {
    return this.twinnings.changeStatus(member, id, dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit the planned dates, budget and outcomes (the parties’ referents, admins)',
  })
  @ApiOkResponse({ type: TwinningResponse, description: 'The twinning; `twinning.updated` to its room' })
  @ApiProblem(403, 'Not a referent of a party')
  @ApiProblem(404, '`twinning_not_found`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateTwinningDto,
  ): Promise<TwinningView> {
    return this.twinnings.update(member, id, dto);
  }

  @Post(':id/activities')
  @ApiOperation({ summary: 'Add an activity to the twinning (parties’ members, admins)' })
  @ApiCreatedResponse({ type: TwinningActivityResponse })
  @ApiProblem(403, 'Not a member of a party')
  @ApiProblem(404, '`twinning_not_found`')
  addActivity(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateTwinningActivityDto,
  ): Promise<TwinningActivityView> {
    return this.twinnings.addActivity(member, id, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One twinning with its administrations, status history and activities' })
  @ApiOkResponse({ type: TwinningResponse })
  @ApiProblem(404, '`twinning_not_found`')
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<TwinningView> {
    return this.twinnings.get(member, id);
  }
}

@ApiTags('twinnings')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('twinning-activities')
export class TwinningActivitiesController {
  constructor(private readonly twinnings: TwinningsService) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Mark a twinning activity done or not (parties’ members, admins)' })
  @ApiOkResponse({ type: TwinningActivityResponse })
  @ApiProblem(403, 'Not a member of a party')
  @ApiProblem(404, '`twinning_activity_not_found`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateTwinningActivityDto,
  ): Promise<TwinningActivityView> {
    return this.twinnings.setActivityDone(member, id, dto.done);
  }
}

@ApiTags('twinnings')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('practices')
export class PracticeTwinningsController {
  constructor(private readonly twinnings: TwinningsService) {}

  @Post(':id/twinning-requests')
  @ApiOperation({
    summary: 'Request a twinning on a published practice (the receiving administration’s referent, admins)',
  })
  @ApiCreatedResponse({ type: TwinningResponse, description: 'The twinning, in `candidatura`' })
  @ApiProblem(403, 'Not the referent of this administration')
  @ApiProblem(404, '`practice_not_found`')
  @ApiProblem(409, '`practice_not_published`, `twinning_already_requested`')
  @ApiProblem(422, 'Unknown administration: `organization_not_found`')
  request(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateTwinningRequestDto,
  ): Promise<TwinningView> {
    return this.twinnings.request(member, id, dto);
  }

  @Get(':id/adopters')
  @ApiOperation({
    summary: 'Who adopted the practice: receiving administrations of its twinnings in progress or concluded',
  })
  @ApiOkResponse({ type: [PracticeAdopterResponse], description: 'Earliest start first' })
  @ApiProblem(404, '`practice_not_found`')
  adopters(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<PracticeAdopterView[]> {
    return this.twinnings.adopters(member, id);
  }

  @Get(':id/twinnings')
  @ApiOperation({ summary: 'The twinnings of a practice, newest first' })
  @ApiOkResponse({ type: [TwinningResponse] })
  @ApiProblem(404, '`practice_not_found`')
  list(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<TwinningView[]> {
    return this.twinnings.listForPractice(member, id);
  }
}
