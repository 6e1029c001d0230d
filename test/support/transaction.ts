import type { INestApplication } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../apps/api/src/database/transactional-adapter';
import { EventOutbox } from '../../apps/api/src/modules/realtime/event-outbox';

/** Runs `work` in one database transaction of the app, as a `@Transactional()` service method would. */
export function inTransaction<T>(
  app: INestApplication,
  work: (outbox: EventOutbox) => Promise<T>,
): Promise<T> {
  const host = app.get<TransactionHost<TypeOrmAfterCommitAdapter>>(TransactionHost);
  const outbox = app.get(EventOutbox);
  return host.withTransaction(() => work(outbox));
}
