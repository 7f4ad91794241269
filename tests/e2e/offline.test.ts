// The service worker: after a first visit, the shell renders offline, also for client routes
// that were never opened, while API answers are never served from a cache.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { newContext, useServerAndBrowser } from './browser.ts';

async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout: 10_000 });
}

describe('offline shell', () => {
  const stage = useServerAndBrowser();

  it('renders the shell offline once the service worker controls the page', async () => {
    const { context, page, guard } = await newContext(stage.browser);

    // A cache of an earlier build, to be removed when the new service worker activates.
    await page.addInitScript(() => {
      if (sessionStorage.getItem('hk-stale-cache')) return;
      sessionStorage.setItem('hk-stale-cache', '1');
      void caches.open('helferkarte-shell-0000000000000000');
    });

    const first = await page.goto(`${stage.server.url}/`);
    assert.equal(first?.status(), 200);
    const sw = await page.request.get(`${stage.server.url}/sw.js`);
    assert.equal(sw.status(), 200);
    assert.match(sw.headers()['content-type'] ?? '', /javascript/);
    await waitForHeading(page, 'Helfen, wo es gebraucht wird');

    // Wait until the service worker has installed (precached the shell) and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
    });
    const cacheNames = await page.evaluate(() => caches.keys());
    assert.equal(cacheNames.length, 1, `one cache left after activation: ${cacheNames.join(', ')}`);
    assert.match(cacheNames[0], /^helferkarte-shell-[0-9a-f]{16}$/);

    // Something from the API was fetched while online; it must not be in any cache.
    await page.locator('.hk-municipalities').getByRole('heading', { name: 'Gütersloh' }).waitFor({ timeout: 10_000 });
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    assert.ok(cached.includes('/index.html'), `index.html is precached: ${cached.join(', ')}`);
    assert.ok(cached.some((u) => /^\/assets\/.+\.js$/.test(u)), 'the script is precached');
    assert.ok(cached.some((u) => /^\/assets\/.+\.css$/.test(u)), 'the stylesheet is precached');
    assert.ok(cached.some((u) => /\.woff2$/.test(u)), 'fonts are precached');
    assert.ok(cached.includes('/manifest.webmanifest'), 'the manifest is precached');
    assert.deepEqual(cached.filter((u) => u.startsWith('/api/')), [], 'no API response is cached');

    await context.setOffline(true);

    const reloaded = await page.reload();
    assert.ok(reloaded?.fromServiceWorker(), 'the offline page comes from the service worker');
    await waitForHeading(page, 'Helfen, wo es gebraucht wird');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    // The API is not reachable and not cached: the list reports the problem accessibly.
    await page.getByRole('alert').filter({ hasText: 'Die Kommunen konnten nicht geladen werden' }).waitFor();
    const api = await page.evaluate(() => fetch('/api/v1/municipalities').then(() => 'answered', () => 'failed'));
    assert.equal(api, 'failed');

    // Client routes opened directly, never visited before.
    for (const [path, heading] of [
      ['/impressum', 'Impressum'],
      ['/barrierefreiheit', 'Erklärung zur Barrierefreiheit'],
      ['/gibt-es-nicht', 'Seite nicht gefunden'],
    ]) {
      const response = await page.goto(`${stage.server.url}${path}`);
      assert.ok(response?.fromServiceWorker(), `${path} comes from the service worker`);
      await waitForHeading(page, heading);
      assert.equal(await page.title(), `${heading === 'Erklärung zur Barrierefreiheit' ? 'Barrierefreiheit' : heading} – Helferkarte`);
    }
    // Client-side navigation works offline too.
    await page.getByRole('navigation', { name: 'Rechtliche Hinweise' }).getByRole('link', { name: 'Datenschutz' }).click();
    await waitForHeading(page, 'Datenschutzerklärung');

    await context.setOffline(false);
    guard.assertNone();
    await context.close();
  });
});
