import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, TwinningView } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { PageQueryDto } from '../../common/pagination.dto';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreateTwinningDto } from './dto/create-twinning.dto';
import { TWINNING_SUBJECT } from './twinnings.policy';
import { TwinningsService } from './twinnings.service';
import { TwinningResponse } from './dto/twinning.response';

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
  @ApiOperation({ summary: 'The twinnings, in title order, cursor-paginated' })
  @ApiPageResponse(
    TwinningResponse,
    '`{ items, nextCursor }`; `isParty` says whether my administration is in it',
  )
  list(@CurrentMember() member: AuthMember, @Query() query: PageQueryDto): Promise<Page<TwinningView>> {
    return this.twinnings.list(member, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One twinning with its offering and receiving administrations' })
  @ApiOkResponse({ type: TwinningResponse })
  @ApiProblem(404, '`twinning_not_found`')
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<TwinningView> {
    return this.twinnings.get(member, id);
  }
}
