import { DynamicModule, Logger, Module } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WebAppRoutes, WEB_DIST_DIR } from './web-app.routes';

/**
 * Serves the built web app (apps/web/dist) at `/`, with the history fallback to index.html
 * for client routes; the API and socket.io keep their paths.
 */
@Module({})
export class WebModule {
  static register(distDir: string): DynamicModule {
    if (!existsSync(join(distDir, 'index.html'))) {
      new Logger(WebModule.name).warn(`no web app build in ${distDir}: run \`npm run build:web\``);
      return { module: WebModule };
    }
    return {
      module: WebModule,
      providers: [{ provide: WEB_DIST_DIR, useValue: distDir }, WebAppRoutes],
    };
  }
}
