import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiOkResponse,
} from '@nestjs/swagger';
import type { Page, SpaceMemberView, SpaceSubscriptionView, SpaceView } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { PageQueryDto } from '../../common/pagination.dto';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { AddSpaceMemberDto } from './dto/add-space-member.dto';
import { CreateSpaceDto } from './dto/create-space.dto';
import { SpaceQueryDto } from './dto/space-query.dto';
import { UpdateSpaceDto } from './dto/update-space.dto';
import { SPACE_SUBJECT } from './spaces.policy';
import { SpacesService } from './spaces.service';
import { SpaceMemberResponse, SpaceResponse, SpaceSubscriptionResponse } from './dto/space.response';

@ApiTags('spaces')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('spaces')
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  @Post()
  @CheckPolicy('create', SPACE_SUBJECT)
  @ApiOperation({ summary: 'Create a space (global moderators and admins)' })
  @ApiCreatedResponse({ type: SpaceResponse, description: 'The space' })
  @ApiProblem(403, 'Only moderators and admins create spaces')
  @ApiProblem(409, 'Another space has this name: `space_name_taken`')
  @ApiProblem(
    400,
    'visibility `lab` without `labId`, an unknown lab (`lab_not_found`), or `labId` with another visibility',
  )
  create(@CurrentMember() member: AuthMember, @Body() dto: CreateSpaceDto): Promise<SpaceView> {
    return this.spaces.create(member, dto);
  }

  @Get()
  @ApiOperation({ summary: 'The spaces I may read, in name order, cursor-paginated' })
  @ApiPageResponse(SpaceResponse)
  list(@CurrentMember() member: AuthMember, @Query() query: SpaceQueryDto): Promise<Page<SpaceView>> {
    return this.spaces.list(member, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One space, with my role in it' })
  @ApiOkResponse({ type: SpaceResponse })
  @ApiProblem(403, 'Private space I was not invited to, or lab space of a lab I am not in: `space_forbidden`')
  @ApiProblem(404, '`space_not_found`')
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<SpaceView> {
    return this.spaces.get(member, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename, describe or change the visibility (space moderators, moderators, admins)',
  })
  @ApiOkResponse({ type: SpaceResponse })
  @ApiProblem(403, 'Not a moderator of this space')
  @ApiProblem(404, '`space_not_found`')
  @ApiProblem(409, 'Another space has this name: `space_name_taken`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateSpaceDto,
  ): Promise<SpaceView> {
    return this.spaces.update(member, id, dto);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'Invited members and moderators of the space, by name' })
  @ApiPageResponse(SpaceMemberResponse)
  members(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<SpaceMemberView>> {
    return this.spaces.listMembers(member, id, query);
  }

  @Post(':id/members')
  @ApiOperation({
    summary: 'Invite a member (role member) or appoint a space moderator (role moderator, admins only)',
  })
  @ApiCreatedResponse({ type: SpaceMemberResponse, description: 'The member and their role in the space' })
  @ApiProblem(403, 'Not allowed to invite, or to appoint moderators')
  addMember(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: AddSpaceMemberDto,
  ): Promise<SpaceMemberView> {
    return this.spaces.addMember(member, id, dto);
  }

  @Delete(':id/members/:memberId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a member from the space (or leave it)' })
  @ApiNoContentResponse({ description: 'Removed; their sockets leave the rooms they may no longer read' })
  async removeMember(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('memberId', uuidPipe('memberId')) memberId: string,
  ): Promise<void> {
    await this.spaces.removeMember(member, id, memberId);
  }

  @Post(':id/subscription')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Follow the space: be notified of new threads' })
  @ApiOkResponse({ type: SpaceSubscriptionResponse })
  follow(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<SpaceSubscriptionView> {
    return this.spaces.follow(member, id, true);
  }

  @Delete(':id/subscription')
  @ApiOperation({ summary: 'Stop following the space' })
  @ApiOkResponse({ type: SpaceSubscriptionResponse })
  unfollow(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<SpaceSubscriptionView> {
    return this.spaces.follow(member, id, false);
  }
}
