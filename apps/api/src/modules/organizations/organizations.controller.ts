import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrganizationView, Page } from '@convergo/contracts';
import { ApiAuthenticated, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { Public } from '../auth/public.decorator';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import {
  OrganizationPageResponse,
  OrganizationResponse,
  RegionListResponse,
  type RegionResponse,
} from './dto/organization.response';
import { SearchOrganizationsQuery } from './dto/search-organizations.query';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { OrganizationsService } from './organizations.service';

/**
 * Reads are public (the access-request form searches before anyone logs in) and rate-limited
 * by the global throttler; writes are for administrators.
 */
@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Search the directory: name words (accent-insensitive), region, kind, convergence',
  })
  @ApiOkResponse({ type: OrganizationPageResponse })
  @ApiProblem(400, 'Invalid filter or cursor')
  search(@Query() query: SearchOrganizationsQuery): Promise<Page<OrganizationView>> {
    return this.organizations.search(query);
  }

  /** Declared before `:id`, which would otherwise answer "regions is not a UUID". */
  @Public()
  @Get('regions')
  @ApiOperation({ summary: 'The 20 regions, the values of the region filter, with their Convergence flag' })
  @ApiOkResponse({ type: RegionListResponse })
  regions(): { items: RegionResponse[] } {
    return { items: this.organizations.regions() };
  }

  @Public()
  @Get(':id')
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiProblem(404, 'organization_not_found')
  findOne(@Param('id', uuidPipe()) id: string): Promise<OrganizationView> {
    return this.organizations.findById(id);
  }

  @Post()
  @ApiAuthenticated()
  @CheckPolicy('manage', 'Organization')
  @ApiOperation({ summary: 'Add a central administration, university, public body or agency (admins)' })
  @ApiCreatedResponse({ type: OrganizationResponse })
  @ApiProblem(403, 'Not an administrator')
  @ApiProblem(409, 'organization_duplicate: same kind, name and region')
  create(@Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.create(dto);
  }

  @Patch(':id')
  @ApiAuthenticated()
  @CheckPolicy('manage', 'Organization')
  @ApiOperation({
    summary: 'Change an organisation (admins); ISTAT reference rows keep their name, kind and region',
  })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiProblem(409, 'organization_duplicate or organization_reference_read_only')
  update(@Param('id', uuidPipe()) id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.update(id, dto);
  }
}
