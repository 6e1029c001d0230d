import { Logger } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';

type Hook = () => void | Promise<void>;

interface Hooks {
  committed: Hook[];
  undone: Array<() => void>;
}

/**
 * The hooks live in the transactions' own context (nestjs-cls), not in an AsyncLocalStorage of
 * their own: on Node 20 every AsyncLocalStorage adds its propagation to every promise the process
 * makes (bench/README, stop 24).
 */
const HOOKS = Symbol('afterCommitHooks');
const context = ClsServiceManager.getClsService();
const logger = new Logger('AfterCommit');

/** Undefined outside a transaction (nestjs-cls answers a symbol key with undefined outside any context). */
function pending(): Hooks | undefined {
  return context.get<Hooks | undefined>(HOOKS);
}

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
    result = await context.run({ ifNested: 'inherit' }, () => {
      context.set(HOOKS, hooks);
      return transaction();
    });
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
  return pending() !== undefined;
}

/**
 * Defers `hook` until the current transaction commits; outside a transaction it runs at once
 * (what was written is already committed).
 */
export function afterCommit(hook: Hook): void {
  const hooks = pending();
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
  pending()?.undone.push(hook);
}
