import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment } from './environment';

/** Runtime facts derived at start-up, beside the validated environment. */
export class RuntimeSettings {
  constructor(
    readonly jwtSecret: string,
    readonly embeddedDatabase: boolean,
  ) {}
}

@Global()
@Module({})
export class AppConfigModule {
  static register(env: Environment, runtime: RuntimeSettings): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...env })] }),
      ],
      providers: [
        { provide: Environment, useValue: env },
        { provide: RuntimeSettings, useValue: runtime },
      ],
      exports: [Environment, RuntimeSettings, ConfigModule],
    };
  }
}
