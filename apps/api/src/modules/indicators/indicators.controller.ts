import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProgrammeIndicatorsView } from '@convergo/contracts';
import { ApiAuthenticated, ApiFileResponse, ApiProblem } from '../../common/openapi';
import { uuidPipe } from '../../common/uuid.pipe';
import type { AuthMember } from '../auth/auth-member';
import { CheckPolicy } from '../auth/check-policy.decorator';
import { CurrentMember } from '../auth/current-member.decorator';
import { IndicatorsQueryDto } from './dto/indicators-query.dto';
import { ProgrammeIndicatorsDto } from './dto/indicators.response';
import { IndicatorsService } from './indicators.service';

@ApiTags('programmes')
@ApiAuthenticated()
@CheckPolicy('read', 'Programme')
@Controller('programmes')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get(':id/indicators')
  @ApiOperation({
    summary:
      'The programme’s indicators computed from its labs, attendance, twinnings and practices, next to the ' +
      'reported ones; admins get the breakdowns, other members the values',
  })
  @ApiOkResponse({ type: ProgrammeIndicatorsDto })
  @ApiProblem(400, 'Invalid id, or `from`/`to` not ISO days or from after to (`invalid_indicators_period`)')
  @ApiProblem(404, 'No such programme: code `programme_not_found`')
  get(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: IndicatorsQueryDto,
  ): Promise<ProgrammeIndicatorsView> {
    return this.indicators.view(member, id, query);
  }

  @Get(':id/indicators.csv')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary:
      'The indicators with their breakdowns as CSV for Excel (admins): UTF-8 with BOM, `;` separated, ' +
      'hours with a decimal comma',
  })
  @ApiFileResponse('A row per indicator and per breakdown item', 'text/csv')
  @ApiProblem(400, 'Invalid id or period')
  @ApiProblem(403, 'Only admins export the indicators: `indicators_csv_forbidden`')
  @ApiProblem(404, 'No such programme: code `programme_not_found`')
  async csv(
    @CurrentMember() member: AuthMember,
    @Param('id', uuidPipe()) id: string,
    @Query() query: IndicatorsQueryDto,
  ): Promise<StreamableFile> {
    const { code, body } = await this.indicators.csv(member, id, query);
    return new StreamableFile(body, {
      type: 'text/csv; charset=utf-8',
      length: body.length,
      disposition: `attachment; filename="indicatori-${code.replace(/[^a-z0-9-]/gi, '_')}.csv"`,
    });
  }
}
