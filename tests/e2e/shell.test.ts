// The web app shell against the real server with demo data: German and English texts, the
// municipality list, client-side routing, accessibility (axe) on every page, login and logout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type Server } from '../support/server.ts';
import { assertNoAxeViolations, launchBrowser, newContext, reportServerCrash, useServerAndBrowser, type RequestGuard } from './browser.ts';

const COORDINATOR = { email: 'koordination@guetersloh.example', password: 'Demo-Koordination-2026' };

type Lang = 'de' | 'en';
interface PageSpec {
  path: string;
  /** How to get there through the UI: the link's landmark and name per language. */
  via: 'header' | 'footer';
  link: Record<Lang, string>;
  heading: Record<Lang, string>;
  title: Record<Lang, string>;
}

const pages: PageSpec[] = [
  {
    path: '/anmelden', via: 'header',
    link: { de: 'Anmelden', en: 'Log in' },
    heading: { de: 'Anmelden', en: 'Log in' },
    title: { de: 'Anmelden – Helferkarte', en: 'Log in – Helferkarte' },
  },
  {
    path: '/impressum', via: 'footer',
    link: { de: 'Impressum', en: 'Legal notice' },
    heading: { de: 'Impressum', en: 'Legal notice' },
    title: { de: 'Impressum – Helferkarte', en: 'Legal notice – Helferkarte' },
  },
  {
    path: '/datenschutz', via: 'footer',
    link: { de: 'Datenschutz', en: 'Privacy' },
    heading: { de: 'Datenschutzerklärung', en: 'Privacy policy' },
    title: { de: 'Datenschutz – Helferkarte', en: 'Privacy – Helferkarte' },
  },
  {
    path: '/barrierefreiheit', via: 'footer',
    link: { de: 'Barrierefreiheit', en: 'Accessibility' },
    heading: { de: 'Erklärung zur Barrierefreiheit', en: 'Accessibility statement' },
    title: { de: 'Barrierefreiheit – Helferkarte', en: 'Accessibility – Helferkarte' },
  },
  {
    path: '/', via: 'header',
    link: { de: 'Start', en: 'Home' },
    heading: { de: 'Helfen, wo es gebraucht wird', en: 'Help where help is needed' },
    title: { de: 'Start – Helferkarte', en: 'Home – Helferkarte' },
  },
];

const navNames = {
  header: { de: 'Hauptnavigation', en: 'Main navigation' },
  footer: { de: 'Rechtliche Hinweise', en: 'Legal information' },
};

async function h1(page: Page): Promise<string> {
  return ((await page.locator('h1').first().textContent()) ?? '').trim();
}

async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout: 10_000 });
}

/** Marks the document, so that a later check can tell that no full page load happened. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __hkMarker: boolean }).__hkMarker = true;
  });
}

async function assertSameDocument(page: Page, where: string): Promise<void> {
  const marked = await page.evaluate(() => (window as unknown as { __hkMarker?: boolean }).__hkMarker === true);
  assert.ok(marked, `the page was fully reloaded when navigating to ${where}`);
}

async function waitForMunicipalities(page: Page): Promise<void> {
  await page.locator('.hk-municipalities').getByRole('heading', { name: 'Gütersloh' }).waitFor({ timeout: 10_000 });
}

/** Visits every page through the links of the UI and runs axe on each. */
async function visitAllPages(page: Page, lang: Lang): Promise<void> {
  await markDocument(page);
  for (const spec of pages) {
    const nav = page.getByRole('navigation', { name: navNames[spec.via][lang] });
    await nav.getByRole('link', { name: spec.link[lang], exact: true }).click();
    await waitForHeading(page, spec.heading[lang]);
    assert.equal(new URL(page.url()).pathname, spec.path);
    await assertSameDocument(page, spec.path);
    assert.equal(await page.title(), spec.title[lang]);
    await page
      .waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 2_000 })
      .catch(() => assert.fail(`focus should move to the heading of ${spec.path}`));
    if (spec.path === '/') await waitForMunicipalities(page);
    await assertNoAxeViolations(page, `${spec.path} (${lang})`);
  }

  // Any other path shows "page not found" (loaded directly: the server answers with the shell).
  const missing = await page.goto(new URL('/gibt-es-nicht', page.url()).href);
  assert.equal(missing?.status(), 200);
  await waitForHeading(page, lang === 'de' ? 'Seite nicht gefunden' : 'Page not found');
  assert.equal(await page.title(), lang === 'de' ? 'Seite nicht gefunden – Helferkarte' : 'Page not found – Helferkarte');
  await assertNoAxeViolations(page, `not-found page (${lang})`);
  await page.getByRole('link', { name: lang === 'de' ? 'Zur Startseite' : 'To the home page' }).click();
  await waitForHeading(page, pages.at(-1)!.heading[lang]);
  await waitForMunicipalities(page);
}

describe('web app shell', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let guard: RequestGuard;

  before(async () => {
    server = await startServer({ demo: true });
    reportServerCrash(server);
    browser = await launchBrowser();
    // axe is injected as an inline script tag, which the server's CSP would refuse.
    ({ context, page, guard } = await newContext(browser, { bypassCSP: true, serviceWorkers: 'block' }));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the German shell with skip link, footer links and the demo municipality', async () => {
    await page.goto(`${server.url}/`);
    await waitForHeading(page, 'Helfen, wo es gebraucht wird');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.equal(await page.title(), 'Start – Helferkarte');

    const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
    assert.equal(await skip.getAttribute('href'), '#main');
    assert.equal(await page.locator('main#main').count(), 1);

    const footer = page.getByRole('navigation', { name: 'Rechtliche Hinweise' });
    for (const [name, href] of [['Impressum', '/impressum'], ['Datenschutz', '/datenschutz'], ['Barrierefreiheit', '/barrierefreiheit']]) {
      assert.equal(await footer.getByRole('link', { name, exact: true }).getAttribute('href'), href);
    }

    await waitForMunicipalities(page);
    const card = page.locator('.hk-municipality', { has: page.getByRole('heading', { name: 'Gütersloh' }) });
    const mail = card.locator('a[href^="mailto:"]');
    assert.equal(await mail.count(), 1, 'the contact e-mail is shown as a mailto link');
    assert.match((await mail.textContent()) ?? '', /@/);
  });

  it('lets keyboard users skip to the main content', async () => {
    await page.goto(`${server.url}/`);
    await waitForHeading(page, 'Helfen, wo es gebraucht wird');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Zum Inhalt springen');
    const box = await page.getByRole('link', { name: 'Zum Inhalt springen' }).boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 0, 'the focused skip link is visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  });

  it('navigates client-side to every page in German without axe violations', async () => {
    await page.goto(`${server.url}/`);
    await waitForMunicipalities(page);
    await assertNoAxeViolations(page, '/ (de, first load)');
    await visitAllPages(page, 'de');
  });

  it('switches to English, updates <html lang> and remembers the choice', async () => {
    await page.goto(`${server.url}/`);
    await waitForHeading(page, 'Helfen, wo es gebraucht wird');
    await markDocument(page);
    await page.getByRole('button', { name: /English/ }).click();
    await waitForHeading(page, 'Help where help is needed');
    await assertSameDocument(page, 'the English version');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.title(), 'Home – Helferkarte');
    assert.equal(await page.getByRole('link', { name: 'Skip to content' }).count(), 1);
    assert.equal(await page.getByRole('navigation', { name: 'Legal information' }).getByRole('link', { name: 'Legal notice' }).count(), 1);
    // The switch now offers German, labelled in German.
    const back = page.getByRole('button', { name: /Deutsch/ });
    assert.equal(await back.locator('[lang="de"]').count(), 1);

    await page.reload();
    await waitForHeading(page, 'Help where help is needed');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.evaluate(() => localStorage.getItem('helferkarte.lang')), 'en');
  });

  it('navigates client-side to every page in English without axe violations', async () => {
    await page.goto(`${server.url}/`);
    await waitForMunicipalities(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await visitAllPages(page, 'en');
  });

  it('switches back to German', async () => {
    await page.getByRole('button', { name: /Deutsch/ }).click();
    await waitForHeading(page, 'Helfen, wo es gebraucht wird');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.equal(await page.evaluate(() => localStorage.getItem('helferkarte.lang')), 'de');
  });

  it('shows accessible errors on the login form', async () => {
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' }).click();
    await waitForHeading(page, 'Anmelden');
    const email = page.getByLabel('E-Mail-Adresse');
    const password = page.getByLabel('Passwort');
    assert.equal(await email.getAttribute('autocomplete'), 'username');
    assert.equal(await password.getAttribute('autocomplete'), 'current-password');

    // Nothing entered: both fields are marked and described by their error message.
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Die Anmeldung ist fehlgeschlagen' });
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
    for (const field of [email, password]) {
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      const describedBy = await field.getAttribute('aria-describedby');
      assert.ok(describedBy, 'a field with an error is described by it');
      assert.ok(((await page.locator(`#${describedBy}`).textContent()) ?? '').trim().length > 0);
    }
    await assertNoAxeViolations(page, '/anmelden with field errors (de)');

    // Wrong password: the server's explanation is shown.
    await email.fill(COORDINATOR.email);
    await password.fill('falsches-Passwort-123');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      page.getByRole('button', { name: 'Anmelden' }).click(),
    ]);
    assert.equal(response.status(), 401);
    assert.equal(response.request().headers()['accept-language'], 'de');
    const detail = ((await response.json()) as { detail?: string; title: string });
    await page.getByTestId('login-error').filter({ hasText: detail.detail ?? detail.title }).waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), null);
    await assertNoAxeViolations(page, '/anmelden after a failed login (de)');
  });

  it('logs the demo coordinator in and out', async () => {
    await page.getByLabel('E-Mail-Adresse').fill(COORDINATOR.email);
    await page.getByLabel('Passwort').fill(COORDINATOR.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();

    const signedIn = page.getByTestId('signed-in-as');
    await signedIn.waitFor({ timeout: 10_000 });
    const me = await page.evaluate(async () => {
      const r = await fetch('/api/v1/me', { headers: { Accept: 'application/json' } });
      return { status: r.status, body: (await r.json()) as { user?: { displayName: string }; displayName?: string } };
    });
    assert.equal(me.status, 200);
    const name = me.body.user?.displayName ?? me.body.displayName;
    assert.ok(name, 'GET /api/v1/me names the user');
    assert.equal(((await signedIn.textContent()) ?? '').trim(), `Angemeldet als ${name}`);
    await waitForHeading(page, 'Helfen, wo es gebraucht wird');
    assert.equal(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' }).count(), 0);
    await waitForMunicipalities(page);
    await assertNoAxeViolations(page, '/ signed in (de)');

    // The session survives a reload (GET /api/v1/me at start).
    await page.reload();
    await signedIn.waitFor({ timeout: 10_000 });

    const [logout] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
      page.getByRole('button', { name: 'Abmelden' }).click(),
    ]);
    assert.equal(logout.status(), 204);
    assert.ok(logout.request().headers()['x-csrf-token'], 'logout sends the CSRF token');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' }).waitFor();
    assert.equal(await signedIn.count(), 0);
    const after = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(after, 401);
  });

  it('made no request to any host but 127.0.0.1', () => {
    assert.ok(guard.seen.length > 0);
    guard.assertNone();
  });
});

describe('web app shell under the server CSP', () => {
  const stage = useServerAndBrowser();

  it('runs without CSP violations or script errors', async () => {
    const { context, page, guard } = await newContext(stage.browser, { serviceWorkers: 'block' });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.exposeFunction('__hkCspViolation', (text: string) => problems.push(`csp: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        void (window as unknown as { __hkCspViolation: (t: string) => void }).__hkCspViolation(
          `${e.violatedDirective} blocked ${e.blockedURI}`,
        );
      });
    });

    const response = await page.goto(`${stage.server.url}/`);
    assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'self'/);
    await waitForMunicipalities(page);
    // Fonts really load from the app (a refused font would fall back silently).
    const fontsLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`);
    });
    assert.ok(fontsLoaded.some((f) => f.includes('Fira Sans')), `Fira Sans is loaded (${fontsLoaded.join(', ')})`);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' }).click();
    await waitForHeading(page, 'Anmelden');
    await page.getByRole('button', { name: /English/ }).click();
    await waitForHeading(page, 'Log in');
    // 401 of GET /api/v1/me is expected; Chromium logs failed requests as console errors.
    const unexpected = problems.filter((p) => !/status of 401/.test(p));
    assert.deepEqual(unexpected, []);
    guard.assertNone();
    await context.close();
  });
});
