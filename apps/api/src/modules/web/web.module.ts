import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
      imports: [
        ServeStaticModule.forRoot({
          rootPath: distDir,
          exclude: ['/api/{*path}', '/socket.io/{*path}'],
          serveStaticOptions: { index: 'index.html', maxAge: '1h', fallthrough: true },
        }),
      ],
    };
  }
}
