// Shared helpers of the browser tests: Debian's Chromium through playwright-core, a guard that
// no request leaves 127.0.0.1, and axe-core runs that print their violations readably.
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Request } from 'playwright-core';
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';
import { startServer, type Server } from '../support/server.ts';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Collects every request of a context (pages and service workers) that is not local. */
export class RequestGuard {
  readonly foreign: string[] = [];
  readonly seen: string[] = [];

  /** With an origin (http://127.0.0.1:PORT), requests to any other origin count as foreign. */
  constructor(private readonly origin?: string) {}

  watchContext(context: BrowserContext): void {
    context.on('request', (r) => this.check(r));
    context.on('page', (page) => this.watchPage(page));
    for (const page of context.pages()) this.watchPage(page);
  }

  watchPage(page: Page): void {
    page.on('request', (r) => this.check(r));
    // WebSockets raise no 'request' event.
    page.on('websocket', (ws) => this.checkUrl(ws.url()));
  }

  private check(request: Request): void {
    this.checkUrl(request.url());
  }

  private checkUrl(url: string): void {
    this.seen.push(url);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      this.foreign.push(url);
      return;
    }
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return;
    if (this.origin ? parsed.origin !== this.origin : parsed.hostname !== '127.0.0.1') this.foreign.push(url);
  }

  /** Throws when any request went to another host than 127.0.0.1. */
  assertNone(): void {
    if (this.foreign.length > 0) {
      throw new Error(`requests left 127.0.0.1:\n  ${[...new Set(this.foreign)].join('\n  ')}`);
    }
  }
}

/** A new context whose requests are watched by the returned guard. */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; guard: RequestGuard }> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', ...options });
  const guard = new RequestGuard();
  guard.watchContext(context);
  const page = await context.newPage();
  return { context, page, guard };
}

export interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const summary = (n.failureSummary ?? '').split('\n').map((l) => `        ${l}`).join('\n');
          return `    at ${JSON.stringify(n.target)}\n      ${n.html.slice(0, 200)}\n${summary}`;
        })
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA plus best practices) on the page and throws with a
 * readable list when it finds any violation. The context must have been created with
 * bypassCSP: true, because the script tag is injected inline.
 */
export async function assertNoAxeViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(`axe found ${violations.length} violation(s) on ${label} (${page.url()}):\n${formatViolations(violations)}`);
  }
}

/** The WCAG 2.0/2.1 A and AA rules, without best practices. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page and returns its violations (by default WCAG 2.0/2.1 A and AA plus
 * best practices). The context needs bypassCSP: true, see assertNoAxeViolations.
 */
export async function axeViolations(
  page: Page,
  tags: string[] = [...WCAG_21_AA, 'best-practice'],
): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: axePath });
  return (await page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly });
    return result.violations;
  }, tags)) as AxeViolation[];
}

/** Reports on stderr when the server dies in the middle of a test, with its last log lines. */
export function reportServerCrash(server: { process: ChildProcess; stderr(): string }): void {
  server.process.on('exit', (code, signal) => {
    if (signal === 'SIGTERM' || code === 0) return; // the regular stop at the end
    const log = server.stderr().trim().split('\n').slice(-5).join('\n  ');
    process.stderr.write(`\nhelferkarte exited during the test (code ${code}, signal ${signal}); last log lines:\n  ${log}\n`);
  });
}

export interface Stage {
  server: Server;
  browser: Browser;
}

/**
 * Registers hooks in the enclosing describe(): a fresh demo server and a browser before its
 * tests, both closed after them. Read the fields inside the tests, once `before` has run.
 */
export function useServerAndBrowser(): Stage {
  const stage = {} as Stage;
  before(async () => {
    stage.server = await startServer({ demo: true });
    reportServerCrash(stage.server);
    stage.browser = await launchBrowser();
  });
  after(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
  });
  return stage;
}
