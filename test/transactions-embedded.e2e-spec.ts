import { TransactionHost } from '@nestjs-cls/transactional';
import { Transactional } from '../apps/api/src/database/transactional';
import type { EventEnvelope, MemberView } from '@convergo/contracts';
import { roomName } from '@convergo/contracts';
import type { EntityManager } from 'typeorm';
import { afterCommit } from '../apps/api/src/database/after-commit';
import type { TypeOrmAfterCommitAdapter } from '../apps/api/src/database/transactional-adapter';
import { EventOutbox } from '../apps/api/src/modules/realtime/event-outbox';
import { newMember, type TestMember } from './support/factories';
import { memberView } from './support/event-payloads';
import { connectSocket, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Three services' methods calling one another, each `@Transactional()`, as modules do (e.g. a
 * decision that enrols participants that notifies them). Every level records an event and notes
 * which EntityManager it ran on and when its after-commit hook fired.
 */
class NestedWork {
  readonly managers: EntityManager[] = [];
  readonly log: string[] = [];

  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,
    private readonly outbox: EventOutbox,
    private readonly member: TestMember,
  ) {}

  @Transactional()
  async outer(failAtInner: boolean): Promise<EventEnvelope[]> {
    return [await this.step('outer'), ...(await this.middle(failAtInner))];
  }

  @Transactional()
  async middle(failAtInner: boolean): Promise<EventEnvelope[]> {
    return [await this.step('middle'), await this.inner(failAtInner)];
  }

  @Transactional()
  async inner(fail: boolean): Promise<EventEnvelope> {
    const envelope = await this.step('inner');
    if (fail) throw new Error('inner failed');
    return envelope;
  }

  private async step(name: string): Promise<EventEnvelope> {
    this.managers.push(this.db.tx);
    afterCommit(() => {
      this.log.push(`${name} committed`);
    });
    return this.outbox.record(
      roomName('member', this.member.id),
      'member.updated',
      memberView(this.member, name),
    );
  }
}

// PGlite serves ONE connection: a nested level that asked the pool for another would wait forever.
describe('transactions on embedded PGlite', () => {
  let t: TestApp;
  let alice: TestMember;
  let socket: TestSocket;

  const work = () =>
    new NestedWork(
      t.app.get<TransactionHost<TypeOrmAfterCommitAdapter>>(TransactionHost),
      t.app.get(EventOutbox),
      alice,
    );
  const stored = async (): Promise<string[]> => {
    const res = await t
      .http()
      .get('/api/v1/events')
      .query({ room: roomName('member', alice.id) })
      .set('Authorization', `Bearer ${alice.accessToken}`)
      .expect(200);
    return (res.body as { items: EventEnvelope<MemberView>[] }).items.map((e) => e.data.displayName);
  };

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    alice = await newMember(t);
    socket = await connectSocket(t.baseUrl, alice.accessToken);
  }, 180_000);

  afterAll(async () => {
    socket?.close();
    await t?.close();
  });

  it('joins three nested @Transactional() levels into one transaction and publishes after its commit', async () => {
    const nested = work();
    const envelopes = await nested.outer(false);

    expect(new Set(nested.managers).size).toBe(1);
    expect(nested.managers[0].queryRunner?.isReleased).toBe(true);
    // Hooks of all three levels wait for the one (outermost) commit, in order.
    expect(nested.log).toEqual(['outer committed', 'middle committed', 'inner committed']);
    expect(envelopes.map((e) => BigInt(e.id))).toEqual([
      BigInt(envelopes[0].id),
      BigInt(envelopes[0].id) + 1n,
      BigInt(envelopes[0].id) + 2n,
    ]);
    await socket.waitForEvent(roomName('member', alice.id), envelopes[2].id);
    expect(await stored()).toEqual(['outer', 'middle', 'inner']);
  });

  it('rolls every level back when the innermost fails: nothing stored, published or hooked', async () => {
    const before = socket.received.length;
    const nested = work();

    await expect(nested.outer(true)).rejects.toThrow('inner failed');

    await sleep(200);
    expect(nested.log).toEqual([]);
    expect(socket.received.length).toBe(before);
    expect(await stored()).toEqual(['outer', 'middle', 'inner']);
    // The pool's one connection is free again: the next unit of work goes through.
    const next = await work().inner(false);
    await socket.waitForEvent(roomName('member', alice.id), next.id);
  });

  it('refuses to record an event outside a transaction', async () => {
    await expect(
      t.app.get(EventOutbox).record(roomName('member', alice.id), 'member.updated', memberView(alice, 'x')),
    ).rejects.toThrow('outside a @Transactional() call');
  });
});
