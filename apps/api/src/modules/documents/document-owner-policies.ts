import { Injectable } from '@nestjs/common';
import type { AuthMember } from '../auth/auth-member';

/**
 * What a capability that owns documents (spaces, labs, twinnings) tells this module. Admins
 * read and write everything before any policy is asked; every other member gets exactly what
 * the owner's policy answers.
 */
export interface DocumentOwnerPolicy {
  canRead(member: AuthMember, ownerId: string): Promise<boolean>;
  canWrite(member: AuthMember, ownerId: string): Promise<boolean>;
  exists(ownerId: string): Promise<boolean>;
  /**
   * The owners of this type whose documents the member may read, for the library without an
   * `owner` filter; `'all'` when every owner of this type is readable. Without it, this type's
   * documents are listed only when the library is filtered by one owner.
   */
  readableOwnerIds?(member: AuthMember): Promise<readonly string[] | 'all'>;
  /** The realtime room where `document.created` for this owner is announced. */
  room?(ownerId: string): string;
}

const OWNER_TYPE = /^[a-z][a-z_]{0,31}$/;

/**
 * The registry of owner types. Each capability registers its type when it starts (the documents
 * module registers `member`); a type nobody registered is refused, so access is deny-by-default.
 */
@Injectable()
export class DocumentOwnerPolicies {
  private readonly policies = new Map<string, DocumentOwnerPolicy>();

  register(ownerType: string, policy: DocumentOwnerPolicy): void {
    if (!OWNER_TYPE.test(ownerType)) throw new Error(`owner type ${JSON.stringify(ownerType)} is not valid`);
    if (this.policies.has(ownerType)) throw new Error(`owner type ${ownerType} is already registered`);
    this.policies.set(ownerType, policy);
  }

  get(ownerType: string): DocumentOwnerPolicy | undefined {
    return this.policies.get(ownerType);
  }

  types(): string[] {
    return [...this.policies.keys()].sort();
  }
}
