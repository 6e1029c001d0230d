import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Environment } from './config/environment';
import { DEMO_PASSWORD } from './modules/demo/demo-accounts';
import { DemoWorldService } from './modules/demo/demo-world.service';
import { MembersService } from './modules/members/members.service';
import { OrganizationsService } from './modules/organizations/organizations.service';

/**
 * What a fresh installation needs before it serves anyone, in order: the directory of
 * Italian administrations, the demo world (when asked for, or on an empty database), and the
 * operator's first administrator. Each step is idempotent, so every instance may run them.
 */
export async function runStartupTasks(app: INestApplication, env: Environment): Promise<void> {
  const logger = new Logger('Startup');
  await app.get(OrganizationsService).ensureReferenceData();

  const demo = app.get(DemoWorldService);
  const loadDemo = env.DEMO_DATA ?? (await demo.isEmpty());
  if (loadDemo) {
    const accounts = await demo.load();
    const lines = accounts.map((a) => `  ${a.role.padEnd(18)} ${a.email.padEnd(36)} ${a.organization}`);
    // Printed, not logged: the operator starting a demo needs to read these.
    console.log(`\nDemo accounts (password: ${DEMO_PASSWORD})\n${lines.join('\n')}\n`);
  }

  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const created = await app
      .get(MembersService)
      .ensureAdmin(env.ADMIN_EMAIL.toLowerCase(), env.ADMIN_PASSWORD);
    if (created) logger.log(`administrator ${env.ADMIN_EMAIL} created`);
  }
}
