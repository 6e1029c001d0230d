import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
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
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Page, TwinningView } from '@convergo/contracts';
import { PageQueryDto } from '../../common/pagination.dto';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreateTwinningDto } from './dto/create-twinning.dto';
import { TWINNING_SUBJECT } from './twinnings.policy';
import { TwinningsService } from './twinnings.service';

@ApiTags('twinnings')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or invalid access token (problem+json)' })
@ApiBadRequestResponse({ description: 'Invalid id, query or fields, listed in `errors` (problem+json)' })
@Controller('twinnings')
export class TwinningsController {
  constructor(private readonly twinnings: TwinningsService) {}

  @Post()
  @CheckPolicy('create', TWINNING_SUBJECT)
  @ApiOperation({ summary: 'Create a twinning between an offering and receiving administrations (admins)' })
  @ApiCreatedResponse({ description: 'The twinning' })
  @ApiForbiddenResponse({ description: 'Only admins create twinnings' })
  @ApiConflictResponse({ description: 'Another twinning has this title: `twinning_title_taken`' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown administration: `organization_not_found`' })
  create(@CurrentMember() member: AuthMember, @Body() dto: CreateTwinningDto): Promise<TwinningView> {
    return this.twinnings.create(member, dto);
  }

  @Get()
  @ApiOperation({ summary: 'The twinnings, in title order, cursor-paginated' })
  @ApiOkResponse({
    description: '`{ items, nextCursor }`; `isParty` says whether my administration is in it',
  })
  list(@CurrentMember() member: AuthMember, @Query() query: PageQueryDto): Promise<Page<TwinningView>> {
    return this.twinnings.list(member, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One twinning with its offering and receiving administrations' })
  @ApiNotFoundResponse({ description: '`twinning_not_found`' })
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<TwinningView> {
    return this.twinnings.get(member, id);
  }
}
