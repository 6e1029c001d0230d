// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { source as axeSource } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium: browser tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/** One browser per test file (beforeAll); a new context per test. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * A fresh context (own storage, so its own session) on the test app. Italian first, like the
 * product's users; page errors are collected so a test can assert the app never threw.
 */
export async function newContext(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page; pageErrors: Error[] }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'it-IT',
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  // Generous: on a loaded 2-core machine a page load with the app and PostgreSQL beside it took over 10 s.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  return { context, page, pageErrors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (WCAG 2.0/2.1/2.2 A and AA rules and best practices) and returns the
 * serious and critical violations, shortened so a failing expectation reads well.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe);
  // Evaluated over the DevTools protocol: the app's CSP (script-src 'self') stays on, as in production.
  if (injected === 'undefined') await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Colours are measured once transitions (hover, focus, a language switch) have ended.
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
    }));
}

/** A full-page screenshot in test-artifacts/screenshots/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/**
 * Records the socket.io packets a page sends and receives, on both engine.io transports
 * (HTTP long-polling first, then the websocket upgrade), as text such as
 * `42["access_request.created",{…}]` (event) or `43<n>[{"ok":true}]` (acknowledgement).
 */
export class SocketIoRecorder {
  readonly sent: string[] = [];
  readonly received: string[] = [];
  private waiters: { match: () => boolean; resolve: () => void }[] = [];

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/socket.io/')) return;
      ws.on('framesent', ({ payload }) => this.push(this.sent, String(payload)));
      ws.on('framereceived', ({ payload }) => this.push(this.received, String(payload)));
    });
    page.on('request', (request) => {
      const body = request.url().includes('/socket.io/') ? request.postData() : null;
      if (body) this.push(this.sent, body);
    });
    page.on('response', (response) => {
      if (!response.url().includes('/socket.io/') || response.request().method() !== 'GET') return;
      response.text().then(
        (body) => this.push(this.received, body),
        () => undefined,
      );
    });
  }

  /** Resolves once the server acknowledged `subscribe` to `room` with `{ ok: true }`. */
  async subscribed(room: string, timeoutMs = 10_000): Promise<void> {
    const ackId = () => {
      const marker = `["subscribe",{"room":${JSON.stringify(room)}}]`;
      const packet = this.sent.find((p) => p.startsWith('42') && p.endsWith(marker));
      return packet ? packet.slice(2, packet.length - marker.length) : null;
    };
    await this.waitFor(
      () => {
        const id = ackId();
        return id !== null && this.received.some((p) => p.startsWith(`43${id}[{"ok":true`));
      },
      timeoutMs,
      `subscription to ${room}`,
    );
  }

  /** Resolves once an event of this type was pushed to the page. */
  async event(type: string, timeoutMs = 10_000): Promise<void> {
    await this.waitFor(() => this.hasEvent(type), timeoutMs, `event ${type}`);
  }

  hasEvent(type: string): boolean {
    return this.received.some((p) => p.startsWith(`42[${JSON.stringify(type)},`));
  }

  private push(list: string[], payload: string): void {
    // Long-polling batches packets with the record separator; engine.io message packets start with 4.
    for (const packet of payload.split('\x1e')) if (packet.startsWith('4')) list.push(packet);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match()) return true;
      w.resolve();
      return false;
    });
  }

  private waitFor(match: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (match()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for socket.io ${what}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}
