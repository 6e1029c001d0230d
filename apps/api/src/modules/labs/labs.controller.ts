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
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  LabGroupMemberView,
  LabGroupView,
  LabParticipantView,
  LabView,
  Page,
} from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../common/openapi';
import { PageQueryDto } from '../../common/pagination.dto';
import { LabCatalogueQueryDto } from './dto/lab-catalogue.query';
import { SetLabStatusDto } from './dto/set-lab-status.dto';
import { UpdateLabDto } from './dto/update-lab.dto';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { CreateLabGroupDto } from './dto/create-lab-group.dto';
import { CreateLabDto } from './dto/create-lab.dto';
import { SetLabParticipantDto } from './dto/set-lab-participant.dto';
import { LAB_STATUS_SUBJECT, LAB_SUBJECT } from './labs.policy';
import { LabsService } from './labs.service';
import {
  LabGroupMemberResponse,
  LabGroupResponse,
  LabParticipantResponse,
  LabResponse,
} from './dto/lab.response';

@ApiTags('labs')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('labs')
export class LabsController {
  constructor(private readonly labs: LabsService) {}

  @Post()
  @CheckPolicy('create', LAB_SUBJECT)
  @ApiOperation({ summary: 'Create a lab (admins)' })
  @ApiCreatedResponse({ type: LabResponse, description: 'The lab' })
  @ApiProblem(403, 'Only admins create labs')
  @ApiProblem(409, 'Another lab has this title: `lab_title_taken`')
  create(@CurrentMember() member: AuthMember, @Body() dto: CreateLabDto): Promise<LabView> {
    return this.labs.create(member, dto);
  }

  @Get()
  @ApiOperation({
    summary:
      'The lab catalogue (every member), in title order, cursor-paginated; filters by ambito, status, region',
  })
  @ApiPageResponse(LabResponse, '`{ items, nextCursor }` of labs, each with counts and `myRole`')
  list(@CurrentMember() member: AuthMember, @Query() query: LabCatalogueQueryDto): Promise<Page<LabView>> {
    return this.labs.list(member, query);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change a lab: admins any field; its tutors the description, objectives, expected results, target administrations',
  })
  @ApiOkResponse({ type: LabResponse })
  @ApiProblem(403, 'Not an admin nor a tutor of this lab, or a field for admins only: `lab_field_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  @ApiProblem(409, 'Another lab has this title: `lab_title_taken`')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateLabDto,
  ): Promise<LabView> {
    return this.labs.update(member, id, dto);
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @CheckPolicy('update', LAB_STATUS_SUBJECT)
  @ApiOperation({ summary: 'Move the lab along LAB_STATUS_TRANSITIONS (admins)' })
  @ApiOkResponse({ type: LabResponse })
  @ApiProblem(403, 'Only admins change the status of a lab')
  @ApiProblem(404, '`lab_not_found`')
  @ApiProblem(409, 'Not allowed from the current status: `lab_status_transition_not_allowed`')
  setStatus(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: SetLabStatusDto,
  ): Promise<LabView> {
    return this.labs.setStatus(member, id, dto.status);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One lab, with its counts and my role in it' })
  @ApiOkResponse({ type: LabResponse })
  @ApiProblem(404, '`lab_not_found`')
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<LabView> {
    return this.labs.get(member, id);
  }

  @Get(':id/participants')
  @ApiOperation({ summary: 'Participants and tutors of the lab, by name (its own people and admins)' })
  @ApiPageResponse(LabParticipantResponse)
  @ApiProblem(403, 'Not in this lab: `lab_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  participants(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<LabParticipantView>> {
    return this.labs.listParticipants(member, id, query);
  }

  @Put(':id/participants/:memberId')
  @ApiOperation({
    summary: 'Enrol a member as participant (admins, tutors of the lab) or tutor (admins only)',
  })
  @ApiOkResponse({ type: LabParticipantResponse, description: 'The member and their role in the lab' })
  @ApiProblem(403, 'Not an admin nor a tutor of this lab')
  @ApiProblem(404, '`lab_not_found`')
  @ApiProblem(422, 'No active member has this id: `member_not_found`')
  setParticipant(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('memberId', uuidPipe('memberId')) memberId: string,
    @Body() dto: SetLabParticipantDto,
  ): Promise<LabParticipantView> {
    return this.labs.setParticipant(member, id, memberId, dto.role);
  }

  @Delete(':id/participants/:memberId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a member from the lab and its groups (admins; tutors for participants)' })
  @ApiNoContentResponse({ description: 'Removed; they lose access to the lab’s spaces and documents' })
  @ApiProblem(404, '`lab_not_found`, `lab_participant_not_found`')
  async removeParticipant(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('memberId', uuidPipe('memberId')) memberId: string,
  ): Promise<void> {
    await this.labs.removeParticipant(member, id, memberId);
  }

  @Post(':id/groups')
  @ApiOperation({ summary: 'Form a working group of participants (admins, tutors of the lab)' })
  @ApiCreatedResponse({ type: LabGroupResponse, description: 'The group with its members' })
  @ApiProblem(409, 'The lab has a group with this name: `lab_group_name_taken`')
  @ApiProblem(422, 'A member is not in the lab: `not_lab_participant`')
  createGroup(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateLabGroupDto,
  ): Promise<LabGroupView> {
    return this.labs.createGroup(member, id, dto);
  }

  @Get(':id/groups')
  @ApiOperation({ summary: 'Working groups of the lab with their members, by name' })
  @ApiPageResponse(LabGroupResponse)
  @ApiProblem(403, 'Not in this lab: `lab_forbidden`')
  groups(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<LabGroupView>> {
    return this.labs.listGroups(member, id, query);
  }

  @Put(':id/groups/:groupId/members/:memberId')
  @ApiOperation({ summary: 'Put a participant of the lab in the group (admins, tutors of the lab)' })
  @ApiOkResponse({ type: LabGroupMemberResponse, description: 'The membership' })
  @ApiProblem(404, '`lab_not_found`, `lab_group_not_found`')
  @ApiProblem(422, 'Not in the lab: `not_lab_participant`')
  addGroupMember(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('groupId', uuidPipe('groupId')) groupId: string,
    @Param('memberId', uuidPipe('memberId')) memberId: string,
  ): Promise<LabGroupMemberView> {
    return this.labs.addGroupMember(member, id, groupId, memberId);
  }

  @Delete(':id/groups/:groupId/members/:memberId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Take a member out of the group (admins, tutors of the lab)' })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblem(404, '`lab_group_not_found`, `lab_group_member_not_found`')
  async removeGroupMember(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Param('groupId', uuidPipe('groupId')) groupId: string,
    @Param('memberId', uuidPipe('memberId')) memberId: string,
  ): Promise<void> {
    await this.labs.removeGroupMember(member, id, groupId, memberId);
  }
}
