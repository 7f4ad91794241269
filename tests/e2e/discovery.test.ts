// Discovery on the start page, against the real server with the demo data of Gütersloh: a
// visitor types "Gütersloh", picks the suggestion and sees the demo needs as markers on the map
// and as cards in the list; narrows the radius (all cards within it, fewer than before) and a
// category (only that category, on the map too); opens "Entdecken", whose first screen mixes at
// least five categories. Every request of the walk is recorded: none leaves the server's origin
// (the map without a tile server draws an outline of the shipped places). With the device's
// position granted, "Meinen Standort verwenden" lists needs while the position stays out of the
// URL and the server's log. A second server configured with a tile URL (a tiny tile server of
// the test on another port) shows those tiles and their attribution, and asks no other origin.
// axe runs on every state.
import assert from 'node:assert/strict';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { startServer, type Server } from '../support/server.ts';
import { assertNoAxeViolations, launchBrowser, newContext, reportServerCrash, useServerAndBrowser } from './browser.ts';
import { useContexts, waitForHeading } from './steps.ts';

const START_HEADING = 'Helfen, wo es gebraucht wird';
const PLACE = 'Gütersloh';
/** Gütersloh's centre as the shipped GeoNames data has it (the place field's choice). */
const CENTRE = { latitude: 51.90693, longitude: 8.37853 };
const VIEWPORT = { width: 1280, height: 800 };

/** The German words of the categories the test looks at (web/src/lib/categories.ts). */
const CATEGORY_LABELS: Record<string, string> = {
  shopping: 'Einkaufshilfe',
  reading: 'Vorlesen',
  phone: 'Telefonate gegen Einsamkeit',
  transport: 'Fahrdienste',
  seniors: 'Seniorenhilfe',
  children_youth: 'Kinder und Jugend',
  sport: 'Sport',
  environment: 'Umwelt und Natur',
  animals: 'Tierschutz',
  culture: 'Kultur',
  refugees: 'Geflüchtetenhilfe',
  disaster_relief: 'Katastrophenschutz',
  events: 'Veranstaltungen',
  tutoring: 'Nachhilfe',
  other: 'Sonstiges',
};

interface ListItem {
  id: string;
  title: string;
  category: string;
  remote: boolean;
  location: { lat: number; lon: number } | null;
  distanceKm: number | null;
}

interface Card {
  id: string;
  href: string;
  category: string;
  text: string;
}

/** Whether a response answers GET `path` with all of `params` in its query. */
function answers(response: Response, path: string, params: Record<string, string> = {}): boolean {
  const url = new URL(response.url());
  if (url.pathname !== path || response.request().method() !== 'GET') return false;
  return Object.entries(params).every(([key, value]) => url.searchParams.get(key) === value);
}

/** Runs the action and returns the answer to the GET it causes, after checking it is a 200. */
async function answerTo(page: Page, path: string, params: Record<string, string>, action: () => Promise<unknown>): Promise<any> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => answers(r, path, params), { timeout: 15_000 }),
    action(),
  ]);
  const text = await response.text();
  assert.equal(response.status(), 200, `${response.url()}: ${text}`);
  return JSON.parse(text);
}

/** All needs the API finds around the point, through every page. */
async function allNeeds(base: string, params: Record<string, string>): Promise<ListItem[]> {
  const items: ListItem[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({ ...params, limit: '100', ...(cursor ? { cursor } : {}) });
    const response: globalThis.Response = await fetch(`${base}/api/v1/needs?${query}`);
    const text = await response.text();
    assert.equal(response.status, 200, text);
    const page = JSON.parse(text) as { items: ListItem[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

function resultList(page: Page) {
  return page.getByRole('list', { name: 'Gesuche in der Nähe' });
}

function discoverList(page: Page) {
  return page.getByRole('list', { name: 'Entdecken: Gesuche aus vielen Bereichen' });
}

function mapRegion(page: Page) {
  return page.getByRole('region', { name: 'Karte' });
}

/** The summary of the result list as its live region says it. */
function resultSummary(page: Page) {
  return page.getByRole('status').filter({ hasText: /Gesuche? im Umkreis von|Keine Gesuche im Umkreis/ });
}

/** The cards of a result list in their order: the need's link, category and text. */
async function cardsOf(list: ReturnType<typeof resultList>): Promise<Card[]> {
  await list.waitFor({ timeout: 10_000 });
  return list.getByRole('listitem').evaluateAll((items) =>
    items.map((item) => {
      const link = item.querySelector('a[href^="/gesuche/"]');
      return {
        id: item.getAttribute('data-need-id') ?? '',
        href: link?.getAttribute('href') ?? '',
        category: item.querySelector('[data-category]')?.getAttribute('data-category') ?? '',
        text: (item.textContent ?? '').replace(/\s+/g, ' ').trim(),
      };
    }),
  );
}

/** Waits until the list shows the result of the search and no load is under way. */
async function waitForResults(page: Page, summary: RegExp): Promise<void> {
  await resultSummary(page).filter({ hasText: summary }).waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 10_000 });
}

/**
 * Follows "Mehr laden" until the list holds every page of the search (the last page may be
 * empty: a full page always offers more), then waits for the final summary.
 */
async function loadAllPages(page: Page, radiusKm: string, summary: RegExp): Promise<void> {
  const more = page.getByRole('button', { name: 'Mehr laden' });
  while (await more.count()) {
    await answerTo(page, '/api/v1/needs', { radiusKm }, () => more.click());
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  }
  await waitForResults(page, summary);
}

/**
 * How many needs the map shows, counted in the page: single markers are buttons named
 * "Gesuch: …", clusters are buttons named "N Gesuche – zum Anzeigen vergrößern".
 */
const countOnMap = (): number => {
  const region = [...document.querySelectorAll('[role="region"]')].find((r) => r.getAttribute('aria-label') === 'Karte');
  let total = 0;
  for (const marker of region?.querySelectorAll('[role="button"][aria-label]') ?? []) {
    const label = marker.getAttribute('aria-label') ?? '';
    const cluster = /^(\d+) Gesuche – zum Anzeigen vergrößern$/.exec(label);
    if (cluster) total += Number(cluster[1]);
    else if (label.startsWith('Gesuch: ')) total += 1;
  }
  return total;
};

/**
 * Waits until the map shows `expected` needs (the cluster plugin adds markers in chunks) and
 * returns the count it saw last, for the caller's assertion.
 */
async function waitForMapCount(page: Page, expected: number): Promise<number> {
  await page.waitForFunction(`(${countOnMap.toString()})() === ${expected}`, undefined, { timeout: 10_000 }).catch(() => undefined);
  return page.evaluate(countOnMap);
}

/** "0,3 km entfernt" on a card, as a number; null for a card without a distance (remote). */
function cardDistance(card: Card): number | null {
  const match = /(\d+(?:[.,]\d+)?) km entfernt/.exec(card.text);
  return match ? Number(match[1].replace(',', '.')) : null;
}

/** Requests whose origin is not one of `origins` (data: and blob: URLs stay in the page). */
function requestsOutside(urls: readonly string[], origins: readonly string[]): string[] {
  const outside = urls.filter((url) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
    return !origins.includes(parsed.origin);
  });
  return [...new Set(outside)];
}

/** Types the place, checks the suggestions, and picks Gütersloh; returns the first page of needs. */
async function choosePlace(page: Page, options: { axe: boolean }): Promise<{ items: ListItem[]; nextCursor: string | null }> {
  const field = page.getByRole('combobox', { name: 'Ort' });
  const places = (await answerTo(page, '/api/v1/places', { q: PLACE }, () => field.fill(PLACE))) as {
    items: { name: string; lat: number; lon: number }[];
  };
  assert.ok(places.items.some((p) => p.name === PLACE), `the places answer names ${PLACE}: ${JSON.stringify(places.items)}`);
  const suggestions = page.getByRole('listbox', { name: 'Vorschläge für den Ort' });
  const option = suggestions.getByRole('option', { name: new RegExp(`^${PLACE}`) }).first();
  await option.waitFor({ timeout: 10_000 });
  assert.equal(await field.getAttribute('aria-expanded'), 'true');
  if (options.axe) await assertNoAxeViolations(page, '/ with the place suggestions open');

  const lat = CENTRE.latitude.toFixed(5);
  const lon = CENTRE.longitude.toFixed(5);
  const first = await answerTo(page, '/api/v1/needs', { lat, lon }, () => option.click());
  assert.equal(await field.inputValue(), PLACE);
  assert.equal(await field.getAttribute('aria-expanded'), 'false');
  return first;
}

describe('discovery: place, map and list, radius, category, Entdecken', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);
  let base = '';
  let page: Page;
  let origin = '';
  let within10: ListItem[] = [];
  let within2: ListItem[] = [];
  // Every request of the page, recorded over the whole walk (besides the context's guard).
  const pageRequests: string[] = [];
  const pageErrors: string[] = [];

  it('finds the demo needs around Gütersloh on the map and in the list', async () => {
    base = stage.server.url;
    origin = new URL(base).origin;
    page = await open({ viewport: VIEWPORT });
    page.on('request', (r) => pageRequests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(`${base}/`);
    await waitForHeading(page, START_HEADING);
    await page.getByRole('combobox', { name: 'Ort' }).waitFor();
    await assertNoAxeViolations(page, '/ (discovery, before a search)');

    const center = { lat: String(CENTRE.latitude), lon: String(CENTRE.longitude) };
    within10 = await allNeeds(base, { ...center, radiusKm: '10' });
    within2 = await allNeeds(base, { ...center, radiusKm: '2' });
    assert.ok(within10.length > 20, `the demo has more than one page of needs within 10 km (${within10.length})`);
    assert.ok(within2.length > 0 && within2.length < within10.length);

    const first = await choosePlace(page, { axe: true });
    assert.equal(first.items.length, 20);
    assert.ok(first.nextCursor, 'more needs than one page');
    await waitForResults(page, /^Mindestens 20 Gesuche im Umkreis von 10 km$/);
    let cards = await cardsOf(resultList(page));
    assert.deepEqual(cards.map((c) => c.id), first.items.map((n) => n.id), 'the list shows the answer in its order');
    for (const card of cards) {
      assert.equal(card.href, `/gesuche/${card.id}`, 'the card links to its need');
      assert.ok(card.text.includes(CATEGORY_LABELS[card.category]), `the card names its category: ${card.text}`);
      assert.match(card.text, /Nächster Termin/);
      assert.match(card.text, /km entfernt|telefonisch oder ortsunabhängig/);
    }
    // A place chosen by name may stand in the URL; the search does not need more.
    assert.equal(new URL(page.url()).searchParams.get('ort'), PLACE);

    // The rest of the pages: list and map then hold every need within 10 km.
    await loadAllPages(page, '10', new RegExp(`^${within10.length} Gesuche im Umkreis von 10 km$`));
    cards = await cardsOf(resultList(page));
    assert.deepEqual(cards.map((c) => c.id).sort(), within10.map((n) => n.id).sort(), 'the list holds every need of the radius');

    const map = mapRegion(page);
    await map.waitFor({ timeout: 10_000 });
    const located = within10.filter((n) => n.location).length;
    assert.ok(located > 0 && located < within10.length, 'the demo has needs with and without a place');
    assert.equal(await waitForMapCount(page, located), located, 'the map shows every need with a place, as markers or clusters');
    assert.ok(
      (await map.getByRole('button', { name: /^\d+ Gesuche – zum Anzeigen vergrößern$/ }).count()) > 0,
      'dense needs are clustered',
    );
    // Without a tile server: no tiles, but an outline of the shipped places.
    assert.equal(await map.locator('img.leaflet-tile').count(), 0, 'no tiles without a tile server');
    await map.getByText(PLACE, { exact: true }).first().waitFor({ timeout: 10_000 });
    await map.getByText(/GeoNames/).first().waitFor();
    await assertNoAxeViolations(page, '/ with the needs around Gütersloh on map and list');
  });

  it('narrows the radius with the keyboard and lists only the nearer needs', async () => {
    const slider = page.getByRole('slider', { name: 'Umkreis' });
    assert.equal(await slider.inputValue(), '10');
    await slider.focus();
    // Home is 0.5 km; three steps of 0.5 km make 2 km. The search waits for the last key.
    const answer = (await answerTo(page, '/api/v1/needs', { radiusKm: '2' }, async () => {
      await slider.press('Home');
      for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
    })) as { items: ListItem[]; nextCursor: string | null };
    assert.equal(await slider.inputValue(), '2');
    assert.equal(await slider.getAttribute('aria-valuetext'), '2 km');
    assert.ok(answer.items.every((n) => n.distanceKm !== null && n.distanceKm <= 2), 'the API keeps to the radius');

    await loadAllPages(page, '2', new RegExp(`^${within2.length} Gesuche im Umkreis von 2 km$`));
    const cards = await cardsOf(resultList(page));
    assert.equal(cards.length, within2.length);
    assert.ok(cards.length < within10.length, `fewer needs than within 10 km (${cards.length} < ${within10.length})`);
    assert.deepEqual(cards.map((c) => c.id).sort(), within2.map((n) => n.id).sort());
    for (const card of cards) {
      const distance = cardDistance(card);
      if (distance !== null) assert.ok(distance <= 2, `${card.text} is within 2 km`);
      else assert.match(card.text, /telefonisch oder ortsunabhängig/, 'only remote needs have no distance');
    }
    assert.equal(await page.getByRole('button', { name: 'Mehr laden' }).count(), 0);
    const located = within2.filter((n) => n.location).length;
    assert.equal(await waitForMapCount(page, located), located, 'the map shows the same needs as the list');
    assert.equal(new URL(page.url()).searchParams.get('umkreis'), '2');
    await assertNoAxeViolations(page, '/ with a radius of 2 km');
  });

  it('filters by a category: only that category is listed and mapped', async () => {
    const culture = within2.filter((n) => n.category === 'culture');
    assert.ok(culture.length > 0 && culture.length < within2.length, 'the demo has some culture needs near the centre');
    const chips = page.getByRole('group', { name: 'Kategorien' });
    const box = chips.getByRole('checkbox', { name: CATEGORY_LABELS.culture, exact: true });
    const answer = (await answerTo(page, '/api/v1/needs', { radiusKm: '2', category: 'culture' }, () => box.check())) as {
      items: ListItem[];
    };
    assert.ok(answer.items.every((n) => n.category === 'culture'));
    await waitForResults(page, new RegExp(`^${culture.length} Gesuche? im Umkreis von 2 km$`));
    const cards = await cardsOf(resultList(page));
    assert.deepEqual(cards.map((c) => c.id).sort(), culture.map((n) => n.id).sort());
    for (const card of cards) {
      assert.equal(card.category, 'culture');
      assert.ok(card.text.includes(CATEGORY_LABELS.culture));
    }
    const located = culture.filter((n) => n.location).length;
    assert.equal(await waitForMapCount(page, located), located, 'the map shows only the chosen category');
    assert.equal(new URL(page.url()).searchParams.get('kategorien'), 'culture');
    await assertNoAxeViolations(page, '/ filtered to one category');

    // All categories again, for Entdecken.
    await answerTo(page, '/api/v1/needs', { radiusKm: '2' }, () => chips.getByRole('button', { name: 'Alle Kategorien zeigen' }).click());
    await loadAllPages(page, '2', new RegExp(`^${within2.length} Gesuche im Umkreis von 2 km$`));
    assert.equal(await box.isChecked(), false);
  });

  it('opens Entdecken: the first screen mixes at least five categories', async () => {
    const tab = page.getByRole('tab', { name: 'Entdecken' });
    const answer = (await answerTo(page, '/api/v1/needs/discover', { radiusKm: '2' }, () => tab.click())) as { items: ListItem[] };
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const panel = page.getByRole('tabpanel', { name: 'Entdecken' });
    await panel.waitFor();
    const cards = await cardsOf(panel.getByRole('list', { name: 'Entdecken: Gesuche aus vielen Bereichen' }));
    assert.deepEqual(cards.map((c) => c.id), answer.items.map((n) => n.id), 'the feed keeps the order of the answer');
    assert.equal(await resultList(page).count(), 0, 'the map tab is not drawn');

    const firstScreen = cards.slice(0, 6);
    const categories = new Set(firstScreen.map((c) => c.category));
    assert.ok(categories.size >= 5, `the first six cards show ${categories.size} categories: ${[...categories].join(', ')}`);
    for (const card of firstScreen) assert.ok(card.text.includes(CATEGORY_LABELS[card.category]), `the card names its category: ${card.text}`);
    // The same on the screen (1280×800): the tabs at the top, the cards wholly in view below.
    await page.getByRole('tablist', { name: 'Ansicht der Ergebnisse' }).evaluate((tabs) => tabs.scrollIntoView({ block: 'start', behavior: 'instant' }));
    const inView = await discoverList(page).getByRole('listitem').evaluateAll((items) =>
      items
        .filter((item) => {
          const box = item.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        })
        .map((item) => item.querySelector('[data-category]')?.getAttribute('data-category') ?? ''),
    );
    assert.ok(new Set(inView).size >= 5, `the ${inView.length} cards in view show ${new Set(inView).size} categories: ${inView.join(', ')}`);
    assert.equal(new URL(page.url()).searchParams.get('ansicht'), 'entdecken');
    await assertNoAxeViolations(page, '/ on the Entdecken tab');
  });

  it('made no request outside the server\'s origin in the whole walk, without a script error', () => {
    assert.deepEqual(pageErrors, []);
    const guard = guards[0];
    assert.ok(pageRequests.some((u) => new URL(u).pathname === '/api/v1/needs/discover'), 'the recorder saw the walk');
    assert.ok(pageRequests.some((u) => new URL(u).pathname === '/api/v1/places' && new URL(u).searchParams.has('lat')), 'the outline of places was loaded');
    assert.deepEqual(requestsOutside([...guard.seen, ...pageRequests], [origin]), []);
    guard.assertNone();
  });
});

describe('discovery with the device position', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);

  it('lists needs around the position and keeps it out of the URL and the log', async () => {
    const base = stage.server.url;
    const page = await open({ viewport: VIEWPORT, geolocation: CENTRE, permissions: ['geolocation'] });
    await page.goto(`${base}/`);
    await waitForHeading(page, START_HEADING);

    const answer = (await answerTo(page, '/api/v1/needs', { lat: CENTRE.latitude.toFixed(5), lon: CENTRE.longitude.toFixed(5) }, () =>
      page.getByRole('button', { name: 'Meinen Standort verwenden' }).click(),
    )) as { items: ListItem[] };
    assert.ok(answer.items.length > 0);
    await page.getByRole('status').filter({ hasText: 'Gesucht wird um Ihren Standort' }).waitFor();
    await waitForResults(page, /Gesuche im Umkreis von 10 km$/);
    const cards = await cardsOf(resultList(page));
    assert.deepEqual(cards.map((c) => c.id), answer.items.map((n) => n.id));
    assert.equal(await page.getByRole('combobox', { name: 'Ort' }).inputValue(), '', 'no place was typed');
    await assertNoAxeViolations(page, '/ searching around the device position');

    // The position is in the search request only: not in the URL, not in the history, not in the log.
    const coordinates = [CENTRE.latitude.toFixed(3), CENTRE.longitude.toFixed(3)];
    const url = page.url();
    for (const c of coordinates) assert.ok(!url.includes(c), `the URL ${url} does not hold the position`);
    const query = new URL(url).searchParams;
    assert.equal(query.get('lat'), null);
    assert.equal(query.get('lon'), null);
    assert.equal(query.get('ort'), null);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + JSON.stringify(history.state));
    for (const c of coordinates) assert.ok(!stored.includes(c), `the browser's storage does not hold the position: ${stored}`);
    const log = stage.server.stderr();
    assert.match(log, /\/api\/v1\/needs/, 'the search is logged (its path)');
    for (const c of coordinates) assert.ok(!log.includes(c), 'the server log does not hold the position');

    // Entdecken uses the same position.
    const feed = (await answerTo(page, '/api/v1/needs/discover', { lat: CENTRE.latitude.toFixed(5) }, () =>
      page.getByRole('tab', { name: 'Entdecken' }).click(),
    )) as { items: ListItem[] };
    assert.ok(feed.items.length > 0);
    await discoverList(page).getByRole('listitem').first().waitFor();
    assert.ok(!page.url().includes(coordinates[0]));
    assert.deepEqual(requestsOutside(guards[0].seen, [new URL(base).origin]), []);
  });
});

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('discovery with a configured tile server', () => {
  let tiles: HttpServer;
  let tileOrigin = '';
  const tileRequests: string[] = [];
  let server: Server;
  let browser: Browser;

  before(async () => {
    tiles = createServer((request, response) => {
      tileRequests.push(request.url ?? '');
      if (/^\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) {
        response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PNG.length, 'Cache-Control': 'no-store' });
        response.end(PNG);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
    server = await startServer({
      demo: true,
      env: {
        HELFERKARTE_MAP_TILE_URL: `${tileOrigin}/{z}/{x}/{y}.png`,
        HELFERKARTE_MAP_ATTRIBUTION: 'Kacheln: Testkachelserver',
      },
    });
    reportServerCrash(server);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => tiles?.close(resolve));
  });

  it('shows the configured tiles and asks no other origin', async () => {
    // The server's own CSP applies here (no bypass): it must let the tiles in.
    const { context, page } = await newContext(browser, { viewport: VIEWPORT, serviceWorkers: 'block' });
    try {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      const site = await (await fetch(`${server.url}/api/v1/site`)).json();
      assert.equal(site.map.tileUrl, `${tileOrigin}/{z}/{x}/{y}.png`);

      await page.goto(`${server.url}/`);
      await waitForHeading(page, START_HEADING);
      await choosePlace(page, { axe: false });
      const map = mapRegion(page);
      await map.waitFor({ timeout: 10_000 });
      // Tiles are decorative images; Leaflet marks them loaded once the image arrived.
      await page.waitForFunction(
        () => [...document.querySelectorAll('img.leaflet-tile')].some((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 1),
        undefined,
        { timeout: 10_000 },
      );
      assert.ok(tileRequests.some((u) => /^\/\d+\/\d+\/\d+\.png$/.test(u)), 'the tile server was asked');
      await map.getByText('Kacheln: Testkachelserver').waitFor();
      assert.ok((await waitForMapCount(page, 1)) > 0, 'the markers are on the tiles');

      const outside = requestsOutside(requests, [new URL(server.url).origin]);
      assert.ok(outside.length > 0, 'requests went to the tile server');
      assert.deepEqual(requestsOutside(outside, [tileOrigin]), [], 'the only other origin is the tile server');
      assert.deepEqual(refused, [], 'the CSP lets the tiles in');
    } finally {
      await context.close();
    }
  });
});
