import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { SearchPage } from '@convergo/contracts';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { SearchQueryDto } from './dto/search-query.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or invalid access token (problem+json)' })
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Full-text search of the posts I may read, best match first',
    description:
      'Italian stemming with accents ignored ("citta" finds "città", "progetti" finds "progetto"). ' +
      'Each hit is `{ thread, post, snippet }`; `snippet` is escaped text with matches in `<mark>`.',
  })
  @ApiBadRequestResponse({ description: 'Missing q, or invalid filters (problem+json)' })
  find(@CurrentMember() member: AuthMember, @Query() query: SearchQueryDto): Promise<SearchPage> {
    return this.search.find(member, query);
  }
}
