import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  OrganizationNeedsView,
  SuggestedOrganization,
  SuggestedPractice,
  SuggestionList,
} from '@convergo/contracts';
import { ApiAuthenticated, ApiItemsResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { OrganizationNeedsResponse, UpdateOrganizationNeedsDto } from './dto/organization-needs.dto';
import { SuggestedOrganizationResponse, SuggestedPracticeResponse } from './dto/suggestion.response';
import { PRACTICE_MATCHING_SUBJECT } from './matching.policy';
import { MatchingService } from './matching.service';

@ApiTags('matching')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('organizations')
export class OrganizationNeedsController {
  constructor(private readonly matching: MatchingService) {}

  @Get(':id/needs')
  @ApiOperation({ summary: 'The needs (fabbisogni) an administration declared; empty while none' })
  @ApiOkResponse({ type: OrganizationNeedsResponse })
  @ApiProblem(404, '`organization_not_found`')
  getNeeds(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<OrganizationNeedsView> {
    return this.matching.getNeeds(member, id);
  }

  @Put(':id/needs')
  @ApiOperation({
    summary: 'Declare the administration’s needs: themes and a description (its referent, admins)',
  })
  @ApiOkResponse({ type: OrganizationNeedsResponse })
  @ApiProblem(403, 'Not the referent of this administration')
  @ApiProblem(404, '`organization_not_found`')
  @ApiProblem(422, 'Unknown theme codes: `practice_theme_unknown`')
  putNeeds(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Body() dto: UpdateOrganizationNeedsDto,
  ): Promise<OrganizationNeedsView> {
    return this.matching.updateNeeds(member, id, dto);
  }

  @Get(':id/suggested-practices')
  @ApiOperation({
    summary:
      'Published practices suggested for the administration’s needs, best first, with score and reasons',
  })
  @ApiItemsResponse(SuggestedPracticeResponse, '`{ items }`, at most 20; empty without needs')
  @ApiProblem(404, '`organization_not_found`')
  suggestedPractices(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<SuggestionList<SuggestedPractice>> {
    return this.matching.suggestedPractices(member, id);
  }
}

@ApiTags('matching')
@ApiAuthenticated()
@ApiProblem(400)
@Controller('practices')
export class PracticeMatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get(':id/suggested-organizations')
  @CheckPolicy('read', PRACTICE_MATCHING_SUBJECT)
  @ApiOperation({
    summary: 'Administrations whose needs match the published practice, best first, with reasons (admins)',
  })
  @ApiItemsResponse(SuggestedOrganizationResponse, '`{ items }`, at most 20')
  @ApiProblem(403, 'Only admins')
  @ApiProblem(404, '`practice_not_found`')
  suggestedOrganizations(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
  ): Promise<SuggestionList<SuggestedOrganization>> {
    return this.matching.suggestedOrganizations(member, id);
  }
}
