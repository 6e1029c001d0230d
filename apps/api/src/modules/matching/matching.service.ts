import { subject as tagged } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import type {
  OrganizationNeedsView,
  OrganizationSummary,
  SuggestedOrganization,
  SuggestedPractice,
  SuggestionList,
} from '@convergo/contracts';
import { Transactional } from '../../database/transactional';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { OrganizationsService } from '../organizations/organizations.service';
import { PracticeThemesService } from '../practice-themes/practice-themes.service';
import { PracticesService } from '../practices/practices.service';
import type { UpdateOrganizationNeedsDto } from './dto/organization-needs.dto';
import { rank, scorePair } from './matching-score';
import { MatchingException } from './matching.exception';
import { ORGANIZATION_NEEDS_SUBJECT } from './matching.policy';
import { MatchingRepository, type MatchSignalsRecord } from './matching.repository';

/**
 * Needs (fabbisogni) of administrations and the matching both ways: the practices suggested to an
 * administration (offer-led) and the administrations suggested for a practice (demand-led, as the
 * AGIRE POR agency did). Scores and reasons come from MATCHING_WEIGHTS over evidence the two share.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly matching: MatchingRepository,
    private readonly organizations: OrganizationsService,
    private readonly themes: PracticeThemesService,
    private readonly practices: PracticesService,
    private readonly abilities: AbilityFactory,
  ) {}

  async getNeeds(actor: AuthMember, organizationId: string): Promise<OrganizationNeedsView> {
    const id = organizationId.toLowerCase();
    if (!(await this.organizations.exists(id))) throw MatchingException.organizationNotFound();
    return this.needsView(actor, id);
  }

  /** Its referent or an admin declares the needs; unknown theme codes are a 422 naming them. */
  @Transactional()
  async updateNeeds(
    actor: AuthMember,
    organizationId: string,
    dto: UpdateOrganizationNeedsDto,
  ): Promise<OrganizationNeedsView> {
    const id = organizationId.toLowerCase();
    if (!(await this.organizations.exists(id))) throw MatchingException.organizationNotFound();
    if (!this.mayEdit(actor, id)) throw MatchingException.forbidden();
    await this.themes.resolve(dto.themes, 'themes');
    await this.matching.upsertNeeds(id, dto.themes, dto.description ?? '', actor.id);
    return this.needsView(actor, id);
  }

  async suggestedPractices(
    _actor: AuthMember,
    organizationId: string,
  ): Promise<SuggestionList<SuggestedPractice>> {
    const id = organizationId.toLowerCase();
    if (!(await this.organizations.exists(id))) throw MatchingException.organizationNotFound();
    const [pairs, label] = [await this.matching.findPairsForOrganization(id), await this.themeLabels()];
    const items = pairs.flatMap((pair): SuggestedPractice[] => {
      const scored = scorePair(pair, label);
      if (!scored) return [];
      const practice = {
        id: pair.practiceId,
        title: pair.practiceTitle,
        summary: pair.practiceSummary,
        offeringOrganization: offeringOf(pair),
      };
      return [{ practice, ...scored }];
    });
    return {
      items: rank(
        items,
        (s) => s.practice.title,
        (s) => s.practice.id,
      ),
    };
  }

  /** For admins (the controller's policy); a practice the asker cannot read is a 404. */
  async suggestedOrganizations(
    actor: AuthMember,
    practiceId: string,
  ): Promise<SuggestionList<SuggestedOrganization>> {
    const practice = await this.practices.get(actor, practiceId);
    const [pairs, label] = [await this.matching.findPairsForPractice(practice.id), await this.themeLabels()];
    const items = pairs.flatMap((pair): SuggestedOrganization[] => {
      const scored = scorePair(pair, label);
      return scored ? [{ organization: targetOf(pair), ...scored }] : [];
    });
    return {
      items: rank(
        items,
        (s) => s.organization.name,
        (s) => s.organization.id,
      ),
    };
  }

  /** Demo data: needs for an administration that has declared none (a restart keeps edits). */
  @Transactional()
  async ensureDemoNeeds(organizationId: string, themes: string[], description: string): Promise<void> {
    if (await this.matching.hasNeeds(organizationId)) return;
    await this.themes.resolve(themes, 'themes');
    await this.matching.upsertNeeds(organizationId, themes, description, null);
  }

  private async needsView(actor: AuthMember, organizationId: string): Promise<OrganizationNeedsView> {
    const needs = await this.matching.findNeeds(organizationId);
    const known = await this.themes.all();
    return {
      organizationId,
      // A code stays stable and themes are never deleted; skipping keeps a view valid regardless.
      themes: (needs?.themes ?? []).flatMap((code) => known.get(code) ?? []),
      description: needs?.description ?? '',
      updatedAt: needs ? needs.updatedAt.toISOString() : null,
      canEdit: this.mayEdit(actor, organizationId),
    };
  }

  private mayEdit(actor: AuthMember, organizationId: string): boolean {
    return this.abilities.for(actor).can('update', subjectOf(organizationId));
  }

  private async themeLabels(): Promise<(code: string) => string> {
    const known = await this.themes.all();
    return (code) => known.get(code)?.label ?? code;
  }
}

function subjectOf(organizationId: string): Record<string, unknown> {
  const plain: Record<string, unknown> = { organizationId };
  return tagged(ORGANIZATION_NEEDS_SUBJECT, plain);
}

function offeringOf(pair: MatchSignalsRecord): OrganizationSummary {
  return {
    id: pair.offeringId,
    name: pair.offeringName,
    kind: pair.offeringKind,
    region: pair.offeringRegion,
    convergence: pair.offeringConvergence,
  };
}

function targetOf(pair: MatchSignalsRecord): OrganizationSummary {
  return {
    id: pair.organizationId,
    name: pair.organizationName,
    kind: pair.organizationKind,
    region: pair.organizationRegion,
    convergence: pair.organizationConvergence,
  };
}
