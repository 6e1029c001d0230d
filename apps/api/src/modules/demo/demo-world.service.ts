import { Injectable, Logger } from '@nestjs/common';
import { DEMO_AMBITO_A_MODULES } from '../labs/lab-modules/lab-modules.demo-data';
import { LabModulesService } from '../labs/lab-modules/lab-modules.service';
import { LabsService } from '../labs/labs.service';
import { DEMO_AMBITO_A_SESSIONS, romeWallClock } from '../sessions/sessions.demo-data';
import { SessionsService } from '../sessions/sessions.service';
import {
  DEMO_LAB,
  DEMO_LAB_PARTICIPANT_EMAILS,
  DEMO_LAB_TUTOR_EMAILS,
  DEMO_LABS_B_C,
} from '../labs/labs.demo-data';
import { MembersService } from '../members/members.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { SpacesService } from '../spaces/spaces.service';
import { DEMO_TWINNING } from '../twinnings/twinnings.demo-data';
import { DEMO_PRACTICES } from '../practices/practices.demo-data';
import { DEMO_NEEDS } from '../matching/matching.demo-data';
import { MatchingService } from '../matching/matching.service';
import { PracticesService } from '../practices/practices.service';
import { TwinningsService } from '../twinnings/twinnings.service';
import { DEMO_TUTORING_BOOKER_EMAIL, DEMO_TUTORING_MORE_BOOKINGS } from '../tutoring/tutoring.demo-data';
import { DEMO_COMMUNITY_HANDLES, type DemoHandle } from '../threads/threads.demo-data';
import { TutoringService } from '../tutoring/tutoring.service';
import { AgirePorDemoService } from './agire-por-demo.service';
import { CommunityDemoService, type DemoMember } from './community-demo.service';
import { DocumentsDemoService } from './documents-demo.service';
import { DEMO_ACCOUNTS, DEMO_NATIONAL_BODIES, DEMO_PASSWORD, type DemoAccount } from './demo-accounts';

/** The role as the README's table names it: role `member` is an official, maybe their administration's referent. */
export function demoRoleLabel(account: Pick<DemoAccount, 'role' | 'isReferent'>): string {
  const role = account.role === 'member' ? 'official' : account.role;
  return account.isReferent ? `${role}, referent` : role;
}

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
    private readonly labs: LabsService,
    private readonly twinnings: TwinningsService,
    private readonly practices: PracticesService,
    private readonly labModules: LabModulesService,
    private readonly sessions: SessionsService,
    private readonly tutoring: TutoringService,
    private readonly matching: MatchingService,
    private readonly agirePor: AgirePorDemoService,
    private readonly community: CommunityDemoService,
    private readonly workDocuments: DocumentsDemoService,
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
    const memberIds = new Map<string, string>();
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
        const created = await this.members.createMember({
          email: account.email,
          password: DEMO_PASSWORD,
          displayName: account.displayName,
          role: account.role,
          organizationId: organization.id,
          isReferent: account.isReferent ?? false,
          jobTitle: account.jobTitle,
          interests: account.interests,
        });
        memberIds.set(account.email, created.id);
      } else {
        // Loaded before: the account keeps the demo password unless someone changed it.
        const existing = await this.members.verifyCredentials(account.email, DEMO_PASSWORD);
        if (existing) memberIds.set(account.email, existing.id);
      }
      credentials.push({
        email: account.email,
        role: demoRoleLabel(account),
        organization: organization.name,
      });
    }
    const { labId, groupId, twinningId } = await this.loadLabAndTwinning(memberIds);
    await this.loadPractices();
    await this.loadNeeds();
    await this.agirePor.load();
    const members = await this.demoMembers(memberIds);
    await this.community.load(members);
    if (members.size === Object.keys(DEMO_COMMUNITY_HANDLES).length) {
      await this.workDocuments.load(members, { labId, groupId, twinningId });
    }
    return credentials;
  }

  /** The demo accounts still as loaded (demo password), by their short name in the demo data. */
  private async demoMembers(memberIds: ReadonlyMap<string, string>): Promise<Map<DemoHandle, DemoMember>> {
    const members = new Map<DemoHandle, DemoMember>();
    for (const [handle, email] of Object.entries(DEMO_COMMUNITY_HANDLES) as [DemoHandle, string][]) {
      const id = memberIds.get(email);
      const member = id ? await this.members.findAuthMember(id) : undefined;
      const account = DEMO_ACCOUNTS.find((a) => a.email === email);
      if (member && account) members.set(handle, { ...member, displayName: account.displayName });
    }
    return members;
  }

  /** Practices in the six POAT SI themes (published) and one proposal waiting for the editors. */
  private async loadPractices(): Promise<void> {
    const organizations = await this.organizations.findByIstatCodes(
      DEMO_PRACTICES.map((p) => p.offeringIstatCode),
    );
    // The POAT SI database is the catalogue these practices come from.
    const programmeId = (await this.programmes.idByCode('poat-si')) ?? null;
    for (const { offeringIstatCode, ...practice } of DEMO_PRACTICES) {
      const offering = organizations.get(offeringIstatCode);
      if (!offering) {
        this.logger.warn(`demo practice: administration ${offeringIstatCode} is not in the directory`);
        continue;
      }
      await this.practices.ensureDemoPractice({
        ...practice,
        offeringOrganizationId: offering.id,
        contactEmail: null,
        contactPhone: null,
        contactWebsite: null,
        programmeId,
      });
    }
  }

  /** Needs of a few southern municipalities, so matching suggests something on first start. */
  private async loadNeeds(): Promise<void> {
    const organizations = await this.organizations.findByIstatCodes(DEMO_NEEDS.map((n) => n.istatCode));
    for (const needs of DEMO_NEEDS) {
      const organization = organizations.get(needs.istatCode);
      if (organization) await this.matching.ensureDemoNeeds(organization.id, needs.themes, needs.description);
    }
  }

  /** The Formez lab (tutor, officials, a working group, its reserved space) and a twinning. */
  private async loadLabAndTwinning(
    memberIds: ReadonlyMap<string, string>,
  ): Promise<{ labId: string; groupId: string | undefined; twinningId: string | undefined }> {
    const ids = (emails: readonly string[]) => emails.flatMap((e) => memberIds.get(e) ?? []);
    const labId = await this.labs.ensureDemoLab({
      ...DEMO_LAB,
      tutorIds: ids(DEMO_LAB_TUTOR_EMAILS),
      participantIds: ids(DEMO_LAB_PARTICIPANT_EMAILS),
    });
    await this.spaces.ensureDemoLabSpace({
      name: DEMO_LAB.spaceName,
      description: DEMO_LAB.spaceDescription,
      labId,
    });
    await this.loadLabStructure(labId, ids(DEMO_LAB_TUTOR_EMAILS)[0]);
    await this.loadTutoring(labId, ids(DEMO_LAB_TUTOR_EMAILS)[0], memberIds);
    const groupId = [...(await this.labs.groupNamesOf(labId))].find(
      ([, name]) => name === DEMO_LAB.groupName,
    )?.[0];
    for (const lab of DEMO_LABS_B_C) {
      await this.labs.ensureDemoLab({ ...lab, tutorIds: ids(DEMO_LAB_TUTOR_EMAILS), participantIds: [] });
    }
    const organizations = await this.organizations.findByIstatCodes([
      DEMO_TWINNING.offeringIstatCode,
      ...DEMO_TWINNING.receivingIstatCodes,
    ]);
    const offering = organizations.get(DEMO_TWINNING.offeringIstatCode);
    const receiving = DEMO_TWINNING.receivingIstatCodes.flatMap((code) => organizations.get(code)?.id ?? []);
    if (!offering || receiving.length === 0) {
      this.logger.warn('demo twinning: its administrations are not in the directory');
      return { labId, groupId, twinningId: undefined };
    }
    const twinningId = await this.twinnings.ensureDemoTwinning({
      title: DEMO_TWINNING.title,
      practiceTitle: DEMO_TWINNING.practiceTitle,
      practiceDescription: DEMO_TWINNING.practiceDescription,
      offeringOrganizationId: offering.id,
      receivingOrganizationIds: receiving,
      status: DEMO_TWINNING.status,
      privateSpace: true,
    });
    return { labId, groupId, twinningId };
  }

  /** The Ambito A modules as the slides give them, and sessions around today so calendars are alive. */
  private async loadLabStructure(labId: string, tutorId: string | undefined): Promise<void> {
    const modules = await this.labModules.ensureDemoModules(labId, DEMO_AMBITO_A_MODULES);
    const tutor = tutorId ? await this.members.findAuthMember(tutorId) : undefined;
    if (!tutor) {
      this.logger.warn('demo sessions: the demo tutor is missing');
      return;
    }
    const now = new Date();
    await this.sessions.ensureDemoSessions(
      labId,
      tutor,
      DEMO_AMBITO_A_SESSIONS.map((session) => ({
        moduleId: modules.find((m) => m.position === session.modulePosition)?.id ?? null,
        title: session.title,
        mode: session.mode,
        startsAt: romeWallClock(now, session.dayOffset, session.start),
        endsAt: romeWallClock(now, session.dayOffset, session.end),
        place: session.place,
        onlineUrl: session.onlineUrl,
        agenda: session.agenda,
        status: session.status,
      })),
    );
  }

  /** The demo tutor's office hours (a weekly series and a lab slot) and officials' bookings. */
  private async loadTutoring(
    labId: string,
    tutorId: string | undefined,
    memberIds: ReadonlyMap<string, string>,
  ): Promise<void> {
    const bookerId = memberIds.get(DEMO_TUTORING_BOOKER_EMAIL);
    const tutor = tutorId ? await this.members.findAuthMember(tutorId) : undefined;
    if (!tutor) {
      this.logger.warn('demo tutoring: the demo tutor is missing');
      return;
    }
    const booker = bookerId ? await this.members.findAuthMember(bookerId) : undefined;
    const more = [];
    for (const booking of DEMO_TUTORING_MORE_BOOKINGS) {
      const id = memberIds.get(booking.email);
      const member = id ? await this.members.findAuthMember(id) : undefined;
      if (member) more.push({ member, slot: booking.slot, topic: booking.topic });
    }
    await this.tutoring.ensureDemoTutoring(tutor, labId, booker, more);
  }

  /** "Empty" means nobody has used this installation yet: no member and no programme. */
  async isEmpty(): Promise<boolean> {
    return (await this.members.count()) === 0 && (await this.programmes.count()) === 0;
  }
}
