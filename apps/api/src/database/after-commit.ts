import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';

type Hook = () => void | Promise<void>;

interface Hooks {
  committed: Hook[];
  undone: Array<() => void>;
}

const pending = new AsyncLocalStorage<Hooks>();
const logger = new Logger('AfterCommit');

/**
 * Runs `transaction` (the outermost database transaction) and, once it has committed, the hooks
 * that code inside it registered with `afterCommit`, in registration order. A rollback drops them
 * and runs those registered with `afterRollback`. `leave` is called first, so hooks no longer see
 * the finished transaction as the ambient one.
 */
export async function runWithAfterCommitHooks<T>(
  transaction: () => Promise<T>,
  leave: () => void,
): Promise<T> {
  const hooks: Hooks = { committed: [], undone: [] };
  let result: T;
  try {
    result = await pending.run(hooks, transaction);
  } catch (error) {
    for (const hook of hooks.undone) {
      try {
        hook();
      } catch (hookError) {
        logger.error({ err: hookError }, 'after-rollback hook failed');
      }
    }
    throw error;
  }
  leave();
  for (const hook of hooks.committed) {
    try {
      await hook();
    } catch (error) {
      // The transaction is committed: a failing hook must not turn its success into an error.
      logger.error({ err: error }, 'after-commit hook failed');
    }
  }
  return result;
}

/** True inside a transaction started through the transactional adapter. */
export function inTransactionScope(): boolean {
  return pending.getStore() !== undefined;
}

/**
 * Defers `hook` until the current transaction commits; outside a transaction it runs at once
 * (what was written is already committed).
 */
export function afterCommit(hook: Hook): void {
  const hooks = pending.getStore();
  if (hooks) hooks.committed.push(hook);
  else
    void Promise.resolve()
      .then(hook)
      .catch((error: unknown) => logger.error({ err: error }, 'hook failed'));
}

/**
 * Runs `hook` if the current transaction does not commit (it threw, or COMMIT failed); outside a
 * transaction there is nothing to undo and it never runs.
 */
export function afterRollback(hook: () => void): void {
  pending.getStore()?.undone.push(hook);
}
