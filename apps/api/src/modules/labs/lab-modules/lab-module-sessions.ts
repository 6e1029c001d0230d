import { Injectable } from '@nestjs/common';
import type { LabSessionView } from '@convergo/contracts';
import type { AuthMember } from '../../auth/auth-member';

/** The sessions of a lab grouped by module id, as `viewer` may see them. */
export type ModuleSessionsSource = (
  labId: string,
  viewer: AuthMember,
) => Promise<Map<string, LabSessionView[]>>;

/**
 * Where the lab structure finds each module's sessions. The sessions capability depends on labs,
 * so it registers its source here when it starts (as capabilities register room kinds and
 * document owners) instead of labs importing sessions.
 */
@Injectable()
export class LabModuleSessions {
  private source?: ModuleSessionsSource;

  register(source: ModuleSessionsSource): void {
    if (this.source) throw new Error('a module sessions source is already registered');
    this.source = source;
  }

  async byModule(labId: string, viewer: AuthMember): Promise<Map<string, LabSessionView[]>> {
    return this.source ? this.source(labId, viewer) : new Map();
  }
}
