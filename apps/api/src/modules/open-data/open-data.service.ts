import { Injectable } from '@nestjs/common';
import type { PracticeOpenDataRecord } from '@convergo/contracts';
import { Environment } from '../../config/environment';
import { PracticesService } from '../practices/practices.service';
import { openDataCatalog, openDataSchema, toOpenDataCsv, toOpenDataRecord } from './practices-open-data';

/** The public, read-only open data: the published practices, their schema, the DCAT-AP_IT catalogue. */
@Injectable()
export class OpenDataService {
  private readonly publicUrl: string;

  constructor(
    private readonly practices: PracticesService,
    env: Environment,
  ) {
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  }

  async practicesJson(): Promise<{ items: PracticeOpenDataRecord[] }> {
    const published = await this.practices.published();
    return { items: published.map((item) => toOpenDataRecord(item, this.publicUrl)) };
  }

  async practicesCsv(): Promise<string> {
    return toOpenDataCsv((await this.practicesJson()).items);
  }

  practicesSchema(): Record<string, unknown> {
    return openDataSchema(this.publicUrl);
  }

  async catalog(): Promise<Record<string, unknown>> {
    const { items } = await this.practicesJson();
    const modified =
      items
        .map((item) => item.data_aggiornamento)
        .sort()
        .at(-1) ?? null;
    return openDataCatalog(this.publicUrl, modified);
  }
}
