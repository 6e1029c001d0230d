// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabGroupView, LabView, LoginResult, Page as ApiPage, SpaceView } from '@convergo/contracts';
import type { Page } from 'playwright-core';
import { DEMO_LAB } from '../apps/api/src/modules/labs/labs.demo-data';
import { DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-accounts';
import { seriousA11yViolations, type AxeViolation } from './support/browser';
import { browserSuite } from './support/browser-suite';

/**
 * Every route of the web app, for the two demo roles of issue 15 (an official and a tutor; the
 * sign-in pages for a visitor), on a phone (375 px), a tablet (768 px) and a desktop (1280 px):
 * a full-page screenshot in test-results/sweep/ (git-ignored), no horizontal scrolling, header,
 * body and footer on one left edge, one chevron per select, a `<title>` naming the page, a
 * visible keyboard focus ring, and no serious or critical axe violation in Italian (desktop)
 * and in English (phone). One browser, one context per person, the same page resized.
 */

const WIDTHS = [1280, 768, 375] as const;
const HEIGHT = 900;
const SHOT_DIR = join(__dirname, '..', 'test-results', 'sweep');
const APP_NAME = 'Convergo';

/** The API as the signed-in person sees it: the routes' ids are found through it. */
interface Api {
  get<T>(url: string): Promise<T>;
  /** The id (or `key`) of the first item of a list endpoint; fails the test when the list is empty. */
  first(url: string, key?: string): Promise<string>;
  /** What the test created before the sweep (things the demo data has none of). */
  seeded: Seeded;
}

interface Seeded {
  labId: string;
  labSpaceId: string;
}

interface SweepRoute {
  /** The path exactly as `apps/web/src/router.tsx` writes it. */
  path: string;
  /** The address to open, ids found through the API as the person. */
  url: (api: Api) => Promise<string> | string;
  /** Pages for people not signed in (signed in, they lead home): swept signed out. */
  signedOut?: true;
}

/**
 * One entry per route of router.tsx: the test fails when the router and this table disagree.
 * Parameterised routes open the first thing of their kind the person can see, e.g. a new
 * `{ path: '/gemellaggi/:id', url: async (api) => `/gemellaggi/${await api.first('/api/v1/twinnings')}` }`.
 */
const ROUTES: readonly SweepRoute[] = [
  { path: '/', url: () => '/' },
  { path: '/accedi', url: () => '/accedi', signedOut: true },
  { path: '/invito', url: () => '/invito', signedOut: true },
  { path: '/richiesta-accesso', url: () => '/richiesta-accesso', signedOut: true },
  { path: '/profilo', url: () => '/profilo' },
  { path: '/membri', url: () => '/membri' },
  { path: '/spazi', url: () => '/spazi' },
  { path: '/spazi/:id', url: async (api) => `/spazi/${await api.first('/api/v1/spaces')}` },
  {
    path: '/discussioni/:id',
    url: async (api) => `/discussioni/${await api.first(`/api/v1/spaces/${api.seeded.labSpaceId}/threads`)}`,
  },
  { path: '/documenti', url: () => '/documenti' },
  { path: '/documenti/:id', url: async (api) => `/documenti/${await api.first('/api/v1/documents')}` },
  { path: '/cerca', url: () => '/cerca?q=piano' },
  { path: '/moderazione', url: () => '/moderazione' },
  { path: '/moderazione/registro', url: () => '/moderazione/registro' },
  { path: '/programmi', url: () => '/programmi' },
  {
    path: '/programmi/:code',
    url: async (api) => `/programmi/${await api.first('/api/v1/programmes', 'code')}`,
  },
  { path: '/buone-pratiche', url: () => '/buone-pratiche' },
  { path: '/buone-pratiche/proponi', url: () => '/buone-pratiche/proponi' },
  {
    path: '/buone-pratiche/:id',
    url: async (api) => `/buone-pratiche/${await api.first('/api/v1/practices')}`,
  },
  { path: '/laboratori', url: () => '/laboratori' },
  { path: '/laboratori/:id', url: (api) => `/laboratori/${api.seeded.labId}` },
  {
    path: '/laboratori/:labId/sessioni/:id',
    url: async (api) =>
      `/laboratori/${api.seeded.labId}/sessioni/${await api.first(`/api/v1/labs/${api.seeded.labId}/sessions`)}`,
  },
  {
    path: '/laboratori/:labId/prodotti/:id',
    url: async (api) =>
      `/laboratori/${api.seeded.labId}/prodotti/${await api.first(`/api/v1/labs/${api.seeded.labId}/deliverables`)}`,
  },
  {
    path: '/sessioni/:id/live',
    url: async (api) => `/sessioni/${await api.first('/api/v1/me/sessions')}/live`,
  },
  {
    path: '/sessioni/:id/check-in',
    url: async (api) => `/sessioni/${await api.first('/api/v1/me/sessions')}/check-in`,
  },
  {
    path: '/sessioni/:id/presenze',
    url: async (api) => `/sessioni/${await api.first('/api/v1/me/sessions')}/presenze`,
  },
  { path: '/presenze', url: () => '/presenze' },
  { path: '/calendario', url: () => '/calendario' },
  { path: '/tutoraggio', url: () => '/tutoraggio' },
  { path: '/tutoraggio/gestione', url: () => '/tutoraggio/gestione' },
  { path: '/tutoraggio/coaching', url: () => '/tutoraggio/coaching' },
  {
    path: '/tutoraggio/slot/:id',
    url: async (api) => `/tutoraggio/slot/${await api.first('/api/v1/tutoring/slots')}`,
  },
  { path: '/gemellaggi', url: () => '/gemellaggi' },
  { path: '/gemellaggi/:id', url: async (api) => `/gemellaggi/${await api.first('/api/v1/twinnings')}` },
  { path: '/enti', url: () => '/enti' },
  {
    path: '/enti/:id',
    url: async (api) =>
      `/enti/${(await api.get<{ organization: { id: string } }>('/api/v1/me')).organization.id}`,
  },
  { path: '/amministrazione', url: () => '/amministrazione' },
  { path: '*', url: () => '/pagina-che-non-esiste' },
];

const ROLES = [
  { name: 'official', email: 'funzionaria.bari@convergo.demo' },
  { name: 'tutor', email: 'tutor@convergo.demo' },
] as const;

/** The paths router.tsx declares (the index route is `/`). */
function routerPaths(): string[] {
  const source = readFileSync(join(__dirname, '..', 'apps', 'web', 'src', 'router.tsx'), 'utf8');
  const paths = [...source.matchAll(/\bpath:\s*'([^']+)'/g)].map((m) => m[1]);
  return /\bindex:\s*true\b/.test(source) ? ['/', ...paths] : paths;
}

/** Elements reaching past the right edge whose parent does not: where a horizontal scroll comes from. */
async function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= window.innerWidth) return null;
    const edge = root.clientWidth + 0.5;
    const describe = (el: Element) => {
      const classes = [...el.classList]
        .slice(0, 3)
        .map((c) => `.${c}`)
        .join('');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes} (right ${Math.round(
        el.getBoundingClientRect().right,
      )}px${text ? ` “${text}”` : ''})`;
    };
    const causes = [...document.body.querySelectorAll('*')]
      .filter((el) => {
        const right = el.getBoundingClientRect().right;
        const parent = el.parentElement;
        return right > edge && (!parent || parent.getBoundingClientRect().right <= edge);
      })
      .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
      .slice(0, 3)
      .map(describe);
    return `scrollWidth ${root.scrollWidth} > ${window.innerWidth}: ${causes.join('; ') || 'no element found'}`;
  });
}

/**
 * The left edge of the content of the header's three bars and of the page body: one container
 * and gutter for all of them (issue 15 found the body at 12 px and the header at 30 px).
 */
async function misalignedEdges(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const contentLeft = (selector: string) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const style = getComputedStyle(el);
      return Math.round(el.getBoundingClientRect().left + parseFloat(style.paddingLeft));
    };
    const left = (selector: string) => {
      const el = document.querySelector(selector);
      return el && el.getClientRects().length > 0 ? Math.round(el.getBoundingClientRect().left) : null;
    };
    const edges = {
      slim: contentLeft('.it-header-slim-wrapper-content'),
      // Below 992px the menu button comes first in the centre bar, the brand after it.
      centre: left('.custom-navbar-toggler') ?? left('.it-header-center-wrapper .it-brand-wrapper a'),
      body: contentLeft('#main-content'),
      footer: contentLeft('.it-footer-main .container-xxl'),
      smallPrints: left('.it-footer-small-prints-list li'),
    };
    const values = Object.values(edges).filter((v): v is number => v !== null);
    return Math.max(...values) - Math.min(...values) > 1 ? JSON.stringify(edges) : null;
  });
}

/** Client-side navigation, as a click on a link does: the app, its session and axe stay loaded. */
async function open(page: Page, url: string): Promise<void> {
  await page.evaluate((to) => {
    // Already there (the page the sweep starts on): nothing to navigate, the title is its own.
    if (`${window.location.pathname}${window.location.search}` === to) return;
    // Blank, so a page that does not name itself keeps no other page's title.
    document.title = '';
    window.history.pushState({ idx: (window.history.state?.idx ?? 0) + 1, key: to, usr: null }, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, url);
  await settled(page, url);
}

/** The route rendered and its data arrived (no spinner, no progress bar). */
async function settled(page: Page, url: string): Promise<void> {
  const pathname = new URL(url, 'http://x').pathname;
  try {
    await page.waitForFunction(
      (path) =>
        window.location.pathname === path &&
        document.querySelector('#main-content h1') !== null &&
        document.querySelector('.app-progress, #main-content .progress-spinner-active') === null,
      pathname,
      { timeout: 15_000 },
    );
  } catch (error) {
    const state = await page.evaluate(() => ({
      at: window.location.pathname,
      main: (document.getElementById('main-content')?.innerText ?? '').slice(0, 300),
    }));
    throw new Error(`${url} did not settle: ${JSON.stringify(state)} (${String(error)})`);
  }
  // Fonts and late layout (images, lazy panels) before measuring.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** `/laboratori/:labId/sessioni/:id` → `laboratori_labId_sessioni_id`. */
function shotName(route: string): string {
  if (route === '/') return 'home';
  if (route === '*') return 'not-found';
  return route.slice(1).replace(/[/:]+/g, '_');
}

/** Selects drawing both the browser's arrow and a background chevron (issue 15 saw two on each). */
async function doubleChevrons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('select')]
      .filter((select) => {
        const style = getComputedStyle(select);
        return style.appearance !== 'none' && style.backgroundImage !== 'none';
      })
      .map((select) => `select#${select.id}`),
  );
}

/**
 * Interactive elements that show no focus ring when focused from the keyboard (WCAG 2.4.7):
 * neither an outline nor a box shadow (Bootstrap Italia's ring). Checkboxes and radios are
 * drawn by their label, which carries the ring.
 */
async function invisibleFocus(page: Page): Promise<string[]> {
  // A key press first, so the browser treats the focus below as keyboard focus.
  await page.keyboard.press('Shift');
  return page.evaluate(() => {
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if ((el as HTMLButtonElement).disabled || el.getClientRects().length === 0) continue;
      el.focus({ preventScroll: true });
      if (document.activeElement !== el) continue;
      const drawn = el.matches('.form-check input') ? ((el as HTMLInputElement).labels?.[0] ?? el) : el;
      const style = getComputedStyle(drawn);
      const outline =
        style.outlineStyle !== 'none' &&
        parseFloat(style.outlineWidth) > 0 &&
        style.outlineColor !== 'rgba(0, 0, 0, 0)';
      if (!outline && style.boxShadow === 'none') {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
        bad.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} “${name}”`,
        );
      }
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return bad;
  });
}

/** The title the page set (effects run after the paint that showed its heading), or '' if none. */
async function namedTitle(page: Page): Promise<string> {
  try {
    await page.waitForFunction(() => document.title !== '', undefined, { timeout: 5_000 });
  } catch {
    return '';
  }
  return page.title();
}

function shortViolations(violations: AxeViolation[]) {
  return violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

describe('every route at 375, 768 and 1280 px (issue 15)', () => {
  const suite = browserSuite({ env: { DEMO_DATA: 'true' }, startTimeoutMs: 120_000 });
  let seeded: Seeded;
  const started = Date.now();

  const login = async (email: string): Promise<LoginResult> =>
    (await suite.app.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200))
      .body as LoginResult;

  const apiAs = (token: string): Api => {
    const get = async <T>(url: string): Promise<T> =>
      (await suite.app.http().get(url).set('authorization', `Bearer ${token}`).expect(200)).body as T;
    return {
      get,
      async first(url, key = 'id') {
        const page = await get<ApiPage<Record<string, string>>>(url);
        const value = page.items[0]?.[key];
        if (!value) throw new Error(`${url} lists nothing for this person`);
        return value;
      },
      seeded,
    };
  };

  beforeAll(async () => {
    // The demo lab, its space and a thread, document and product in it with long words and a
    // long address, so pages show real content (the demo data has no threads or documents).
    const official = await login(ROLES[0].email);
    const as = { authorization: `Bearer ${official.accessToken}` };
    const http = suite.app.http.bind(suite.app);
    const labs = (await http().get('/api/v1/labs?limit=100').set(as).expect(200)).body as ApiPage<LabView>;
    const lab = labs.items.find((l) => l.title === DEMO_LAB.title);
    if (!lab) throw new Error('the demo lab is missing');
    const spaces = (await http().get('/api/v1/spaces?limit=100').set(as).expect(200))
      .body as ApiPage<SpaceView>;
    const labSpace = spaces.items.find((s) => s.labId === lab.id);
    if (!labSpace) throw new Error('the demo lab has no space');
    seeded = { labId: lab.id, labSpaceId: labSpace.id };
    const longUrl = `https://www.example.gov.it/${'amministrazione-trasparente/'.repeat(6)}documento.pdf`;
    await http()
      .post(`/api/v1/spaces/${labSpace.id}/threads`)
      .set(as)
      .send({
        title: 'Precisazioni sull’interoperabilità dei sistemi informativi',
        body: `Il documento è qui: ${longUrl}\n\nParola lunghissima: precipitevolissimevolmente${'mente'.repeat(8)}`,
      })
      .expect(201);
    await http()
      .post('/api/v1/documents')
      .set(as)
      .send({
        title: 'Quadro logico del progetto di cooperazione interistituzionale',
        kind: 'note',
        owner: { type: 'space', id: labSpace.id },
        tags: ['interoperabilità'],
      })
      .expect(201);
    // Products are assigned by the lab's tutor.
    const tutor = { authorization: `Bearer ${(await login(ROLES[1].email)).accessToken}` };
    const groups = (await http().get(`/api/v1/labs/${lab.id}/groups`).set(tutor).expect(200))
      .body as ApiPage<LabGroupView>;
    const group = groups.items[0];
    if (!group) throw new Error('the demo lab has no working group');
    await http()
      .post(`/api/v1/labs/${lab.id}/deliverables`)
      .set(tutor)
      .send({ groupId: group.id, kind: 'logical_framework', title: 'Quadro logico – macro-area Governance' })
      .expect(201);
  }, 60_000);

  afterAll(() => {
    console.log(
      `web sweep: ${ROUTES.length} routes, ${ROLES.length} roles and a visitor, ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });

  it('lists every path of router.tsx in its route table, and no other', () => {
    const routed = routerPaths();
    const listed = ROUTES.map((r) => r.path);
    expect({
      notSwept: routed.filter((p) => !listed.includes(p)),
      notRouted: listed.filter((p) => !routed.includes(p)),
    }).toEqual({ notSwept: [], notRouted: [] });
  });

  /**
   * Opens each address at the first width, checks the title, then for each width (resizing the
   * same page) takes a screenshot and measures the overflow; axe runs at `axeWidth`.
   */
  const sweep = async (
    page: Page,
    who: string,
    urls: readonly { route: string; url: string }[],
    language: 'it' | 'en',
    widths: readonly number[],
    axeWidth: number,
  ): Promise<unknown[]> => {
    mkdirSync(SHOT_DIR, { recursive: true });
    const problems: unknown[] = [];
    for (const { route, url } of urls) {
      await page.setViewportSize({ width: widths[0], height: HEIGHT });
      await open(page, url);
      const title = await namedTitle(page);
      if (!title.endsWith(` · ${APP_NAME}`) || title === `${APP_NAME} · ${APP_NAME}`) {
        problems.push({ route, language, title });
      }
      const chevrons = await doubleChevrons(page);
      if (chevrons.length > 0) problems.push({ route, language, twoChevrons: chevrons });
      for (const width of widths) {
        if (width !== widths[0]) await page.setViewportSize({ width, height: HEIGHT });
        const name = `${who}-${language}-${width}-${shotName(route)}`;
        await page.screenshot({
          path: join(SHOT_DIR, `${name}.jpg`),
          fullPage: true,
          type: 'jpeg',
          quality: 60,
          animations: 'disabled',
        });
        const edges = await misalignedEdges(page);
        if (edges) problems.push({ route, language, width, edges });
        const overflow = await horizontalOverflow(page);
        if (overflow) problems.push({ route, language, width, overflow });
        if (width === axeWidth) {
          const unfocusable = await invisibleFocus(page);
          if (unfocusable.length > 0) problems.push({ route, language, width, invisibleFocus: unfocusable });
          const violations = await seriousA11yViolations(page);
          if (violations.length > 0)
            problems.push({ route, language, width, axe: shortViolations(violations) });
        }
      }
    }
    return problems;
  };

  /** Italian at every width (axe on the desktop), then English on the phone, switched as a person does. */
  const sweepBothLanguages = async (page: Page, who: string, urls: { route: string; url: string }[]) => {
    const italian = await sweep(page, who, urls, 'it', WIDTHS, 1280);
    await page.setViewportSize({ width: 1280, height: HEIGHT });
    await page.locator('.language-switch button[lang="en"]').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    const english = await sweep(page, who, urls, 'en', [375], 375);
    return [...italian, ...english];
  };

  for (const role of ROLES) {
    it(`shows every route to the ${role.name} without sideways scrolling, titled and accessible`, async () => {
      const { page } = await suite.newDevice();
      await suite.logIn(page, role.email);
      const api = apiAs((await login(role.email)).accessToken);
      const urls = await Promise.all(
        ROUTES.filter((r) => !r.signedOut).map(async (r) => ({ route: r.path, url: await r.url(api) })),
      );
      expect(await sweepBothLanguages(page, role.name, urls)).toEqual([]);
    }, 300_000);
  }

  it('shows the signed-out pages the same way', async () => {
    const { page } = await suite.newDevice();
    await page.goto('/accedi');
    const urls = await Promise.all(
      ROUTES.filter((r) => r.signedOut).map(async (r) => ({ route: r.path, url: await r.url(apiAs('')) })),
    );
    expect(await sweepBothLanguages(page, 'visitor', urls)).toEqual([]);
  }, 120_000);
});
