import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { EntityManager } from 'typeorm';

const current = new AsyncLocalStorage<EntityManager>();

/**
 * Runs `work` with `manager` as the ambient transaction, so that every repository called
 * from it (in any module) joins the transaction instead of taking another connection.
 * This keeps reads consistent, and on the embedded database — a pool of one connection —
 * it is what keeps a transaction from waiting on itself.
 */
export function runInTransactionContext<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  return current.run(manager, work);
}

/** The transaction's manager when called inside a unit of work, otherwise `fallback`. */
export function ambientManager(fallback: EntityManager): EntityManager {
  const host = TransactionHost.getInstance<never>();
  if (host.isTransactionActive()) return host.tx as EntityManager;
  return current.getStore() ?? fallback;
}
