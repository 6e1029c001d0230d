import { Injectable } from '@nestjs/common';
import type { AuthMember } from '../auth/auth-member';

/** Who reads a twinning's space: the members of its parties. The twinnings module answers. */
export interface TwinningSpaceAudience {
  /** Whether the member's administration offers or receives the twinning. */
  isParty(member: AuthMember, twinningId: string): Promise<boolean>;
  /** The twinnings the member's administration offers or receives. */
  twinningIdsOf(member: AuthMember): Promise<string[]>;
  /** Which of `memberIds` belong to an administration of the twinning. */
  filterParties(twinningId: string, memberIds: readonly string[]): Promise<Set<string>>;
}

/**
 * The twinnings module registers its audience here in `onModuleInit` (it imports this module to
 * create the spaces, so this module cannot import it back). Until then nobody is a party.
 */
@Injectable()
export class TwinningSpaceAudiences {
  private audience: TwinningSpaceAudience = {
    isParty: () => Promise.resolve(false),
    twinningIdsOf: () => Promise.resolve([]),
    filterParties: () => Promise.resolve(new Set()),
  };

  register(audience: TwinningSpaceAudience): void {
    this.audience = audience;
  }

  get current(): TwinningSpaceAudience {
    return this.audience;
  }
}
