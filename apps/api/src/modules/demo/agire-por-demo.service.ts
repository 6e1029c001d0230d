import { Injectable, Logger } from '@nestjs/common';
import { IndicatorsService } from '../indicators/indicators.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PracticesService } from '../practices/practices.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { TwinningsService } from '../twinnings/twinnings.service';
import {
  AGIRE_POR_AREAS,
  AGIRE_POR_CODE,
  AGIRE_POR_DEMO_NOTE,
  AGIRE_POR_ECONOMIC_OPERATORS,
  agirePorTwinnings,
} from './agire-por.demo-data';

/** Loads the AGIRE POR demo world (practices, 33 twinnings, 35 economic operators); idempotent. */
@Injectable()
export class AgirePorDemoService {
  private readonly logger = new Logger(AgirePorDemoService.name);

  constructor(
    private readonly programmes: ProgrammesService,
    private readonly organizations: OrganizationsService,
    private readonly practices: PracticesService,
    private readonly twinnings: TwinningsService,
    private readonly indicators: IndicatorsService,
  ) {}

  async load(): Promise<void> {
    const programmeId = await this.programmes.idByCode(AGIRE_POR_CODE);
    if (!programmeId) {
      this.logger.warn(`demo: no programme ${AGIRE_POR_CODE}`);
      return;
    }
    const twinnings = agirePorTwinnings();
    const organizations = await this.organizations.findByIstatCodes([
      ...new Set([
        ...AGIRE_POR_AREAS.map((area) => area.offeringIstatCode),
        ...twinnings.flatMap((t) => [t.offeringIstatCode, ...t.receivingIstatCodes]),
      ]),
    ]);
    const practiceIds = new Map<string, string>();
    for (const area of AGIRE_POR_AREAS) {
      const offering = organizations.get(area.offeringIstatCode);
      if (!offering) continue;
      practiceIds.set(
        area.theme,
        await this.practices.ensureDemoPractice({
          title: area.practiceTitle,
          summary: area.summary,
          description: `${area.summary}\n\n${AGIRE_POR_DEMO_NOTE}`,
          territory: offering.name,
          periodFrom: '2009-01-01',
          periodTo: '2015-12-31',
          results: '',
          licence: null,
          handedOver: 'Metodo, documentazione e affiancamento degli uffici',
          effort: '',
          contactOffice: null,
          contactEmail: null,
          contactPhone: null,
          contactWebsite: null,
          offeringOrganizationId: offering.id,
          status: 'published',
          themes: [area.theme],
          programmeId,
        }),
      );
    }
    let missing = 0;
    for (const twinning of twinnings) {
      const offering = organizations.get(twinning.offeringIstatCode);
      const receiving = twinning.receivingIstatCodes.flatMap((code) => organizations.get(code)?.id ?? []);
      if (!offering || receiving.length === 0) {
        missing += 1;
        continue;
      }
      await this.twinnings.ensureDemoTwinning({
        title: twinning.title,
        practiceTitle: twinning.area.practiceTitle,
        practiceDescription: `${twinning.area.summary} ${AGIRE_POR_DEMO_NOTE}`,
        offeringOrganizationId: offering.id,
        receivingOrganizationIds: receiving,
        status: twinning.status,
        programmeId,
        practiceId: practiceIds.get(twinning.area.theme) ?? null,
        createdAt: twinning.createdAt,
      });
    }
    if (missing > 0) this.logger.warn(`demo AGIRE POR: ${missing} twinnings lack their administrations`);
    await this.indicators.ensureEconomicOperators(programmeId, AGIRE_POR_ECONOMIC_OPERATORS);
  }
}
