import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from '../apps/api/src/modules/demo/demo-accounts';
import { demoRoleLabel } from '../apps/api/src/modules/demo/demo-world.service';

/** Issue 18, point 9: the README called an account "official, referent" while start-up printed "member". */
describe('the demo accounts in the README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it.each(DEMO_ACCOUNTS.map((account) => [account.email, account] as const))(
    'lists %s with the role start-up prints',
    (email, account) => {
      const row = readme.split('\n').find((line) => line.includes(`| ${email} `));
      expect(row).toBeDefined();
      const role = row!.split('|')[1].trim();
      expect(role).toBe(demoRoleLabel(account));
    },
  );
});
