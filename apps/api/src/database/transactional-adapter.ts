import type { TransactionalAdapter } from '@nestjs-cls/transactional';
import {
  TransactionalAdapterTypeOrm,
  type TypeOrmTransactionOptions,
} from '@nestjs-cls/transactional-adapter-typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { runWithAfterCommitHooks } from './after-commit';

/**
 * The TypeORM adapter of `@nestjs-cls/transactional`, plus after-commit hooks: the outermost
 * transaction collects them (`afterCommit`) and runs them once it has committed. Joined
 * (nested `@Transactional()`) calls reuse the outer transaction and its hooks.
 */
export class TypeOrmAfterCommitAdapter implements TransactionalAdapter<
  DataSource,
  EntityManager,
  TypeOrmTransactionOptions
> {
  private readonly typeorm = new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() });
  readonly connectionToken: unknown = this.typeorm.connectionToken;

  optionsFactory = (dataSource: DataSource) => {
    const options = this.typeorm.optionsFactory(dataSource);
    return {
      ...options,
      wrapWithTransaction: (
        txOptions: TypeOrmTransactionOptions,
        fn: (...args: unknown[]) => Promise<unknown>,
        setTx: (client?: EntityManager) => void,
      ) =>
        runWithAfterCommitHooks(
          () => options.wrapWithTransaction(txOptions, fn, setTx),
          () => setTx(undefined),
        ),
    };
  };
}
