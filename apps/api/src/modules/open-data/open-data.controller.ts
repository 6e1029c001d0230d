import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { PracticeOpenDataRecord } from '@convergo/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFileResponse } from '../../common/openapi';
import { Public } from '../auth/public.decorator';
import { OpenDataService } from './open-data.service';

/** Open data: public, no token, read-only. Column names are PRACTICE_OPEN_DATA_COLUMNS. */
@ApiTags('open-data')
@Public()
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Get('practices.json')
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOperation({
    summary: 'Every published practice (public): `{ items }`, records as in practices.schema.json',
  })
  @ApiOkResponse({
    description: '`{ items: [record…] }`; see practices.schema.json',
    schema: { type: 'object' },
  })
  practicesJson(): Promise<{ items: PracticeOpenDataRecord[] }> {
    return this.openData.practicesJson();
  }

  @Get('practices.csv')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary: 'Every published practice as CSV (public): RFC 4180, UTF-8, comma, stable header row',
  })
  @ApiFileResponse('A line per published practice', 'text/csv')
  async practicesCsv(@Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    res.header('Content-Type', 'text/csv; charset=utf-8');
    res.header('Content-Disposition', 'inline; filename="buone-pratiche.csv"');
    return this.openData.practicesCsv();
  }

  @Get('practices.schema.json')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Content-Type', 'application/schema+json; charset=utf-8')
  @ApiOperation({ summary: 'The JSON Schema (draft 2020-12) of practices.json (public)' })
  @ApiProduces('application/schema+json')
  @ApiOkResponse({ description: 'A JSON Schema', schema: { type: 'object' } })
  practicesSchema(): Record<string, unknown> {
    return this.openData.practicesSchema();
  }

  @Get('catalog.jsonld')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Content-Type', 'application/ld+json; charset=utf-8')
  @ApiOperation({ summary: 'The DCAT-AP_IT description of the open datasets, JSON-LD (public)' })
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ description: 'dcat:Catalog with the practices dcat:Dataset', schema: { type: 'object' } })
  catalog(): Promise<Record<string, unknown>> {
    return this.openData.catalog();
  }
}
