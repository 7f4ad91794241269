// Steps the browser tests of the trust model share: waiting for a page, logging in, reading a
// field's error as screen readers get it, the live region, mailed links, and fresh contexts.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { linksIn, waitForMail, type ReceivedMail } from '../support/mail.ts';
import { newContext, type RequestGuard, type Stage } from './browser.ts';

export interface Account {
  email: string;
  password: string;
}

export async function waitForHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: 10_000 });
}

/** Logs in on the login page that is open. */
export async function logIn(page: Page, account: Account): Promise<void> {
  await page.getByLabel('E-Mail-Adresse').fill(account.email);
  await page.getByLabel('Passwort', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.getByTestId('signed-in-as').waitFor({ timeout: 10_000 });
}

/** The field's error message as screen readers get it: through aria-describedby. */
export async function describedError(page: Page, field: ReturnType<Page['getByLabel']>): Promise<string> {
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const errorId = ids.find((id) => id.endsWith('-error'));
  assert.ok(errorId, `the field is described by its error (aria-describedby="${ids.join(' ')}")`);
  return ((await page.locator(`#${errorId}`).textContent()) ?? '').trim();
}

/** What the app's polite live region says last. */
export async function waitForAnnouncement(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('[aria-live="polite"]')?.textContent?.includes(expected),
    text,
    { timeout: 10_000 },
  );
}

/** A mail to the address with a link to `path`, and that link's path and query (the host is the server's base URL, which the test server does not listen on). */
export async function mailedLink(dir: string, to: string, path: string): Promise<{ mail: ReceivedMail; link: string }> {
  const mail = await waitForMail(dir, (m) => m.to.includes(to) && linksIn(m.body).some((u) => u.pathname === path));
  const url = linksIn(mail.body).find((u) => u.pathname === path)!;
  return { mail, link: url.pathname + url.search };
}

/** Follows the confirmation link mailed to the address until the page says it is confirmed. */
export async function confirmFromMail(page: Page, stage: Stage, email: string): Promise<void> {
  const { link } = await mailedLink(stage.server.mailDir, email, '/konto/bestaetigen');
  await page.goto(`${stage.server.url}${link}`);
  await page.getByTestId('verify-done').waitFor({ timeout: 10_000 });
}

/**
 * Opens fresh browser contexts (axe needs bypassCSP; no service worker), each watched for
 * requests to other hosts; all are closed after the suite. Call inside the describe.
 */
export function useContexts(stage: Stage): {
  open: (options?: Parameters<typeof newContext>[1]) => Promise<Page>;
  guards: RequestGuard[];
} {
  const contexts: BrowserContext[] = [];
  const guards: RequestGuard[] = [];
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });
  return {
    guards,
    async open(options = {}) {
      const { context, page, guard } = await newContext(stage.browser, { bypassCSP: true, serviceWorkers: 'block', ...options });
      contexts.push(context);
      guards.push(guard);
      return page;
    },
  };
}
