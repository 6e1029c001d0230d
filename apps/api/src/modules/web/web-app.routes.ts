import { Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST_DIR = Symbol('WEB_DIST_DIR');

/** Paths the web app never answers: the API's unknown routes stay 404 problems. */
const NOT_THE_APP = /^\/(api|socket\.io)(\/|$)/;

/** A path whose last segment has an extension asks for a file: a missing one is a 404, not the app. */
const FILE_PATH = /\/[^/]*\.[^/]*$/;

/**
 * The built files with an hour's cache, and index.html for every other GET (the client's routes,
 * `/pratiche/…`, reload and deep links). Registered on Fastify before it starts.
 */
@Injectable()
export class WebAppRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_DIST_DIR) private readonly distDir: string,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(fastifyStatic, { root: this.distDir, maxAge: '1h', wildcard: false });
    fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0];
      if (NOT_THE_APP.test(path) || FILE_PATH.test(path)) throw new NotFoundException(`Cannot GET ${path}`);
      return reply.sendFile('index.html', { maxAge: 0 });
    });
  }
}
