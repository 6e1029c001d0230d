import { Injectable, Logger } from '@nestjs/common';
import { MembersService } from '../members/members.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { SpacesService } from '../spaces/spaces.service';
import { DEMO_ACCOUNTS, DEMO_NATIONAL_BODIES, DEMO_PASSWORD } from './demo-accounts';

export interface DemoCredentials {
  email: string;
  role: string;
  organization: string;
}

/**
 * The demo world of the source documents: programmes, the national bodies that run them and
 * an account per role in administrations of the four Convergence regions. Idempotent.
 */
@Injectable()
export class DemoWorldService {
  private readonly logger = new Logger(DemoWorldService.name);

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly members: MembersService,
    private readonly programmes: ProgrammesService,
    private readonly spaces: SpacesService,
  ) {}

  async load(): Promise<DemoCredentials[]> {
    await this.programmes.upsertDemoProgrammes();
    await this.spaces.ensureDemoSpaces();
    const bodies = new Map<string, string>();
    for (const body of DEMO_NATIONAL_BODIES) {
      bodies.set(body.name, await this.organizations.ensureOrganization(body));
    }
    const istatCodes = DEMO_ACCOUNTS.flatMap((a) =>
      'istatCode' in a.organization ? [a.organization.istatCode] : [],
    );
    const municipalities = await this.organizations.findByIstatCodes(istatCodes);

    const credentials: DemoCredentials[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const organization =
        'istatCode' in account.organization
          ? municipalities.get(account.organization.istatCode)
          : { id: bodies.get(account.organization.name)!, name: account.organization.name };
      if (!organization) {
        this.logger.warn(
          `demo account ${account.email}: no organisation ${JSON.stringify(account.organization)}`,
        );
        continue;
      }
      if (!(await this.members.emailExists(account.email))) {
        await this.members.createMember({
          email: account.email,
          password: DEMO_PASSWORD,
          displayName: account.displayName,
          role: account.role,
          organizationId: organization.id,
          isReferent: account.isReferent ?? false,
          jobTitle: account.jobTitle,
          interests: account.interests,
        });
      }
      credentials.push({ email: account.email, role: account.role, organization: organization.name });
    }
    return credentials;
  }

  /** "Empty" means nobody has used this installation yet: no member and no programme. */
  async isEmpty(): Promise<boolean> {
    return (await this.members.count()) === 0 && (await this.programmes.count()) === 0;
  }
}
