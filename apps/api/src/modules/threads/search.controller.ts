import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SearchPage } from '@convergo/contracts';
import { ApiAuthenticated, ApiPageResponse, ApiProblem } from '../../common/openapi';
import type { AuthMember } from '../auth/auth-member';
import { CurrentMember } from '../auth/current-member.decorator';
import { SearchQueryDto } from './dto/search-query.dto';
import { SearchService } from './search.service';
import { SearchHitResponse } from './dto/thread.response';

@ApiTags('search')
@ApiAuthenticated()
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
  @ApiPageResponse(SearchHitResponse)
  @ApiProblem(400, 'Missing q, or invalid filters')
  find(@CurrentMember() member: AuthMember, @Query() query: SearchQueryDto): Promise<SearchPage> {
    return this.search.find(member, query);
  }
}
