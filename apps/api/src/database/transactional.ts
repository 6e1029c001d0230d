import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from './transactional-adapter';

type Host = TransactionHost<TypeOrmAfterCommitAdapter>;

const hosts = new WeakMap<object, Host>();

/**
 * Marks a service method as one unit of work: it runs in a database transaction, and a
 * `@Transactional()` method it calls joins that transaction (nestjs-cls propagation "required").
 *
 * Why not `@Transactional()` of `@nestjs-cls/transactional` itself: that one finds its
 * TransactionHost through a process-wide static, so with two applications in one process (the
 * scale-out tests run two instances) every transaction went through the last one created. This
 * one uses the host of the application that created the service (see TransactionalBinder).
 */
export function Transactional(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    descriptor.value = function (this: object, ...args: unknown[]): Promise<unknown> {
      const host = hosts.get(this) ?? TransactionHost.getInstance<TypeOrmAfterCommitAdapter>();
      return host.withTransaction(() => original.apply(this, args));
    };
    Object.defineProperty(descriptor.value, 'name', { value: original.name });
    return descriptor;
  };
}

/** Ties every provider of this application to this application's TransactionHost. */
@Injectable()
export class TransactionalBinder implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly host: TransactionHost<TypeOrmAfterCommitAdapter>,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance && typeof instance === 'object') hosts.set(instance, this.host);
    }
  }
}
