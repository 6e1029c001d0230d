import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeliverableView } from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { DeliverablesService } from './deliverables.service';
import { CreateDeliverableDto } from './dto/create-deliverable.dto';
import { DeliverableResponse } from './dto/deliverable.response';
import { ReviewDeliverableDto } from './dto/review-deliverable.dto';

@ApiTags('deliverables')
@ApiAuthenticated()
@ApiProblem(400)
@Controller()
export class DeliverablesController {
  constructor(private readonly deliverables: DeliverablesService) {}

  @Post('labs/:id/deliverables')
  @ApiOperation({
    summary:
      'Set a product for a working group (tutors of the lab, admins); its document belongs to the group',
  })
  @ApiCreatedResponse({ type: DeliverableResponse, description: 'The deliverable, in `draft`' })
  @ApiProblem(400, 'Invalid fields, or `groupId`/`moduleId` not of this lab')
  @ApiProblem(403, 'Not a tutor of this lab: `deliverable_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: CreateDeliverableDto,
  ): Promise<DeliverableView> {
    return this.deliverables.create(member, id, dto);
  }

  @Get('labs/:id/deliverables')
  @ApiOperation({
    summary:
      'Every group’s products with status and due date (the lab’s people); reviews for the group and tutors',
  })
  @ApiItemsResponse(DeliverableResponse)
  @ApiProblem(403, 'Not in this lab: `deliverable_forbidden`')
  @ApiProblem(404, '`lab_not_found`')
  list(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<{ items: DeliverableView[] }> {
    return this.deliverables.list(member, id);
  }

  @Get('deliverables/:id')
  @ApiOperation({
    summary: 'One deliverable with its submissions and (for the group and tutors) its reviews',
  })
  @ApiOkResponse({ type: DeliverableResponse })
  @ApiProblem(404, '`deliverable_not_found` (also when not in its lab)')
  get(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<DeliverableView> {
    return this.deliverables.get(member, id);
  }

  @Post('deliverables/:id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Submit for review (a member of the group): the document’s current state is frozen as a version',
  })
  @ApiOkResponse({ type: DeliverableResponse, description: '`submitted`, with `submittedVersionId`' })
  @ApiProblem(403, 'Not in the working group: `deliverable_forbidden`')
  @ApiProblem(404, '`deliverable_not_found`')
  @ApiProblem(409, 'Not allowed from the current status: `deliverable_transition_not_allowed`')
  submit(@CurrentMember() member: AuthMember, @Param('id', uuidPipe()) id: string): Promise<DeliverableView> {
    return this.deliverables.submit(member, id);
  }

  @Post('deliverables/:id/review')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Review the submitted version (tutors of the lab, admins): changes requested or approved',
  })
  @ApiOkResponse({ type: DeliverableResponse })
  @ApiProblem(403, 'Not a tutor of this lab: `deliverable_forbidden`')
  @ApiProblem(404, '`deliverable_not_found`')
  @ApiProblem(409, 'Not `submitted`: `deliverable_transition_not_allowed`')
  review(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: ReviewDeliverableDto,
  ): Promise<DeliverableView> {
    return this.deliverables.review(member, id, dto);
  }
}
