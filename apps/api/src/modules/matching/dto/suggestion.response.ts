import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { SuggestedOrganization, SuggestedPractice, SuggestedPracticeRef } from '@convergo/contracts';
import { OrganizationSummaryResponse } from '../../../common/openapi';

const REASONS: ApiPropertyOptions = {
  type: [String],
  example: ['stesso tema: Servizi ai cittadini', 'adottata da 3 comuni in Campania', 'regione Convergenza'],
  description: 'Plain Italian reasons, each citing an attribute the two share',
};

export class SuggestedPracticeRefResponse implements SuggestedPracticeRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: OrganizationSummaryResponse }) offeringOrganization: OrganizationSummaryResponse;
}

export class SuggestedPracticeResponse implements SuggestedPractice {
  @ApiProperty({ type: SuggestedPracticeRefResponse }) practice: SuggestedPracticeRefResponse;
  @ApiProperty({ description: 'Sum of the weights of the reasons (MATCHING_WEIGHTS)' }) score: number;
  @ApiProperty(REASONS) reasons: string[];
}

export class SuggestedOrganizationResponse implements SuggestedOrganization {
  @ApiProperty({ type: OrganizationSummaryResponse }) organization: OrganizationSummaryResponse;
  @ApiProperty({ description: 'Sum of the weights of the reasons (MATCHING_WEIGHTS)' }) score: number;
  @ApiProperty(REASONS) reasons: string[];
}
