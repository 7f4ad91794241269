// One walk over every page of the web app, in every role that can see it, in German and in
// English, on a fresh demo database. On the way it proves three things of issue 7:
// 1. axe-core (WCAG 2.0/2.1 A and AA) finds no violation on any page or state; all of them are
//    collected and listed at the end, so that one run shows everything.
// 2. No request of a page or of the service worker goes to another origin than the server's.
// 3. The only cookie is the session cookie `hk_session` (HttpOnly, SameSite, Path=/), an
//    anonymous visit gets none at all, page scripts see no cookie, and the browser's storage
//    holds only settings (language, display, the order of "Entdecken"), nothing personal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { DEMO } from '../api/support.ts';
import { repoRoot } from '../support/server.ts';
import { axeViolations, RequestGuard, useServerAndBrowser, WCAG_21_AA, type AxeViolation } from './browser.ts';
import { logIn } from './steps.ts';

type Lang = 'de' | 'en';
const LANGS: Lang[] = ['de', 'en'];
type Role = 'anonymous' | 'volunteer' | 'orgMember' | 'orgAdmin' | 'coordinator' | 'admin';
const ROLES: Role[] = ['anonymous', 'volunteer', 'orgMember', 'orgAdmin', 'coordinator', 'admin'];
const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, { email: string; password: string }> = {
  volunteer: DEMO.volunteer,
  orgMember: DEMO.orgMember,
  orgAdmin: DEMO.orgAdmin,
  coordinator: DEMO.coordinator,
  admin: DEMO.admin,
};
/** How many role/language walks run at the same time in the one browser. */
const PARALLEL = 3;

/**
 * What the app may keep in the browser's storage: the language, the display settings of
 * /einstellungen and the seed of the "Entdecken" order. Nothing that names a person.
 */
const STORAGE_ALLOWED = new Set(['helferkarte.lang', 'helferkarte.discoverSeed', 'hk-display']);

interface Visit {
  path: string;
  label: string;
  /** Load the page afresh instead of following a link (a query on the same page). */
  load?: boolean;
  /** Where the page may end up (a redirect), when not at `path`. */
  arrives?: RegExp;
  /** Brings the page into a state worth checking (a form opened, errors shown). */
  act?: (page: Page) => Promise<void>;
}

/**
 * The path patterns of the app's routes, read from its router, so that a new route fails the
 * sweep until the walk visits it: `name: '/path/:id'` in `paths` and `patterns`.
 */
function routePatterns(): { name: string; pattern: RegExp }[] {
  const source = readFileSync(join(repoRoot, 'web', 'src', 'lib', 'router.svelte.ts'), 'utf8');
  const routes = [...source.matchAll(/^\s+(\w+): '(\/[^']*)',$/gm)].map(([, name, path]) => ({
    name,
    pattern: new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`),
  }));
  assert.ok(routes.length > 30, `routes read from router.svelte.ts: ${routes.map((r) => r.name).join(', ')}`);
  return routes;
}

/** The ids of the demo data the pages with :id need, read through the API. */
interface Ids {
  municipality: string;
  center: { lat: number; lon: number };
  drk: string; // administered by the demo org admin
  tafel: string; // the demo member's group
  hotlineGroup: string | null; // the coordinator's hotline group
  pendingOrganization: string | null;
  drkNeed: string;
  tafelNeed: string;
  publicNeed: string;
  helpRequest: string; // the demo volunteer helps with it
  /** The volunteer's sign-ups by status, and a need with a question on joining. */
  signedUp: Record<string, string>;
  joinable: { need: string; shift: string } | null;
  /** The e-mail addresses and names of the demo accounts: never in the browser's storage. */
  people: string[];
}

interface Finding {
  rule: string;
  impact: string | null;
  help: string;
  target: string;
  html: string;
  summary: string;
  where: string;
}

interface Walk {
  role: Role;
  lang: Lang;
  context: BrowserContext;
  page: Page;
  /** Every cookie name seen after any page of the walk, with the cookie as last seen. */
  cookies: Map<string, Cookie>;
  documentCookies: string[];
  storage: Map<string, string>;
  visits: number;
  /** The paths visited (without query). */
  paths: string[];
}

async function json(response: Response, what: string): Promise<any> {
  assert.equal(response.status, 200, `${what}: ${response.status}`);
  return response.json();
}

async function apiSession(base: string, account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  });
  assert.equal(response.status, 200, `login of ${account.email}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

async function readIds(base: string): Promise<Ids> {
  const get = (path: string, cookie = '') => fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
  const municipality = (await json(await get('/api/v1/municipalities'), 'municipalities')).items[0];
  const coordinator = await apiSession(base, DEMO.coordinator);
  const organizations = (await json(await get(`/api/v1/organizations?municipalityId=${municipality.id}&limit=100`, coordinator), 'organizations')).items as {
    id: string;
    name: string;
  }[];
  const pending = (await json(await get(`/api/v1/organizations?municipalityId=${municipality.id}&status=pending`, coordinator), 'pending organizations')).items as { id: string }[];
  const byName = (pattern: RegExp) => {
    const found = organizations.find((o) => pattern.test(o.name));
    assert.ok(found, `a demo organisation ${pattern}: ${organizations.map((o) => o.name).join(', ')}`);
    return found.id;
  };
  const firstNeed = async (organization: string, cookie: string) => {
    const items = (await json(await get(`/api/v1/organizations/${organization}/needs`, cookie), `needs of ${organization}`)).items;
    assert.ok(items.length > 0, `organisation ${organization} has needs`);
    return items[0].id as string;
  };
  const orgAdmin = await apiSession(base, DEMO.orgAdmin);
  const member = await apiSession(base, DEMO.orgMember);
  const volunteer = await apiSession(base, DEMO.volunteer);
  const memberGroups = (await json(await get('/api/v1/me', member), 'me')).roles.filter((r: { organizationId?: string }) => r.organizationId);
  const tafel = memberGroups[0].organizationId as string;
  const hotlineGroup = ((await json(await get('/api/v1/me', coordinator), 'me')).roles.find((r: { organizationId?: string }) => r.organizationId)?.organizationId ?? null) as string | null;
  const drk = byName(/DRK/);

  const signups = (await json(await get('/api/v1/me/signups', volunteer), 'signups')).items as { status: string; need: { id: string } }[];
  const signedUp: Record<string, string> = {};
  for (const s of signups) signedUp[s.status] ??= s.need.id;
  const mine = new Set(signups.map((s) => s.need.id));

  const needs = (await json(await get(`/api/v1/needs?municipalityId=${municipality.id}&limit=100`), 'needs')).items as { id: string }[];
  const publicNeed = needs.find((n) => !mine.has(n.id))?.id ?? needs[0].id;
  // A need the volunteer has not joined whose joining asks something (age, message): the panel.
  let joinable: Ids['joinable'] = null;
  for (const n of needs.slice(0, 40)) {
    if (mine.has(n.id)) continue;
    const need = await json(await get(`/api/v1/needs/${n.id}`, volunteer), `need ${n.id}`);
    const asks = need.signupMode === 'approval' || need.requirements?.minAge != null;
    const shift = (need.shifts ?? []).find((s: { full: boolean; start: string }) => !s.full && Date.parse(s.start) > Date.now());
    if (asks && shift) {
      joinable = { need: n.id, shift: shift.id };
      break;
    }
  }
  const people: string[] = [];
  for (const account of Object.values(ACCOUNTS)) {
    const me = await json(await get('/api/v1/me', await apiSession(base, account)), 'me');
    people.push(me.email, me.displayName);
  }
  const helpRequests = (await json(await get('/api/v1/me/help-requests', volunteer), 'help requests')).items;
  assert.ok(helpRequests.length > 0, 'the demo volunteer helps with a help request');
  return {
    municipality: municipality.id,
    center: municipality.center,
    drk,
    tafel,
    hotlineGroup,
    pendingOrganization: pending[0]?.id ?? null,
    drkNeed: await firstNeed(drk, orgAdmin),
    tafelNeed: await firstNeed(tafel, member),
    publicNeed,
    helpRequest: helpRequests[0].id,
    signedUp,
    joinable,
    people,
  };
}

/** Every page, per role. Pages without :id come from router.svelte.ts's `paths`. */
function visitsFor(role: Role, ids: Ids): Visit[] {
  const m = ids.municipality;
  const search = `/?ort=G%C3%BCtersloh&lat=${ids.center.lat}&lon=${ids.center.lon}`;
  const everyone: Visit[] = [
    { path: '/', label: 'start' },
    { path: search, label: 'start: search results' },
    { path: `${search}&ansicht=entdecken`, label: 'start: Entdecken' },
    { path: `/gesuche/${ids.publicNeed}`, label: 'need' },
    { path: '/impressum', label: 'imprint' },
    { path: '/datenschutz', label: 'privacy' },
    { path: '/barrierefreiheit', label: 'accessibility statement' },
    { path: `/kommunen/${m}/impressum`, label: 'municipality imprint' },
    { path: `/kommunen/${m}/datenschutz`, label: 'municipality privacy' },
    { path: `/kommunen/${m}/barrierefreiheit`, label: 'municipality accessibility statement' },
    { path: '/barriere-melden?seite=%2Fimpressum', label: 'barrier report' },
    { path: '/einstellungen', label: 'settings' },
    { path: '/leichte-sprache', label: 'Leichte Sprache' },
    { path: '/gibt-es-nicht', label: 'not found' },
  ];
  const signedIn: Visit[] = [
    { path: '/profil', label: 'profile' },
    { path: '/meine-einsaetze', label: 'my engagements' },
    { path: '/meine-einsaetze/nachweis', label: 'certificate' },
    { path: '/meine-daten', label: 'my data' },
    { path: '/organisation-registrieren', label: 'apply for an organisation' },
  ];
  const groupPages = (id: string, need: string, who: string): Visit[] => [
    { path: `/organisationen/${id}/verwaltung`, label: `${who}: administration` },
    { path: `/organisationen/${id}/gesuche`, label: `${who}: needs` },
    { path: `/organisationen/${id}/gesuche/neu`, label: `${who}: new need` },
    { path: `/organisationen/${id}/gesuche/${need}`, label: `${who}: manage need` },
  ];
  const coordination: Visit[] = [
    { path: '/koordination', label: 'coordination' },
    { path: `/koordination/organisationen/${ids.drk}`, label: 'coordination: approved organisation' },
    ...(ids.pendingOrganization
      ? [{ path: `/koordination/organisationen/${ids.pendingOrganization}`, label: 'coordination: pending organisation' }]
      : []),
    { path: '/koordination/organisation-anlegen', label: 'coordination: add organisation' },
    { path: '/koordination/protokoll', label: 'coordination: audit log' },
    { path: '/koordination/kommune', label: 'coordination: municipality' },
    { path: '/koordination/gesuche', label: 'coordination: needs' },
    { path: '/koordination/uebersicht', label: 'coordination: dashboard' },
    { path: '/koordination/hilfetelefon', label: 'hotline' },
    { path: '/koordination/hilfetelefon/neu', label: 'hotline: new request' },
    { path: `/koordination/hilfetelefon/${ids.helpRequest}`, label: 'hotline: request' },
    { path: `/koordination/hilfetelefon/${ids.helpRequest}/anrufbogen`, label: 'hotline: call sheet' },
  ];
  switch (role) {
    case 'anonymous':
      return [
        ...everyone,
        { path: '/anmelden', label: 'login' },
        {
          path: '/anmelden',
          label: 'login with errors',
          load: true,
          act: async (page) => {
            await page.locator('form button[type="submit"]').first().click();
            await page.locator('[aria-invalid="true"]').first().waitFor({ timeout: 10_000 });
          },
        },
        { path: '/registrieren', label: 'register' },
        { path: '/konto/bestaetigen', label: 'confirm address without a link' },
        { path: '/passwort-vergessen', label: 'forgot password' },
        { path: '/passwort-neu', label: 'new password without a link' },
        { path: '/einsatz', label: 'sign-up link without a token' },
        // The display settings: high contrast and 200 % text, then pages seen that way.
        {
          path: '/einstellungen',
          label: 'settings: high contrast, 200 % text',
          act: async (page) => {
            await page.locator('main input[type="radio"][value="200"]').check();
            await page.locator('main input[type="checkbox"]').first().check();
            await page.waitForFunction(() => (localStorage.getItem('hk-display') ?? '').includes('200'));
          },
        },
        { path: search, label: 'start: search results (high contrast, 200 %)' },
        { path: `/gesuche/${ids.publicNeed}`, label: 'need (high contrast, 200 %)' },
        { path: '/registrieren', label: 'register (high contrast, 200 %)' },
        // The pages that need an account send an anonymous visitor to the login page (with
        // ?next=), which is checked above; /meine-daten is new and checked on its own.
        { path: '/meine-daten', label: 'my data (signed out)', arrives: /^\/(meine-daten|anmelden\?next=%2Fmeine-daten)$/ },
      ];
    case 'volunteer':
      return [
        ...everyone,
        ...signedIn,
        ...Object.entries(ids.signedUp).map(([status, need]) => ({ path: `/gesuche/${need}`, label: `need: sign-up ${status}` })),
        ...(ids.joinable
          ? [
              {
                path: `/gesuche/${ids.joinable.need}`,
                label: 'need: joining, questions open',
                act: async (page: Page) => {
                  await page.locator(`#join-${ids.joinable!.shift}`).click();
                  await page.locator('#join-panel').waitFor({ timeout: 10_000 });
                },
              },
            ]
          : []),
        { path: `/hilfeanfragen/${ids.helpRequest}`, label: 'help request (helper)' },
      ];
    case 'orgMember':
      return [...everyone, ...signedIn, ...groupPages(ids.tafel, ids.tafelNeed, 'member')];
    case 'orgAdmin':
      return [...everyone, ...signedIn, ...groupPages(ids.drk, ids.drkNeed, 'org admin')];
    case 'coordinator':
      return [
        ...everyone,
        ...signedIn,
        ...coordination,
        ...(ids.hotlineGroup ? [{ path: `/organisationen/${ids.hotlineGroup}/gesuche`, label: 'coordinator: hotline group needs' }] : []),
      ];
    case 'admin':
      return [...everyone, ...signedIn, { path: '/verwaltung', label: 'platform administration' }, { path: '/koordination', label: 'coordination (admin)' }];
  }
}

// Plain JavaScript, kept out of the TypeScript transform. Resolves once the page at `path`
// shows its h1, nothing is loading any more and (signed in) the header names the person, and
// that has stayed so for a few frames; returns what the walk checks on every page.
const SETTLE = `async ({ path, arrives, signedIn }) => {
  const at = () => location.pathname + location.search;
  const ready = () =>
    (arrives ? new RegExp(arrives).test(at()) : at() === path) &&
    document.querySelector('#main h1') !== null &&
    document.querySelector('.hk-loading, [aria-busy="true"]') === null &&
    (!signedIn || document.querySelector('[data-testid="signed-in-as"]') !== null);
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
  const deadline = Date.now() + 10000;
  let stable = 0;
  while (stable < 4) {
    if (Date.now() > deadline) break;
    stable = ready() ? stable + 1 : 0;
    await frame();
  }
  const storage = {};
  for (const area of [localStorage, sessionStorage]) {
    for (let i = 0; i < area.length; i++) storage[area.key(i)] = area.getItem(area.key(i));
  }
  return {
    settled: stable >= 4,
    url: location.pathname + location.search,
    lang: document.documentElement.lang,
    h1: (document.querySelector('#main h1')?.textContent ?? '').trim(),
    cookie: document.cookie,
    storage,
  };
}`;

/** Follows an app link to the path the way a click does, through the client router. */
const FOLLOW = `(path) => {
  const a = document.createElement('a');
  a.href = path;
  a.className = 'hk-sweep-link';
  document.body.append(a);
  a.click();
  a.remove();
}`;

describe('sweep: every page in every role and language (axe, third parties, cookies)', () => {
  const stage = useServerAndBrowser();
  const findings: Finding[] = [];
  const problems: string[] = [];
  const walks: Walk[] = [];
  let people: string[] = [];
  const serviceWorkerRequests: string[] = [];
  let guard: RequestGuard;
  let origin = '';

  async function openWalk(browser: Browser, role: Role, lang: Lang): Promise<Walk> {
    // bypassCSP lets axe's script tag in. The service worker (the same for everyone) runs in
    // the German walks of the anonymous visitor and the volunteer, where its requests are
    // watched with the pages'; elsewhere it would only precache the same files again.
    const serviceWorker = lang === 'de' && (role === 'anonymous' || role === 'volunteer');
    const context = await browser.newContext({
      locale: lang === 'de' ? 'de-DE' : 'en-GB',
      timezoneId: 'Europe/Berlin',
      bypassCSP: true,
      serviceWorkers: serviceWorker ? 'allow' : 'block',
    });
    guard.watchContext(context);
    context.on('request', (request) => {
      if (request.serviceWorker()) serviceWorkerRequests.push(request.url());
    });
    const page = await context.newPage();
    return { role, lang, context, page, cookies: new Map(), documentCookies: [], storage: new Map(), visits: 0, paths: [] };
  }

  async function record(walk: Walk, visit: Visit, where: string): Promise<void> {
    const { page } = walk;
    const state = (await page.evaluate(`(${SETTLE})(${JSON.stringify({ path: visit.path, arrives: visit.arrives?.source, signedIn: walk.role !== 'anonymous' })})`)) as {
      settled: boolean;
      url: string;
      lang: string;
      h1: string;
      cookie: string;
      storage: Record<string, string>;
    };
    if (!state.settled) problems.push(`${where}: the page did not settle (at ${state.url}, h1 "${state.h1}")`);
    if (state.lang !== walk.lang) problems.push(`${where}: <html lang="${state.lang}">, expected ${walk.lang}`);
    if (state.cookie !== '') walk.documentCookies.push(`${where}: ${state.cookie}`);
    for (const [key, value] of Object.entries(state.storage)) walk.storage.set(key, value);
    for (const cookie of await walk.context.cookies()) walk.cookies.set(cookie.name, cookie);
    if (visit.act) {
      try {
        await visit.act(page);
      } catch (error) {
        problems.push(`${where}: could not bring the page into its state: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    let violations: AxeViolation[] = [];
    try {
      violations = await axeViolations(page, WCAG_21_AA);
    } catch (error) {
      problems.push(`${where}: axe failed: ${(error as Error).message.split('\n')[0]}`);
    }
    for (const v of violations) {
      for (const node of v.nodes) {
        findings.push({
          rule: v.id,
          impact: v.impact,
          help: v.help,
          target: JSON.stringify(node.target),
          html: node.html.slice(0, 200),
          summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
          where,
        });
      }
    }
    walk.visits += 1;
    walk.paths.push(visit.path.split('?')[0]);
  }

  async function walkAll(walk: Walk, visits: Visit[]): Promise<void> {
    const base = stage.server.url;
    const { page } = walk;
    const tag = `${walk.role}, ${walk.lang}`;
    if (walk.role !== 'anonymous') {
      await page.goto(`${base}/anmelden`);
      await logIn(page, ACCOUNTS[walk.role]);
    } else {
      await page.goto(`${base}/`);
    }
    if (walk.lang === 'en') {
      // The language switch in the header, as a visitor would use it; the app remembers it.
      await page.locator('header button.hk-lang').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    const started = Date.now();
    for (const visit of visits) {
      const where = `${visit.label} ${visit.path} (${tag})`;
      try {
        if (visit.load) await page.goto(`${base}${visit.path}`);
        else await page.evaluate(`(${FOLLOW})(${JSON.stringify(visit.path)})`);
        await record(walk, visit, where);
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    process.stdout.write(`# walk ${tag}: ${walk.visits} pages in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }

  before(async () => {
    const base = stage.server.url;
    origin = new URL(base).origin;
    guard = new RequestGuard(origin);
    const ids = await readIds(base);
    people = ids.people;
    process.stdout.write(`# demo ids: ${JSON.stringify({ ...ids, people: undefined })}\n`);
    const queue = ROLES.flatMap((role) => LANGS.map((lang) => ({ role, lang })));
    const workers = Array.from({ length: PARALLEL }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const walk = await openWalk(stage.browser, next.role, next.lang);
        walks.push(walk);
        await walkAll(walk, visitsFor(next.role, ids));
      }
    });
    await Promise.all(workers);
  });

  it('visits every route of the app', () => {
    const visited = new Set(walks.flatMap((w) => w.paths));
    const missing = routePatterns()
      .filter(({ pattern }) => ![...visited].some((path) => pattern.test(path)))
      .map(({ name }) => name);
    assert.deepEqual(missing, [], 'routes of router.svelte.ts the walk never visited');
  });

  it('finds no WCAG 2.1 A/AA violation on any page, in any role or language', () => {
    const visits = walks.reduce((sum, w) => sum + w.visits, 0);
    assert.ok(visits > 200, `the walk checked ${visits} pages`);
    // One entry per rule and element, with every page, role and language it was found on.
    const grouped = new Map<string, { finding: Finding; where: string[] }>();
    for (const f of findings) {
      const key = `${f.rule} ${f.target} ${f.html}`;
      const entry = grouped.get(key) ?? { finding: f, where: [] };
      entry.where.push(f.where);
      grouped.set(key, entry);
    }
    const report = [...grouped.values()]
      .sort((a, b) => a.finding.rule.localeCompare(b.finding.rule))
      .map(({ finding: f, where }) =>
        `  [${f.impact ?? 'n/a'}] ${f.rule}: ${f.help}\n    at ${f.target}\n      ${f.html}\n      ${f.summary}\n    on ${where.length} page(s):\n      ${where.join('\n      ')}`,
      );
    const message = [
      problems.length > 0 ? `${problems.length} problem(s) on the walk:\n  ${problems.join('\n  ')}` : '',
      report.length > 0 ? `${findings.length} axe violation node(s), ${report.length} distinct:\n${report.join('\n')}` : '',
    ].filter(Boolean).join('\n');
    assert.ok(problems.length === 0 && findings.length === 0, message);
  });

  it('makes no request to another origin than the server, from pages or the service worker', () => {
    assert.ok(guard.seen.length > 0, 'requests were recorded');
    assert.ok(guard.seen.some((u) => u.startsWith(`${origin}/api/`)), 'the API requests were recorded');
    // The service worker precaches the shell: its own requests are among those watched.
    assert.ok(serviceWorkerRequests.length > 0, 'requests of the service worker were recorded');
    assert.deepEqual([...new Set(guard.foreign)], [], `requests to other origins than ${origin}`);
  });

  it('sets no cookie but the session cookie, and none when anonymous', () => {
    const seen: string[] = [];
    for (const walk of walks) {
      const where = `${walk.role}, ${walk.lang}`;
      const cookies = [...walk.cookies.values()];
      seen.push(`${where}: ${cookies.map((c) => `${c.name} (HttpOnly ${c.httpOnly}, SameSite ${c.sameSite}, Path ${c.path})`).join(', ') || 'none'}`);
      assert.deepEqual(walk.documentCookies, [], `page scripts see no cookie (${where})`);
      if (walk.role === 'anonymous') {
        assert.deepEqual(cookies.map((c) => c.name), [], `an anonymous walk sets no cookie (${where})`);
        continue;
      }
      assert.deepEqual(cookies.map((c) => c.name), ['hk_session'], `only the session cookie (${where})`);
      const session = walk.cookies.get('hk_session')!;
      assert.equal(session.httpOnly, true, `hk_session is HttpOnly (${where})`);
      assert.ok(session.sameSite === 'Lax' || session.sameSite === 'Strict', `hk_session is SameSite=Lax or Strict (${where}): ${session.sameSite}`);
      assert.equal(session.path, '/', `hk_session has Path=/ (${where})`);
      assert.equal(session.domain, new URL(origin).hostname, `hk_session is a host-only cookie (${where})`);
    }
    process.stdout.write(`# cookies per walk:\n#   ${seen.join('\n#   ')}\n`);
  });

  it('keeps only settings in the browser storage, nothing personal', () => {
    for (const walk of walks) {
      const where = `${walk.role}, ${walk.lang}`;
      const keys = [...walk.storage.keys()].sort();
      const unknown = keys.filter((k) => !STORAGE_ALLOWED.has(k));
      assert.deepEqual(unknown, [], `storage keys outside the allow-list (${where}); all keys: ${keys.join(', ')}`);
      for (const [key, value] of walk.storage) {
        for (const datum of people) assert.ok(!value.includes(datum), `storage ${key} holds no personal datum such as "${datum}" (${where})`);
      }
      if (walk.lang === 'en') assert.equal(walk.storage.get('helferkarte.lang'), 'en', `the language is remembered (${where})`);
    }
  });
});
