import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoginResult } from '@convergo/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/demo/demo-accounts';
import { launchBrowser, newContext, screenshot, seriousA11yViolations } from './browser';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

export interface BrowserSuiteOptions extends TestAppOptions {
  /** Timeout of the beforeAll that starts the app and the browser. */
  startTimeoutMs?: number;
}

export interface NewDeviceOptions {
  /** Also record the page errors of pages the context opens later (popups, new tabs). */
  trackNewPages?: boolean;
}

export interface BrowserSuite {
  /** The running app: available from beforeAll on. */
  readonly app: TestApp;
  /** The Chromium of this test file: available from beforeAll on. */
  readonly browser: Browser;
  /** A fresh browser context (own storage and cache: a different person or device). */
  newDevice(options?: NewDeviceOptions): Promise<{ context: BrowserContext; page: Page }>;
  /** `POST /auth/login` through the API. */
  apiLogin(email: string, password?: string): Promise<LoginResult>;
  /** Through the login form, as a person would. */
  logIn(page: Page, email: string, password?: string): Promise<void>;
  /** A screenshot named `name`, then no serious or critical axe-core violation. */
  expectAccessible(page: Page, name: string): Promise<void>;
}

/**
 * The harness of a browser test file, called at describe level: checks the web build exists,
 * starts the app and Chromium (beforeAll), closes them (afterAll), and after each test closes
 * the test's contexts and expects no uncaught exception in any of their pages.
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  const { startTimeoutMs = 60_000, ...appOptions } = options;
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '..', '..', 'apps', 'web', 'dist', 'index.html'))) {
      throw new Error('apps/web/dist is missing: run `npm run build:web` before the browser tests');
    }
    [app, browser] = await Promise.all([startTestApp(appOptions), launchBrowser()]);
  }, startTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    // No uncaught exception in any page of the test.
    // With the stack (the built bundle's file and line), so a failure says where it was thrown.
    expect(pageErrors.splice(0).map((error) => error.stack ?? String(error))).toEqual([]);
  });

  const suite: BrowserSuite = {
    get app(): TestApp {
      if (!app) throw new Error('the test app is not started yet (browserSuite starts it in beforeAll)');
      return app;
    },
    get browser(): Browser {
      if (!browser)
        throw new Error('the browser is not launched yet (browserSuite launches it in beforeAll)');
      return browser;
    },
    async newDevice(deviceOptions: NewDeviceOptions = {}) {
      const { context, page } = await newContext(suite.browser, suite.app.baseUrl);
      contexts.push(context);
      if (deviceOptions.trackNewPages) {
        context.on('page', (p) => p.on('pageerror', (error) => pageErrors.push(error)));
      }
      page.on('pageerror', (error) => pageErrors.push(error));
      return { context, page };
    },
    async apiLogin(email: string, password = DEMO_PASSWORD): Promise<LoginResult> {
      const res = await suite.app.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
      return res.body as LoginResult;
    },
    async logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
      if (!page.url().endsWith('/accedi')) await page.goto('/accedi');
      await page.locator('#login-email').fill(email);
      await page.locator('#login-password').fill(password);
      await page.getByRole('button', { name: 'Accedi', exact: true }).click();
      await page.locator('.member-badge').waitFor();
    },
    async expectAccessible(page: Page, name: string): Promise<void> {
      await screenshot(page, name);
      const violations = await seriousA11yViolations(page);
      expect({ page: name, violations }).toEqual({ page: name, violations: [] });
    },
  };
  return suite;
}
