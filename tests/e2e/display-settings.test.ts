// The display settings (/einstellungen) and the page in Leichte Sprache, in the browser against
// the real server with demo data.
// 1. Keyboard only: text size 200 %, high contrast and reduced motion are chosen with Tab, the
//    arrow keys and Space; each change applies at once and is announced; after a reload they
//    are still set (localStorage, no cookie) and the root font size is twice the default.
// 2. At 200 % text the start page, a need and Meine Einsätze do not scroll sideways, at 1280
//    and at 390 px, and their text really is twice as large.
// 3. "Wie im System" follows prefers-reduced-motion, also when it changes on an open page.
// 4. axe finds nothing in high contrast at 200 % (German and English).
// 5. The start page links to Leichte Sprache, whose text stays German in the English interface.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO } from '../api/support.ts';
import { assertNoAxeViolations, useServerAndBrowser } from './browser.ts';
import { useContexts, waitForHeading } from './steps.ts';

const STORAGE_KEY = 'hk-display';

interface Display {
  textSize: number;
  contrast: boolean;
  motion: string;
}

/** Presses Tab until the element with the id has the focus; fails after `max` presses. */
async function tabTo(page: Page, id: string, max = 60): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');
    if (focused === id) return;
    path.push(focused);
  }
  assert.fail(`${max} presses of Tab never reached #${id}; the focus went: ${path.join(', ')}`);
}

/** Waits until one of the page's live regions says the text. */
async function waitForLiveText(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (expected) => [...document.querySelectorAll('[aria-live]')].some((r) => r.textContent?.includes(expected)),
    text,
    { timeout: 10_000 },
  );
}

function rootFontSize(page: Page): Promise<number> {
  return page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
}

function htmlData(page: Page): Promise<Record<string, string | undefined>> {
  return page.evaluate(() => ({ ...document.documentElement.dataset }));
}

function storedDisplay(page: Page): Promise<Display | null> {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Display) : null;
  }, STORAGE_KEY);
}

/** Null when the page fits its window; else how wide it is and what reaches beyond. */
function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= innerWidth) return null;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
      .slice(-5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return `scrollWidth ${root.scrollWidth} > innerWidth ${innerWidth}: ${culprits.join('; ')}`;
  });
}

/** Lets the page finish loading its data. */
async function settle(page: Page): Promise<void> {
  await page.locator('#main h1').first().waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('.hk-loading') === null, undefined, { timeout: 10_000 });
}

/** A context whose pages start with the given display settings already stored. */
async function withSettings(page: Page, settings: Display): Promise<void> {
  await page.addInitScript(
    ([key, value]) => {
      // Only the first load of each context: later loads keep what the test changed.
      if (!sessionStorage.getItem('hk-test-seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('hk-test-seeded', '1');
      }
    },
    [STORAGE_KEY, JSON.stringify(settings)] as const,
  );
}

describe('display settings and Leichte Sprache', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);
  let base = '';
  let needPath = '';

  before(async () => {
    base = stage.server.url;
    const response = await fetch(`${base}/api/v1/needs?lat=51.9065&lon=8.3781&radiusKm=50&limit=1`);
    assert.equal(response.status, 200);
    const list = (await response.json()) as { items: { id: string }[] };
    assert.ok(list.items.length > 0, 'the demo data has a published need near Gütersloh');
    needPath = `/gesuche/${list.items[0].id}`;
  });

  it('sets text size, high contrast and reduced motion by keyboard, and keeps them after a reload', async () => {
    const page = await open({ viewport: { width: 1280, height: 800 }, reducedMotion: 'no-preference' });
    await page.goto(`${base}/einstellungen`);
    await waitForHeading(page, 'Darstellung');
    const defaultSize = await rootFontSize(page);
    assert.equal(defaultSize, 16, 'the browser default');
    assert.equal((await htmlData(page)).hkMotion, 'full', 'motion as the system says: not reduced');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'smooth');

    // Text size: Tab into the group, then the arrow keys move the choice.
    await tabTo(page, 'settings-text-size-100');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'settings-text-size-200');
    await waitForLiveText(page, 'Schriftgröße 200 % eingestellt.');
    assert.equal(await rootFontSize(page), 2 * defaultSize, 'applied at once');

    // High contrast: the next Tab stop is the checkbox; Space ticks it.
    await tabTo(page, 'settings-contrast', 3);
    await page.keyboard.press('Space');
    await waitForLiveText(page, 'Hoher Kontrast eingeschaltet.');
    assert.equal((await htmlData(page)).hkContrast, 'high');
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.body).color),
      'rgb(0, 0, 0)',
      'black text in high contrast',
    );

    // Motion: the group's checked radio ("Wie im System") takes the focus; down is "An".
    await tabTo(page, 'settings-motion-system', 3);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'settings-motion-reduce');
    await waitForLiveText(page, 'Bewegung reduziert.');
    assert.equal((await htmlData(page)).hkMotion, 'reduce');

    // Kept in this browser's localStorage, never in a cookie.
    assert.deepEqual(await storedDisplay(page), { textSize: 200, contrast: true, motion: 'reduce' });
    assert.deepEqual(await page.context().cookies(), [], 'no cookie for the settings');

    await page.reload();
    await waitForHeading(page, 'Darstellung');
    assert.equal(await rootFontSize(page), 2 * defaultSize, 'the root font size doubled after the reload');
    const data = await htmlData(page);
    assert.equal(data.hkTextSize, '200');
    assert.equal(data.hkContrast, 'high');
    assert.equal(data.hkMotion, 'reduce');
    assert.equal(await page.locator('#settings-text-size-200').isChecked(), true);
    assert.equal(await page.locator('#settings-contrast').isChecked(), true);
    assert.equal(await page.locator('#settings-motion-reduce').isChecked(), true);
    // Reduced motion means no smooth scrolling (KERN's default) and no transitions.
    const motion = await page.evaluate(() => {
      const link = document.querySelector('a') as HTMLElement;
      return {
        scroll: getComputedStyle(document.documentElement).scrollBehavior,
        transition: getComputedStyle(link).transitionDuration,
      };
    });
    assert.equal(motion.scroll, 'auto');
    assert.match(motion.transition, /^0s(, 0s)*$/);

    // Another page has them too (the settings are not tied to the settings page).
    await page.goto(`${base}/`);
    await settle(page);
    assert.equal(await rootFontSize(page), 2 * defaultSize);

    // The reset button (by keyboard too) brings back the defaults and forgets them.
    await page.goto(`${base}/einstellungen`);
    await waitForHeading(page, 'Darstellung');
    await page.getByRole('button', { name: 'Auf Standard zurücksetzen' }).focus();
    await page.keyboard.press('Enter');
    await waitForLiveText(page, 'Darstellung auf Standard zurückgesetzt.');
    assert.equal(await rootFontSize(page), defaultSize);
    assert.equal((await htmlData(page)).hkContrast, undefined);
    assert.equal(await storedDisplay(page), null);
  });

  it('does not scroll sideways at 200 % text on the start page, a need and Meine Einsätze', async () => {
    const problems: string[] = [];
    for (const width of [1280, 390]) {
      // The same pages at 100 % give the size the text must double from.
      const plain = await open({ viewport: { width, height: 800 } });
      const large = await open({ viewport: { width, height: 800 } });
      await withSettings(large, { textSize: 200, contrast: false, motion: 'system' });
      for (const page of [plain, large]) {
        const login = await page.request.post(`${base}/api/v1/auth/login`, { data: DEMO.volunteer });
        assert.equal(login.status(), 200);
      }
      for (const path of ['/', needPath, '/meine-einsaetze']) {
        const sizes: number[] = [];
        for (const page of [plain, large]) {
          await page.goto(`${base}${path}`);
          await settle(page);
          sizes.push(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#main h1')!).fontSize)));
        }
        assert.equal(sizes[1], 2 * sizes[0], `${path} (${width} px): the heading is twice as large`);
        assert.equal(await large.evaluate(() => innerWidth), width);
        const overflow = await horizontalOverflow(large);
        if (overflow) problems.push(`${path} (${width} px): ${overflow}`);
      }
    }
    assert.deepEqual(problems, [], `pages that scroll sideways at 200 %:\n  ${problems.join('\n  ')}`);
  });

  it('follows the system with "Wie im System", also when the system setting changes', async () => {
    const page = await open({ reducedMotion: 'reduce' });
    await page.goto(`${base}/einstellungen`);
    await waitForHeading(page, 'Darstellung');
    assert.equal(await page.locator('#settings-motion-system').isChecked(), true, 'the default is the system');
    assert.equal((await htmlData(page)).hkMotion, 'reduce', 'the system asks for less motion');
    assert.match((await page.locator('label[for="settings-motion-system"]').textContent()) ?? '', /weniger Bewegung/);
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'auto');

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.waitForFunction(() => document.documentElement.dataset.hkMotion === 'full', undefined, { timeout: 10_000 });

    // "An" overrides a system that does not ask; "Aus" one that does.
    await page.locator('#settings-motion-reduce').check();
    assert.equal((await htmlData(page)).hkMotion, 'reduce');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.locator('#settings-motion-full').check();
    assert.equal((await htmlData(page)).hkMotion, 'full');
  });

  it('passes axe in high contrast at 200 % text, in German and English', async () => {
    const page = await open({ viewport: { width: 1280, height: 800 } });
    await withSettings(page, { textSize: 200, contrast: true, motion: 'reduce' });
    const login = await page.request.post(`${base}/api/v1/auth/login`, { data: DEMO.volunteer });
    assert.equal(login.status(), 200);
    for (const lang of ['de', 'en']) {
      await page.goto(`${base}/`);
      await page.evaluate((l) => localStorage.setItem('helferkarte.lang', l), lang);
      for (const path of ['/', '/einstellungen', '/leichte-sprache', needPath, '/meine-einsaetze']) {
        await page.goto(`${base}${path}`);
        await settle(page);
        assert.equal((await htmlData(page)).hkContrast, 'high');
        await assertNoAxeViolations(page, `${path} in high contrast (${lang})`);
      }
    }
  });

  it('links the start page to Leichte Sprache, which stays German in the English interface', async () => {
    const page = await open();
    await page.goto(`${base}/`);
    await settle(page);
    const link = page.getByRole('link', { name: 'Leichte Sprache' }).first();
    await link.focus();
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Die Helferkarte in Leichter Sprache');
    assert.equal(new URL(page.url()).pathname, '/leichte-sprache');
    for (const heading of [
      'Was ist die Helferkarte?',
      'Wie finde ich Hilfe-Angebote?',
      'Wie mache ich mit?',
      'Was ist das Hilfe·telefon?',
      'Was passiert mit meinen Daten?',
      'Wer hilft mir?',
    ]) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor({ timeout: 5_000 });
    }

    await page.evaluate(() => localStorage.setItem('helferkarte.lang', 'en'));
    await page.reload();
    await waitForHeading(page, 'Die Helferkarte in Leichter Sprache');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.locator('#main h1').evaluate((h) => h.closest('[lang]')?.getAttribute('lang')), 'de');
    assert.match(await page.locator('#main').innerText(), /Leichte Sprache, a plain form of German/);
  });

  it('made no request to any host but 127.0.0.1', () => {
    for (const guard of guards) guard.assertNone();
  });
});
