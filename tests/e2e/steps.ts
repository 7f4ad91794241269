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

/** The focused element as the keyboard tests see it: role and accessible name (approximated). */
export interface FocusStop {
  role: string;
  name: string;
  tag: string;
  id: string;
  /** The landmark of the page it lies in: banner, main, contentinfo, or none. */
  within: string;
}

// Plain JavaScript, kept out of the TypeScript transform (which would add helpers the page does
// not have). The name follows the usual order: aria-labelledby, aria-label, labels, content,
// title; the role the explicit one, else the tag's implicit one.
const FOCUS_STOP = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { role: 'none', name: '', tag: 'body', id: '', within: 'none' };
  const text = (e) => (e.innerText ?? e.textContent ?? '').replace(/\\s+/g, ' ').trim();
  let name = '';
  const labelledby = el.getAttribute('aria-labelledby');
  if (labelledby) name = labelledby.split(/\\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(text).join(' ');
  if (!name) name = el.getAttribute('aria-label') ?? '';
  if (!name && el.labels && el.labels.length > 0) name = [...el.labels].map(text).join(' ');
  const tag = el.tagName.toLowerCase();
  if (!name && !['input', 'select', 'textarea'].includes(tag)) name = text(el);
  if (!name) name = el.getAttribute('title') ?? '';
  let role = el.getAttribute('role') ?? '';
  if (!role) {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (tag === 'a' && el.hasAttribute('href')) role = 'link';
    else if (tag === 'button' || (tag === 'input' && ['button', 'submit', 'reset'].includes(type))) role = 'button';
    else if (tag === 'input' && type === 'checkbox') role = 'checkbox';
    else if (tag === 'input' && type === 'radio') role = 'radio';
    else if (tag === 'input' && type === 'range') role = 'slider';
    else if (tag === 'select') role = 'combobox';
    else if (tag === 'textarea' || tag === 'input') role = 'textbox';
    else if (/^h[1-6]$/.test(tag)) role = 'heading';
    else if (tag === 'main') role = 'main';
    else if (tag === 'summary') role = 'button';
    else role = 'generic';
  }
  const region = el.closest('header, main, footer');
  const within = !region ? 'none' : region.tagName === 'HEADER' ? 'banner' : region.tagName === 'MAIN' ? 'main' : 'contentinfo';
  return { role, name: name.trim(), tag, id: el.id, within };
})()`;

/** Role and accessible name of the focused element. */
export function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(FOCUS_STOP) as Promise<FocusStop>;
}

export function describeStop(stop: FocusStop): string {
  return `${stop.role} "${stop.name.slice(0, 80)}" <${stop.tag}${stop.id ? `#${stop.id}` : ''}> in ${stop.within}`;
}

/** A predicate for tabTo: the role, and the name equal to a string or matching a pattern. */
export function stopIs(role: string, name: string | RegExp): (stop: FocusStop) => boolean {
  return (stop) => stop.role === role && (typeof name === 'string' ? stop.name === name : name.test(stop.name));
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches the predicate, calling
 * `check` at every stop (e.g. that it is visible); fails with the list of the elements visited
 * when `maxTabs` presses never get there. Returns the matching stop.
 */
export async function tabTo(
  page: Page,
  predicate: (stop: FocusStop) => boolean,
  maxTabs = 40,
  options: { back?: boolean; check?: (stop: FocusStop) => Promise<void> } = {},
): Promise<FocusStop> {
  const visited: string[] = [];
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const stop = await focusStop(page);
    visited.push(describeStop(stop));
    await options.check?.(stop);
    if (predicate(stop)) return stop;
  }
  assert.fail(`${maxTabs} presses of ${options.back ? 'Shift+Tab' : 'Tab'} never reached the element; the focus went:\n  ${visited.join('\n  ')}`);
}
