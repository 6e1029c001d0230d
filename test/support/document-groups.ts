import { randomUUID } from 'node:crypto';
import type { DocumentKind, DocumentView } from '@convergo/contracts';
import { DocumentOwnerPolicies } from '../../apps/api/src/modules/documents/document-owner-policies';
import type { TestMember } from './factories';
import type { TestApp } from './test-app';

interface Group {
  readers: Set<string>;
  writers: Set<string>;
}

/**
 * A document owner type for tests, standing in for the labs and twinnings to come: each group
 * has its readers and writers, so a test can give one member read-only and another write rights.
 */
export class TestDocumentGroups {
  private readonly groups = new Map<string, Group>();

  constructor(readonly ownerType: string) {}

  /** Registers the owner type with the app's DocumentOwnerPolicies; call once, in beforeAll. */
  register(t: TestApp): void {
    t.app.get(DocumentOwnerPolicies).register(this.ownerType, {
      canRead: (m, id) => {
        const group = this.groups.get(id);
        return Promise.resolve(!!group && (group.readers.has(m.id) || group.writers.has(m.id)));
      },
      canWrite: (m, id) => Promise.resolve(this.groups.get(id)?.writers.has(m.id) ?? false),
      exists: (id) => Promise.resolve(this.groups.has(id)),
    });
  }

  /** Changes one member's rights in a group, as a lab or a space would when membership changes. */
  setRights(groupId: string, memberId: string, rights: 'read' | 'write' | 'none'): void {
    const group = this.groups.get(groupId);
    if (!group) throw new Error(`no test group ${groupId}`);
    group.readers.delete(memberId);
    group.writers.delete(memberId);
    if (rights === 'read') group.readers.add(memberId);
    if (rights === 'write') group.writers.add(memberId);
  }

  /** A new group; returns its id, to use as `owner: { type, id }`. */
  add(members: { readers: string[]; writers: string[] }): string {
    const id = randomUUID();
    this.groups.set(id, { readers: new Set(members.readers), writers: new Set(members.writers) });
    return id;
  }

  /**
   * A new group with these members and a document it owns, created through the API by the first
   * writer; returns the document and the group's id (to change rights later).
   */
  async newDocument(
    t: TestApp,
    input: {
      readers: TestMember[];
      writers: [TestMember, ...TestMember[]];
      title: string;
      kind: DocumentKind;
    },
  ): Promise<{ doc: DocumentView; groupId: string }> {
    const groupId = this.add({
      readers: input.readers.map((m) => m.id),
      writers: input.writers.map((m) => m.id),
    });
    const res = await t
      .http()
      .post('/api/v1/documents')
      .set({ authorization: `Bearer ${input.writers[0].accessToken}` })
      .send({ title: input.title, kind: input.kind, owner: { type: this.ownerType, id: groupId } })
      .expect(201);
    return { doc: res.body as DocumentView, groupId };
  }
}
