// Keyboard alone, against the real server with the demo data of Gütersloh. No mouse and no
// fill(): only Tab, Shift+Tab, Enter, Space, Escape, arrow keys and typing; locators only read.
// 1. The join flow: a visitor finds a need near Gütersloh, logs in from its page as the demo
//    helper, joins a shift (the confirmation sits in a live region) and finds it under
//    "Meine Einsätze".
// 2. The coordinator approves one of the two waiting applications and rejects the other with
//    a typed reason.
// 3. Focus rules: the skip link is the first stop and leads to main; Escape closes the place
//    suggestions; the map's markers are reached and left with Tab; Tab reaches the footer and
//    comes round to the skip link again.
// Along the way every Tab stop must be visible in the viewport and show a focus indicator that
// the same element lacks without the focus, and after every page change the new page's h1 has
// the focus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO, demoActor, expectJson, guetersloh, http } from '../api/support.ts';
import { useServerAndBrowser } from './browser.ts';
import { describeStop, focusStop, stopIs, tabTo, useContexts, type FocusStop } from './steps.ts';

const VIEWPORT = { width: 1280, height: 900 };
const PLACE = 'Gütersloh';
const REJECT_REASON = 'Der Verein hat seinen Sitz außerhalb von Gütersloh; bitte wenden Sie sich an Ihre Kommune.';

// ------------------------------------------------------------------------------------------
// What every focus stop must show

// Plain JavaScript, kept out of the TypeScript transform (which would add helpers for named
// functions that the page does not have). Empty when the focused element can be seen: it has a
// size, lies in the viewport, no scrolling ancestor hides it, and at the centre of its visible
// part the page shows it (or its label), not something laid over it.
const FOCUS_VISIBLE = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'nothing has the focus';
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return 'it has no size (' + r.width + 'x' + r.height + ')';
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.opacity === '0') return 'it is hidden (visibility/opacity)';
  let left = Math.max(r.left, 0), top = Math.max(r.top, 0);
  let right = Math.min(r.right, innerWidth), bottom = Math.min(r.bottom, innerHeight);
  if (right - left < 1 || bottom - top < 1) {
    return 'it lies outside the viewport (' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(',') + ' in ' + innerWidth + 'x' + innerHeight + ')';
  }
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const pr = p.getBoundingClientRect();
    left = Math.max(left, pr.left); top = Math.max(top, pr.top);
    right = Math.min(right, pr.right); bottom = Math.min(bottom, pr.bottom);
    if (right - left < 1 || bottom - top < 1) return 'a scrolling ancestor hides it (' + p.tagName.toLowerCase() + '.' + [...p.classList].join('.') + ')';
  }
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  if (!hit) return 'nothing is drawn where it is';
  const labels = el.labels ? [...el.labels] : [];
  if (hit === el || el.contains(hit) || labels.some((l) => l.contains(hit))) return '';
  return 'it is covered by ' + hit.tagName.toLowerCase() + '.' + [...hit.classList].join('.');
})()`;

// A real outline (not none, at least 1 px, not transparent) or a box shadow, which the same
// element without the focus does not have. The unfocused look is read from a copy placed beside
// it for a moment (same parent, same classes), so the focus itself never moves. A control within
// a label may leave the ring to the label (the category chips do): the label is checked then.
const FOCUS_INDICATOR = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { ok: false, detail: 'nothing has the focus' };
  const props = ['outline-style', 'outline-width', 'outline-color', 'box-shadow'];
  function read(e, pseudo) {
    const style = getComputedStyle(e, pseudo);
    return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
  }
  // KERN's cards draw the ring of their stretched link on its ::after, which covers the card.
  function indicator(target) {
    for (const pseudo of ['::after', '::before']) {
      if (getComputedStyle(target, pseudo).content === 'none') continue;
      const found = compare(target, pseudo);
      if (found.ok) return found;
    }
    return compare(target, null);
  }
  function compare(target, pseudo) {
    const focused = read(target, pseudo);
    const copy = target.cloneNode(true);
    // Without name and ids the copy joins no radio group and takes no label.
    copy.removeAttribute('id');
    copy.removeAttribute('name');
    for (const inner of copy.querySelectorAll('[id],[name]')) {
      inner.removeAttribute('id');
      inner.removeAttribute('name');
    }
    target.after(copy);
    const plain = read(copy, pseudo);
    copy.remove();
    const color = focused['outline-color'];
    const transparent = color === 'transparent' || /^rgba\\(.*,\\s*0\\)$/.test(color);
    const outline = focused['outline-style'] !== 'none' && parseFloat(focused['outline-width']) >= 1 && !transparent;
    const shadow = focused['box-shadow'] !== 'none';
    const changed = props.filter((p) => focused[p] !== plain[p]);
    return { ok: (outline || shadow) && changed.length > 0, detail: (pseudo ?? '') + 'focused ' + JSON.stringify(focused) + '; unfocused ' + JSON.stringify(plain) };
  }
  const own = indicator(el);
  if (own.ok) return own;
  const label = el.closest('label');
  if (label && indicator(label).ok) return { ok: true, detail: 'on its label' };
  return own;
})()`;

async function assertVisibleFocus(page: Page, stop: FocusStop): Promise<void> {
  // KERN scrolls smoothly: the focused element may take a moment to come into view.
  const seen = await page
    .waitForFunction(`${FOCUS_VISIBLE} === ''`, undefined, { timeout: 3_000 })
    .then(() => true, () => false);
  if (!seen) assert.fail(`the focused ${describeStop(stop)} cannot be seen: ${await page.evaluate(FOCUS_VISIBLE)}`);
  const indicator = (await page.evaluate(FOCUS_INDICATOR)) as { ok: boolean; detail: string };
  if (!indicator.ok) assert.fail(`the focused ${describeStop(stop)} shows no focus indicator: ${indicator.detail}`);
}

/** The check at every Tab stop; records which kinds of element were seen with their ring. */
function stopChecker(page: Page, kinds: Set<string>): (stop: FocusStop) => Promise<void> {
  return async (stop) => {
    await assertVisibleFocus(page, stop);
    kinds.add(stop.role);
  };
}

/** Tab until the stop matches, every stop visible with a focus indicator. */
async function tabToChecked(
  page: Page,
  kinds: Set<string>,
  predicate: (stop: FocusStop) => boolean,
  maxTabs = 40,
  back = false,
): Promise<FocusStop> {
  return tabTo(page, predicate, maxTabs, { back, check: stopChecker(page, kinds) });
}

/** Tab once; the focus must then match. */
async function tabOnce(page: Page, kinds: Set<string>, predicate: (stop: FocusStop) => boolean): Promise<FocusStop> {
  return tabToChecked(page, kinds, predicate, 1);
}

/** Waits until the target (or an element within it) has the focus, after a page change or a request. */
async function waitForFocus(page: Page, target: Locator, label: string): Promise<void> {
  await target.first().waitFor({ timeout: 10_000 });
  const handle = await target.first().elementHandle();
  await page
    .waitForFunction((el) => !!el && el.contains(document.activeElement), handle, { timeout: 10_000 })
    .catch(async () => assert.fail(`the focus never reached ${label}; it is on ${describeStop(await focusStop(page))}`));
}

/** After a page change: the new page's h1 (in main) has the focus. */
async function waitForPage(page: Page, path: RegExp, heading: string | RegExp): Promise<void> {
  await page.waitForURL((url) => path.test(url.pathname), { timeout: 10_000 });
  const h1 = page.locator('#main h1');
  await h1.waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.activeElement === document.querySelector('#main h1'), undefined, { timeout: 10_000 })
    .catch(async () => assert.fail(`after the change to ${page.url()} the focus is on ${describeStop(await focusStop(page))}, not on the h1`));
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 10_000 });
}

/** Types into the focused field, which must match. */
async function typeHere(page: Page, predicate: (stop: FocusStop) => boolean, text: string): Promise<void> {
  const stop = await focusStop(page);
  assert.ok(predicate(stop), `typing into ${describeStop(stop)}`);
  await page.keyboard.type(text);
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), text, `${describeStop(stop)} holds what was typed`);
}

/** Logs in on the open login page by keyboard: from the h1 to the fields, Enter in the password field. */
async function keyboardLogin(page: Page, kinds: Set<string>, account: { email: string; password: string }): Promise<void> {
  await tabToChecked(page, kinds, stopIs('textbox', 'E-Mail-Adresse'), 5);
  await typeHere(page, stopIs('textbox', 'E-Mail-Adresse'), account.email);
  await tabOnce(page, kinds, stopIs('textbox', 'Passwort'));
  await typeHere(page, stopIs('textbox', 'Passwort'), account.password);
  await tabOnce(page, kinds, stopIs('button', 'Anmelden'));
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor({ timeout: 10_000 });
}

/** Waits until the map shows needs and no zoom or pan is under way. */
async function mapSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('.hk-need-map .leaflet-marker-icon[role="button"]') !== null &&
      document.querySelector('.hk-need-map .leaflet-zoom-anim, .hk-need-map .leaflet-pan-anim, .hk-need-map .leaflet-cluster-anim') === null,
    undefined,
    { timeout: 10_000 },
  );
}

/** Types the place and chooses Gütersloh among the suggestions with the arrow keys and Enter. */
async function choosePlace(page: Page): Promise<unknown> {
  const field = page.getByRole('combobox', { name: 'Ort' });
  await page.keyboard.type(PLACE);
  const listbox = page.getByRole('listbox', { name: 'Vorschläge für den Ort' });
  await listbox.getByRole('option').first().waitFor({ timeout: 10_000 });
  assert.equal(await field.getAttribute('aria-expanded'), 'true');
  const options = await listbox.getByRole('option').allTextContents();
  const index = options.findIndex((text) => text.trim().startsWith(PLACE));
  assert.ok(index >= 0, `a suggestion names ${PLACE}: ${options.join(' | ')}`);
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  // The marked option is the field's active descendant; the focus stays in the field.
  const active = await field.getAttribute('aria-activedescendant');
  assert.ok(active, 'the arrow keys mark a suggestion');
  assert.match((await page.locator(`#${active}`).textContent()) ?? '', new RegExp(`^\\s*${PLACE}`));
  assert.equal((await focusStop(page)).role, 'combobox');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/needs' && new URL(r.url()).searchParams.has('lat'), { timeout: 10_000 }),
    page.keyboard.press('Enter'),
  ]);
  assert.equal(answer.status(), 200);
  assert.equal(await field.inputValue(), PLACE);
  assert.equal(await field.getAttribute('aria-expanded'), 'false');
  return answer.json();
}

// ------------------------------------------------------------------------------------------

interface ListItem {
  id: string;
  title: string;
  covered: boolean;
}
interface ShiftJson {
  id: string;
  started: boolean;
  full: boolean;
  mySignup: unknown;
}

describe('keyboard only', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);

  it('lets a visitor find a need, log in and join a shift with the keyboard alone', async () => {
    const base = stage.server.url;
    const kinds = new Set<string>();
    const page = await open({ viewport: VIEWPORT });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Helfen, wo es gebraucht wird' }).waitFor({ timeout: 10_000 });

    await tabToChecked(page, kinds, stopIs('combobox', 'Ort'), 20);
    const first = (await choosePlace(page)) as { items: ListItem[] };

    // The first need of the list that the demo helper can join at once: open sign-up, no age
    // asked, a shift to come with a free place that she has not joined yet.
    const helper = await demoActor(base, DEMO.volunteer);
    let target: { id: string; title: string } | null = null;
    for (const item of first.items.filter((i) => !i.covered)) {
      const need = await expectJson(await http(base, `/api/v1/needs/${item.id}`, { headers: { Cookie: helper.session.cookie } }), 200, 'need');
      const joinable = (need.shifts as ShiftJson[]).some((s) => !s.started && !s.full && !s.mySignup);
      if (need.signupMode === 'open' && need.requirements.minAge === null && joinable) {
        target = { id: item.id, title: need.title };
        break;
      }
    }
    assert.ok(target, 'a need near Gütersloh that the demo helper can join');

    // Through the filters, the map and its markers into the list: the need's link.
    await page.getByRole('list', { name: 'Gesuche in der Nähe' }).getByRole('link', { name: target.title }).waitFor({ timeout: 10_000 });
    await mapSettled(page);
    await tabToChecked(page, kinds, (s) => stopIs('link', target.title)(s) && s.within === 'main', 250);
    await page.keyboard.press('Enter');
    await waitForPage(page, new RegExp(`^/gesuche/${target.id}$`), target.title);

    // Anonymous: the way to join leads to the login, and back.
    await tabToChecked(page, kinds, stopIs('link', 'Anmelden, um mitzumachen'), 30);
    await page.keyboard.press('Enter');
    await waitForPage(page, /^\/anmelden$/, 'Anmelden');
    await keyboardLogin(page, kinds, DEMO.volunteer);
    await waitForPage(page, new RegExp(`^/gesuche/${target.id}$`), target.title);

    const join = await tabToChecked(page, kinds, (s) => s.role === 'button' && s.name.startsWith('Mitmachen: '), 40);
    const when = join.name.slice('Mitmachen: '.length);
    const [signup] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/signups') && r.request().method() === 'POST', { timeout: 10_000 }),
      page.keyboard.press('Enter'),
    ]);
    assert.ok(signup.ok(), `the sign-up: ${signup.status()} ${await signup.text()}`);
    // The confirmation takes the focus and stands in a live region, so it is read out.
    const result = page.getByTestId('join-result');
    await waitForFocus(page, result, 'the confirmation of the sign-up');
    assert.match((await result.textContent()) ?? '', new RegExp(`Ihre Zusage für ${when.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ist eingetragen`));
    const live = await result.evaluate((el) => {
      const region = el.closest('[role="status"], [role="alert"], [aria-live]');
      return region ? region.getAttribute('aria-live') ?? region.getAttribute('role') : null;
    });
    assert.ok(live === 'status' || live === 'polite' || live === 'alert', `the confirmation is in a live region (${live})`);
    await assertVisibleFocus(page, await focusStop(page));

    // Back up to the header: "Meine Einsätze" lists the shift.
    await tabToChecked(page, kinds, (s) => stopIs('link', 'Meine Einsätze')(s) && s.within === 'banner', 60, true);
    await page.keyboard.press('Enter');
    await waitForPage(page, /^\/meine-einsaetze$/, 'Meine Einsätze');
    await page.locator('#main').getByText(target.title).first().waitFor({ timeout: 10_000 });
    const mine = await expectJson(await http(base, '/api/v1/me/signups?when=upcoming', { headers: { Cookie: helper.session.cookie } }), 200, 'sign-ups');
    assert.ok(
      (mine.items as { need: { id: string }; status: string }[]).some((e) => e.need.id === target.id && e.status === 'confirmed'),
      'the server holds the confirmed sign-up',
    );

    for (const role of ['link', 'button', 'textbox', 'combobox', 'checkbox', 'slider']) {
      assert.ok(kinds.has(role), `a ${role} was among the focus stops checked (seen: ${[...kinds].join(', ')})`);
    }
  });

  it('lets the coordinator approve one application and reject the other with a reason, keyboard only', async () => {
    const base = stage.server.url;
    const kinds = new Set<string>();
    const page = await open({ viewport: VIEWPORT });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Helfen, wo es gebraucht wird' }).waitFor({ timeout: 10_000 });

    await tabToChecked(page, kinds, (s) => stopIs('link', 'Anmelden')(s) && s.within === 'banner', 10);
    await page.keyboard.press('Enter');
    await waitForPage(page, /^\/anmelden$/, 'Anmelden');
    await keyboardLogin(page, kinds, DEMO.coordinator);
    await waitForPage(page, /^\/$/, 'Helfen, wo es gebraucht wird');

    await tabToChecked(page, kinds, (s) => stopIs('link', 'Koordination')(s) && s.within === 'banner', 15, true);
    await page.keyboard.press('Enter');
    await waitForPage(page, /^\/koordination$/, 'Freischaltungen');

    const applications = page.getByTestId('applications');
    const approveName = 'Nachbarschaftshilfe Kattenstroth';
    const rejectName = 'Schachfreunde Avenwedde e.V.';
    await applications.getByRole('link', { name: approveName }).waitFor({ timeout: 10_000 });
    await applications.getByRole('link', { name: rejectName }).waitFor({ timeout: 10_000 });

    // The first: approved.
    await tabToChecked(page, kinds, stopIs('link', approveName), 40);
    await page.keyboard.press('Enter');
    await waitForPage(page, /^\/koordination\/organisationen\/\d+$/, approveName);
    await page.getByTestId('organization-details').waitFor({ timeout: 10_000 });
    await tabToChecked(page, kinds, stopIs('button', 'Freischalten'), 40);
    const [approved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/approve'), { timeout: 10_000 }),
      page.keyboard.press('Enter'),
    ]);
    assert.equal(approved.status(), 200);
    const done = page.getByTestId('decision-done');
    await waitForFocus(page, done, 'the message that the application is approved');
    assert.equal(((await done.textContent()) ?? '').trim(), `„${approveName}“ ist jetzt freigeschaltet.`);
    await assertVisibleFocus(page, await focusStop(page));

    // Back to the queue through the area's navigation: the other one waits alone.
    await tabToChecked(page, kinds, (s) => s.role === 'link' && s.name.startsWith('Freischaltungen'), 30, true);
    await page.keyboard.press('Enter');
    await waitForPage(page, /^\/koordination$/, 'Freischaltungen');
    await applications.getByRole('link', { name: rejectName }).waitFor({ timeout: 10_000 });
    assert.equal(await applications.getByRole('link', { name: approveName }).count(), 0, 'the approved one has left the queue');

    // The second: rejected with a typed reason.
    await tabToChecked(page, kinds, stopIs('link', rejectName), 40);
    await page.keyboard.press('Enter');
    await waitForPage(page, /^\/koordination\/organisationen\/\d+$/, rejectName);
    await page.getByTestId('organization-details').waitFor({ timeout: 10_000 });
    await tabToChecked(page, kinds, stopIs('button', 'Ablehnen'), 40);
    await page.keyboard.press('Enter');
    const reason = page.getByRole('textbox', { name: 'Begründung der Ablehnung' });
    await waitForFocus(page, reason, 'the field Begründung der Ablehnung');
    await assertVisibleFocus(page, await focusStop(page));
    await typeHere(page, stopIs('textbox', 'Begründung der Ablehnung'), REJECT_REASON);
    await tabOnce(page, kinds, stopIs('button', 'Ablehnung bestätigen'));
    const [rejected] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/reject'), { timeout: 10_000 }),
      page.keyboard.press('Enter'),
    ]);
    assert.equal(rejected.status(), 200);
    await waitForFocus(page, done, 'the message that the application is rejected');
    assert.equal(((await done.textContent()) ?? '').trim(), `Der Antrag von „${rejectName}“ ist abgelehnt.`);

    // What the server holds now.
    const coordinator = await demoActor(base, DEMO.coordinator);
    const municipalityId = await guetersloh(base);
    const list = async (status: string): Promise<{ name: string; statusReason?: string | null }[]> =>
      (await expectJson(await http(base, `/api/v1/organizations?municipalityId=${municipalityId}&status=${status}&limit=100`, {
        headers: { Cookie: coordinator.session.cookie },
      }), 200, `organisations ${status}`)).items;
    assert.ok((await list('approved')).some((o) => o.name === approveName), `${approveName} is approved`);
    const rejectedOrg = (await list('rejected')).find((o) => o.name === rejectName);
    assert.ok(rejectedOrg, `${rejectName} is rejected`);
    assert.equal((await list('pending')).length, 0, 'no application waits any more');

    // A radio button shows its focus too: the municipality's moderation choice.
    await tabToChecked(page, kinds, (s) => stopIs('link', 'Kommune')(s) && s.within === 'main', 40, true);
    await page.keyboard.press('Enter');
    await waitForPage(page, /^\/koordination\/kommune$/, /.+/);
    await page.getByRole('group', { name: 'Prüfung neuer Hilfebedarfe' }).waitFor({ timeout: 10_000 });
    await tabToChecked(page, kinds, (s) => s.role === 'radio', 40);

    for (const role of ['link', 'button', 'textbox', 'radio']) {
      assert.ok(kinds.has(role), `a ${role} was among the focus stops checked (seen: ${[...kinds].join(', ')})`);
    }
  });

  it('keeps the focus rules: skip link first, Escape, the map left by Tab, the footer, no trap', async () => {
    const base = stage.server.url;
    const kinds = new Set<string>();
    const page = await open({ viewport: VIEWPORT });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Helfen, wo es gebraucht wird' }).waitFor({ timeout: 10_000 });

    // The skip link is the first stop, shows itself, and leads into main.
    await tabOnce(page, kinds, stopIs('link', 'Zum Inhalt springen'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main', undefined, { timeout: 5_000 });
    const next = await tabTo(page, () => true, 1, { check: stopChecker(page, kinds) });
    assert.equal(next.within, 'main', `the first stop after the skip link lies in main: ${describeStop(next)}`);

    // Escape closes the suggestions and keeps the text; a second Escape empties the field.
    if (!stopIs('combobox', 'Ort')(next)) await tabToChecked(page, kinds, stopIs('combobox', 'Ort'), 10);
    const field = page.getByRole('combobox', { name: 'Ort' });
    await page.keyboard.type('Güt');
    const listbox = page.getByRole('listbox', { name: 'Vorschläge für den Ort' });
    await listbox.getByRole('option').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.getElementById('search-place')?.getAttribute('aria-expanded') === 'false', undefined, { timeout: 5_000 });
    assert.equal(await listbox.isVisible(), false, 'the suggestions are closed');
    assert.equal(await field.inputValue(), 'Güt', 'the text stays');
    assert.equal((await focusStop(page)).role, 'combobox', 'the focus stays in the field');
    await page.keyboard.press('Escape');
    assert.equal(await field.inputValue(), '', 'the second Escape empties the field');

    await choosePlace(page);

    // Into the map: a cluster of needs takes the focus and Enter opens it; then the needs'
    // markers take the focus, each shows it, and Tab leaves the map again.
    const inMap = () => page.evaluate(() => !!document.activeElement?.closest('.hk-need-map'));
    const isCluster = (s: FocusStop) => s.role === 'button' && / Gesuche – zum Anzeigen vergrößern$/.test(s.name);
    const isMarker = (s: FocusStop) => s.role === 'button' && s.name.startsWith('Gesuch: ');
    await mapSettled(page);
    let stop = await tabToChecked(page, kinds, (s) => isCluster(s) || isMarker(s), 60);
    assert.ok(await inMap(), `${describeStop(stop)} is on the map`);
    const markers = page.locator('.hk-need-map [role="button"][aria-label^="Gesuch: "]');
    for (let opened = 0; isCluster(stop) && opened < 5; opened++) {
      const before = await markers.count();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('.hk-need-map [role="button"][aria-label^="Gesuch: "]').length > n, before, { timeout: 10_000 });
      await mapSettled(page);
      assert.ok(await inMap(), `after opening the cluster the focus stays on the map: ${describeStop(await focusStop(page))}`);
      stop = await tabToChecked(page, kinds, (s) => isCluster(s) || isMarker(s), 30);
    }
    assert.ok(isMarker(stop), `a need's marker takes the focus: ${describeStop(stop)}`);
    kinds.add('marker');
    let left = false;
    for (let i = 0; i < 150 && !left; i++) {
      await page.keyboard.press('Tab');
      await stopChecker(page, kinds)(await focusStop(page));
      left = !(await inMap());
    }
    assert.ok(left, 'Tab leaves the map');
    assert.equal((await focusStop(page)).within, 'main', 'after the map the focus goes on in main');

    // On to the footer, then round to the skip link again: no trap on the page.
    await tabToChecked(page, kinds, (s) => s.within === 'contentinfo', 250);
    await tabToChecked(page, kinds, stopIs('link', 'Leichte Sprache'), 20);
    const visited: string[] = [];
    let back = false;
    for (let i = 0; i < 20 && !back; i++) {
      await page.keyboard.press('Tab');
      const stop = await focusStop(page);
      visited.push(describeStop(stop));
      back = stopIs('link', 'Zum Inhalt springen')(stop);
    }
    assert.ok(back, `after the footer Tab comes round to the skip link; it went:\n  ${visited.join('\n  ')}`);
    // And Shift+Tab goes the other way round, into the footer.
    await tabTo(page, (s) => s.within === 'contentinfo', 5, { back: true });

    for (const role of ['link', 'combobox', 'button', 'checkbox', 'marker']) {
      assert.ok(kinds.has(role), `a ${role} was among the focus stops checked (seen: ${[...kinds].join(', ')})`);
    }
  });

  it('made no request to another origin', () => {
    for (const guard of guards) guard.assertNone();
  });
});
