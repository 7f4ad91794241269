// Accessibility of the trust model in the browser, against the real server with demo data.
// 1. Keyboard only: a citizen registers, confirms the address from the mail, logs in and
//    applies for a club; the demo coordinator refuses a rejection without a reason and approves
//    the club. Only Tab, Shift+Tab, Enter, Space, arrow keys and typing: no clicks, no fill().
//    Every stop of the focus on the way shows a visible focus indicator, and the focus lands on
//    the element the step expects, found by its accessible name.
// 2. axe (WCAG 2.0/2.1 A and AA and best practices, see browser.ts) on every page of the trust
//    model in German and English, in each role that can see it and in its states.
// 3. At 200 % and 400 % zoom (640 and 320 px wide viewports) the coordinators' pages do not
//    scroll sideways; tables scroll within their own container.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO, decide, demoActor, expectJson, guetersloh, http } from '../api/support.ts';
import { assertNoAxeViolations, useServerAndBrowser } from './browser.ts';
import { mailedLink, useContexts, type Account } from './steps.ts';

const stamp = Date.now().toString(36);
const CITIZEN = {
  email: `jonas.keller.${stamp}@example.org`,
  name: 'Jonas Keller',
  password: 'Tastatur-Nachbarschaft-2026',
};
const CLUB = `Nachbarschaftshilfe Blankenhagen ${stamp} e.V.`;
/** The password of the accounts registered through the API. */
const PROBE_PASSWORD = `Zugangsprobe-${stamp}-2026`;

type Lang = 'de' | 'en';
const LANGS: Lang[] = ['de', 'en'];

// ------------------------------------------------------------------------------------------
// Focus

/** The focused element as the accessibility tree names it ("- link \"Profil\""), for messages. */
async function focusedName(page: Page): Promise<string> {
  const tag = await page.evaluate(() => {
    const el = document.activeElement;
    return el && el !== document.body ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : 'body';
  });
  if (tag === 'body') return 'body';
  const snapshot = await page.locator(':focus').first().ariaSnapshot({ timeout: 2_000 }).catch(() => '');
  return `${snapshot.split('\n')[0] || '(no role)'} <${tag}>`;
}

/** Whether one of the elements the locator finds has the focus. */
function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluateAll((els: Element[]) => els.includes(document.activeElement as Element));
}

/**
 * Checks that the focused element shows a visible focus indicator: a real outline (not `none`,
 * at least 1 px, not transparent) or a box shadow, that the same element without the focus does
 * not have. The unfocused look is read from a copy placed beside it for a moment (same parent,
 * same classes), so the focus itself never moves.
 */
async function assertFocusIndicator(page: Page, label: string): Promise<void> {
  const result = (await page.evaluate(FOCUS_INDICATOR)) as { ok: boolean; detail: string };
  if (!result.ok) assert.fail(`${label} (${await focusedName(page)}) shows no visible focus indicator: ${result.detail}`);
}

// Plain JavaScript, kept out of the TypeScript transform (which would add helpers for named
// functions that the page does not have).
const FOCUS_INDICATOR = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { ok: false, detail: 'nothing has the focus' };
  const props = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow', 'border-color', 'background-color'];
  function read(e) {
    const style = getComputedStyle(e);
    return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
  }
  const focused = read(el);
  const copy = el.cloneNode(true);
  // Without name and ids the copy joins no radio group and takes no label.
  copy.removeAttribute('id');
  copy.removeAttribute('name');
  for (const inner of copy.querySelectorAll('[id],[name]')) {
    inner.removeAttribute('id');
    inner.removeAttribute('name');
  }
  el.after(copy);
  const plain = read(copy);
  copy.remove();
  const color = focused['outline-color'];
  const transparent = color === 'transparent' || /^rgba\\(.*,\\s*0\\)$/.test(color);
  const outline = focused['outline-style'] !== 'none' && parseFloat(focused['outline-width']) >= 1 && !transparent;
  const shadow = focused['box-shadow'] !== 'none';
  const changed = ['outline-style', 'outline-width', 'outline-color', 'box-shadow'].filter((p) => focused[p] !== plain[p]);
  return {
    ok: (outline || shadow) && changed.length > 0,
    detail: 'focused ' + JSON.stringify(focused) + '; unfocused ' + JSON.stringify(plain),
  };
})()`;

/** Asserts that the target has the focus now. */
async function assertFocused(page: Page, target: Locator, label: string, indicator = true): Promise<void> {
  if (!(await hasFocus(target))) assert.fail(`expected the focus on ${label}, but it is on ${await focusedName(page)}`);
  if (indicator) await assertFocusIndicator(page, label);
}

/**
 * Waits until the target has the focus (after a navigation or a request). The h1 that takes the
 * focus after a page change is no control and deliberately has no ring (app.css): callers pass
 * `indicator` false for it.
 */
async function waitForFocus(page: Page, target: Locator, label: string, indicator = true): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await hasFocus(target))) {
    if (Date.now() > deadline) assert.fail(`the focus never reached ${label}; it is on ${await focusedName(page)}`);
    await page.waitForTimeout(50);
  }
  if (indicator) await assertFocusIndicator(page, label);
}

/** Presses Tab (or Shift+Tab) once; the focus must then be on the target. */
async function tab(page: Page, target: Locator, label: string, back = false): Promise<void> {
  await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  await assertFocused(page, target, label);
}

/**
 * Presses Tab (or Shift+Tab) until the target has the focus, checking the focus indicator of
 * every element on the way; fails after `max` presses with the path the focus took.
 */
async function tabTo(page: Page, target: Locator, label: string, options: { max?: number; back?: boolean } = {}): Promise<void> {
  const path: string[] = [];
  const max = options.max ?? 40;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    path.push(await focusedName(page));
    await assertFocusIndicator(page, `tab stop ${i + 1} on the way to ${label}`);
    if (await hasFocus(target)) return;
  }
  assert.fail(`${max} presses of Tab never reached ${label}; the focus went:\n  ${path.join('\n  ')}`);
}

/** Types into the focused field, which must be the target. */
async function typeInto(page: Page, target: Locator, label: string, text: string): Promise<void> {
  await assertFocused(page, target, label);
  await page.keyboard.type(text);
  assert.equal(await target.inputValue(), text, `${label} holds what was typed`);
}

function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

// ------------------------------------------------------------------------------------------
// Pages and the API

/** Waits for the page: its h1, no spinner left, and what `ready` names. */
async function settle(page: Page, ready?: Locator): Promise<void> {
  await page.locator('#main h1').first().waitFor({ timeout: 10_000 });
  if (ready) await ready.first().waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('.hk-loading') === null, undefined, { timeout: 10_000 });
}

/** Logs the context in through the API (its cookie jar is the browser's). */
async function apiLogin(page: Page, base: string, account: Account): Promise<void> {
  const response = await page.request.post(`${base}/api/v1/auth/login`, { data: { email: account.email, password: account.password } });
  assert.equal(response.status(), 200, `login of ${account.email}: ${await response.text()}`);
}

async function apiRegister(base: string, email: string, name: string, language: Lang): Promise<void> {
  const response = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PROBE_PASSWORD, displayName: name, language }),
  });
  assert.equal(response.status, 201, `registration of ${email}: ${await response.text()}`);
}

/** Null unless the page scrolls sideways; then the elements reaching beyond it (outside a table's own scroll container). */
async function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    // KERN reserves the scroll bar's gutter: the page is as wide as <html>, which may be less
    // than clientWidth where scroll bars overlay the page (as in headless Chromium).
    const width = Math.min(root.clientWidth, root.getBoundingClientRect().width);
    if (root.scrollWidth <= width + 1) return null;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.kern-table-responsive') || el.classList.contains('kern-table-responsive'))
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((x) => x.right > width + 1)
      .slice(0, 8)
      .map((x) => `${x.el.tagName.toLowerCase()}.${[...x.el.classList].join('.')} right=${Math.round(x.right)}`);
    return `scrollWidth ${root.scrollWidth} > width ${width}: ${culprits.join('; ')}`;
  });
}

// ------------------------------------------------------------------------------------------

describe('accessibility of the trust model', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);
  let base = '';
  let mailDir = '';

  /** Demo organisations in each status the coordinators' pages show, and the demo ids. */
  const demo = { municipalityId: '', pending: '', approved: '', suspended: '', drk: '', tafel: '' };

  before(async () => {
    base = stage.server.url;
    mailDir = stage.server.mailDir;
    demo.municipalityId = await guetersloh(base);
    const roleOf = (actor: Awaited<ReturnType<typeof demoActor>>, role: string) =>
      String(actor.session.body.user.roles.find((r: { role: string }) => r.role === role).organizationId);
    demo.drk = roleOf(await demoActor(base, DEMO.orgAdmin), 'org_admin');
    demo.tafel = roleOf(await demoActor(base, DEMO.orgMember), 'org_member');
    const coordinator = await demoActor(base, DEMO.coordinator);
    const list = async (status: string): Promise<{ id: string }[]> =>
      (await expectJson(await http(base, `/api/v1/organizations?municipalityId=${demo.municipalityId}&status=${status}&limit=100`, {
        headers: { Cookie: coordinator.session.cookie },
      }), 200, `organisations ${status}`)).items;
    demo.pending = (await list('pending'))[0]?.id ?? '';
    const others = (await list('approved')).filter((o) => o.id !== demo.drk && o.id !== demo.tafel);
    assert.ok(demo.pending && others.length >= 2, 'the demo data has a pending application and approved organisations');
    demo.approved = others[0].id;
    demo.suspended = others[1].id;
    await decide(base, coordinator, demo.suspended, 'suspend', 'Die Kontaktadresse ist seit Wochen nicht erreichbar.');
  });


  it('lets a citizen register, confirm, log in and apply with the keyboard alone', async () => {
    const page = await open();
    await page.goto(`${base}/`);
    await settle(page);

    // The skip link comes first.
    await tab(page, page.getByRole('link', { name: 'Zum Inhalt springen' }), 'the skip link');
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await tabTo(page, nav.getByRole('link', { name: 'Registrieren', exact: true }), 'Registrieren in the navigation');
    await page.keyboard.press('Enter');
    await waitForFocus(page, heading(page, 'Registrieren'), 'the heading Registrieren', false);

    const email = page.getByRole('textbox', { name: 'E-Mail-Adresse' });
    await tabTo(page, email, 'the field E-Mail-Adresse', { max: 3 });
    await typeInto(page, email, 'E-Mail-Adresse', CITIZEN.email);
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await tab(page, name, 'the field Name');
    await typeInto(page, name, 'Name', CITIZEN.name);
    const password = page.getByLabel('Passwort', { exact: true });
    await tab(page, password, 'the field Passwort');
    await typeInto(page, password, 'Passwort', CITIZEN.password);
    await tab(page, page.getByRole('button', { name: 'Konto anlegen' }), 'the button Konto anlegen');
    await page.keyboard.press('Enter');
    // The confirmation takes the focus, so that it is read at once.
    await waitForFocus(page, page.getByTestId('register-done'), 'the confirmation that the account exists');

    // The link from the mail (opened as a reader of the mail would).
    const { link } = await mailedLink(mailDir, CITIZEN.email, '/konto/bestaetigen');
    await page.goto(`${base}${link}`);
    await settle(page, page.getByTestId('verify-done'));
    await tabTo(page, page.getByRole('link', { name: 'Jetzt anmelden' }), 'the link Jetzt anmelden');
    await page.keyboard.press('Enter');
    await waitForFocus(page, heading(page, 'Anmelden'), 'the heading Anmelden', false);

    const loginEmail = page.getByRole('textbox', { name: 'E-Mail-Adresse' });
    await tabTo(page, loginEmail, 'the field E-Mail-Adresse', { max: 3 });
    await typeInto(page, loginEmail, 'E-Mail-Adresse', CITIZEN.email);
    const loginPassword = page.getByLabel('Passwort', { exact: true });
    await tab(page, loginPassword, 'the field Passwort');
    await typeInto(page, loginPassword, 'Passwort', CITIZEN.password);
    await tab(page, page.getByRole('button', { name: 'Anmelden', exact: true }), 'the button Anmelden');
    await page.keyboard.press('Enter');
    await waitForFocus(page, heading(page, 'Helfen, wo es gebraucht wird'), 'the start page heading', false);
    assert.equal(((await page.getByTestId('signed-in-as').textContent()) ?? '').trim(), `Angemeldet als ${CITIZEN.name}`);

    // To the application through the profile.
    // The navigation lies before the content: back there with Shift+Tab.
    await tabTo(page, nav.getByRole('link', { name: 'Profil' }), 'Profil in the navigation', { back: true });
    await page.keyboard.press('Enter');
    await waitForFocus(page, heading(page, 'Mein Profil'), 'the heading Mein Profil', false);
    await settle(page, page.getByText('Sie gehören noch zu keiner Organisation.'));
    await tabTo(page, page.getByRole('link', { name: 'Eine Organisation registrieren' }), 'the link Eine Organisation registrieren');
    await page.keyboard.press('Enter');
    await waitForFocus(page, heading(page, 'Organisation registrieren'), 'the heading Organisation registrieren', false);
    const municipality = page.getByRole('combobox', { name: 'Kommune' });
    await municipality.waitFor({ timeout: 10_000 });

    await tabTo(page, municipality, 'the choice Kommune', { max: 5 });
    for (let i = 0; i < 5 && (await municipality.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)) !== 'Stadt Gütersloh'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(await municipality.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text), 'Stadt Gütersloh');
    await assertFocused(page, municipality, 'the choice Kommune');
    const clubName = page.getByRole('textbox', { name: 'Name der Organisation' });
    await tab(page, clubName, 'the field Name der Organisation');
    await typeInto(page, clubName, 'Name der Organisation', CLUB);
    const kinds = page.getByRole('group', { name: 'Art der Organisation' });
    // Into a group of radio buttons with none chosen, Tab goes to the first; Space chooses it.
    const verein = kinds.getByRole('radio', { name: 'Verein' });
    await tab(page, verein, 'the radio button Verein');
    await page.keyboard.press('Space');
    assert.equal(await verein.isChecked(), true, 'Space chose Verein');
    // The arrow keys move within the group and choose as they go.
    const initiative = kinds.getByRole('radio', { name: 'Initiative' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await assertFocused(page, initiative, 'the radio button Initiative');
    assert.equal(await initiative.isChecked(), true, 'the arrow keys chose Initiative');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await assertFocused(page, verein, 'the radio button Verein');
    assert.equal(await verein.isChecked(), true, 'back at Verein');
    const description = page.getByRole('textbox', { name: 'Beschreibung' });
    await tab(page, description, 'the field Beschreibung');
    await typeInto(page, description, 'Beschreibung', 'Wir helfen älteren Nachbarn beim Einkaufen und suchen Fahrerinnen.');
    const contact = page.getByRole('textbox', { name: 'Kontakt-E-Mail-Adresse' });
    await tab(page, contact, 'the field Kontakt-E-Mail-Adresse');
    assert.equal(await contact.inputValue(), CITIZEN.email, 'the contact address is the citizen\'s');
    const website = page.getByRole('textbox', { name: /^Website/ });
    await tab(page, website, 'the field Website');
    await typeInto(page, website, 'Website', 'https://blankenhagen.example');
    await tab(page, page.getByRole('textbox', { name: /^Anschrift/ }), 'the field Anschrift');
    await tab(page, page.getByRole('button', { name: 'Antrag stellen' }), 'the button Antrag stellen');
    await page.keyboard.press('Enter');
    const done = page.getByTestId('apply-done');
    await waitForFocus(page, done, 'the confirmation of the application');
    assert.match((await done.textContent()) ?? '', /wird von der Kommune Stadt Gütersloh geprüft/);
  });

  it('lets the coordinator refuse an empty reason and approve the club with the keyboard alone', async () => {
    const page = await open();
    await page.goto(`${base}/anmelden`);
    await settle(page, page.getByRole('button', { name: 'Anmelden', exact: true }));
    const email = page.getByRole('textbox', { name: 'E-Mail-Adresse' });
    await tabTo(page, email, 'the field E-Mail-Adresse');
    await typeInto(page, email, 'E-Mail-Adresse', DEMO.coordinator.email);
    const password = page.getByLabel('Passwort', { exact: true });
    await tab(page, password, 'the field Passwort');
    await typeInto(page, password, 'Passwort', DEMO.coordinator.password);
    // Enter in a field submits its form.
    await page.keyboard.press('Enter');
    await waitForFocus(page, heading(page, 'Helfen, wo es gebraucht wird'), 'the start page heading', false);

    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await tabTo(page, nav.getByRole('link', { name: 'Koordination' }), 'Koordination in the navigation', { back: true });
    await page.keyboard.press('Enter');
    await waitForFocus(page, heading(page, 'Freischaltungen'), 'the heading Freischaltungen', false);
    const club = page.getByTestId('applications').getByRole('link', { name: CLUB });
    await club.waitFor({ timeout: 10_000 });
    await tabTo(page, club, `the link to ${CLUB}`);
    await page.keyboard.press('Enter');
    await waitForFocus(page, heading(page, CLUB), 'the club\'s heading', false);
    await settle(page, page.getByTestId('organization-details'));

    // "Ablehnen" asks for the reason and puts the focus into its field.
    const reject = page.getByRole('button', { name: 'Ablehnen' });
    await tabTo(page, reject, 'the button Ablehnen');
    await page.keyboard.press('Space');
    const reason = page.getByRole('textbox', { name: 'Begründung der Ablehnung' });
    await waitForFocus(page, reason, 'the field Begründung der Ablehnung');

    // Confirmed without a reason: the error summary takes the focus and links to the field.
    await tab(page, page.getByRole('button', { name: 'Ablehnung bestätigen' }), 'the button Ablehnung bestätigen');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Die Entscheidung konnte nicht gespeichert werden' });
    await summary.waitFor({ timeout: 10_000 });
    await waitForFocus(page, summary, 'the error summary');
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    const errorId = ((await reason.getAttribute('aria-describedby')) ?? '').split(/\s+/).find((id) => id.endsWith('-error'));
    assert.ok(errorId, 'the field is described by its error');
    assert.equal(((await page.locator(`#${errorId}`).textContent()) ?? '').trim(), 'Bitte geben Sie eine Begründung ein.');
    await tab(page, summary.getByRole('link', { name: 'Bitte geben Sie eine Begründung ein.' }), 'the link to the field in the summary');
    await page.keyboard.press('Enter');
    await assertFocused(page, reason, 'the field Begründung der Ablehnung (from the summary)');

    // "Abbrechen" returns the focus to "Ablehnen"; the approval comes just before it.
    await tab(page, page.getByRole('button', { name: 'Ablehnung bestätigen' }), 'the button Ablehnung bestätigen');
    await tab(page, page.getByRole('button', { name: 'Abbrechen' }), 'the button Abbrechen');
    await page.keyboard.press('Enter');
    await waitForFocus(page, reject, 'the button Ablehnen (after Abbrechen)');
    await reason.waitFor({ state: 'detached' });
    const approve = page.getByRole('button', { name: 'Freischalten', exact: true });
    await tab(page, approve, 'the button Freischalten', true);
    const [approved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/approve')),
      page.keyboard.press('Enter'),
    ]);
    assert.equal(approved.status(), 200);
    const done = page.getByTestId('decision-done');
    await waitForFocus(page, done, 'the message that the club is approved');
    assert.match((await done.textContent()) ?? '', /ist jetzt freigeschaltet/);
    assert.match((await page.getByTestId('organization-details').textContent()) ?? '', /Freigeschaltet/);
  });

  it('passes axe on every page of the trust model, in German and English, in every role', async () => {
    // Accounts and links the pages need: a verification link per language, a reset link, an
    // unverified account (the organisations in each status come from `before`).
    const verifyFor: Record<Lang, string> = { de: '', en: '' };
    for (const lang of LANGS) {
      const address = `pruefung.${lang}.${stamp}@example.org`;
      await apiRegister(base, address, `Prüfung ${lang}`, lang);
      verifyFor[lang] = (await mailedLink(mailDir, address, '/konto/bestaetigen')).link;
    }
    const unverified = { email: `unbestaetigt.${stamp}@example.org`, password: PROBE_PASSWORD };
    await apiRegister(base, unverified.email, 'Ute Unbestätigt', 'de');
    const resetAddress = `vergessen.${stamp}@example.org`;
    await apiRegister(base, resetAddress, 'Vera Vergessen', 'de');
    const resetRequest = await fetch(`${base}/api/v1/auth/password-reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: resetAddress }),
    });
    assert.equal(resetRequest.status, 202);
    const { link: resetLink } = await mailedLink(mailDir, resetAddress, '/passwort-neu');

    const { municipalityId, drk, tafel } = demo;
    const coordinator = await open();
    await apiLogin(coordinator, base, DEMO.coordinator);
    const orgAdmin = await open();
    await apiLogin(orgAdmin, base, DEMO.orgAdmin);
    const member = await open();
    await apiLogin(member, base, DEMO.orgMember);

    const anonymous = await open();
    const unverifiedPage = await open();
    await apiLogin(unverifiedPage, base, unverified);
    const volunteer = await open();
    await apiLogin(volunteer, base, DEMO.volunteer);
    const admin = await open();
    await apiLogin(admin, base, DEMO.admin);

    interface Visit {
      path: string | ((lang: Lang) => string);
      ready: (page: Page) => Locator;
      /** Brings the page into the state to check (after it is ready). */
      act?: (page: Page, lang: Lang) => Promise<void>;
      label: string;
    }
    const byTest = (id: string) => (page: Page) => page.getByTestId(id);
    const plan: { role: string; page: Page; visits: Visit[] }[] = [
      {
        role: 'visitor',
        page: anonymous,
        visits: [
          { path: '/registrieren', ready: (p) => p.locator('#register-email'), label: 'registration' },
          { path: (lang) => verifyFor[lang], ready: byTest('verify-done'), label: 'confirmation with a valid link' },
          { path: '/konto/bestaetigen?token=ungueltig-0000', ready: byTest('verify-failed'), label: 'confirmation with an invalid link' },
          { path: '/anmelden', ready: (p) => p.locator('#login-email'), label: 'login' },
          { path: '/passwort-vergessen', ready: (p) => p.locator('#forgot-email'), label: 'forgotten password' },
          { path: resetLink, ready: (p) => p.locator('#reset-password'), label: 'new password with a valid link' },
          {
            path: '/passwort-neu?token=ungueltig-0000',
            ready: (p) => p.locator('#reset-password'),
            label: 'new password with an invalid link, after sending',
            act: async (p) => {
              await p.locator('#reset-password').fill('Neues-Passwort-Probe-2026');
              await p.locator('#reset-repeat').fill('Neues-Passwort-Probe-2026');
              await p.locator('form button[type="submit"]').click();
              await p.locator('#reset-token-help').waitFor({ timeout: 10_000 });
            },
          },
          { path: '/organisation-registrieren', ready: byTest('apply-need-account'), label: 'application, logged out' },
        ],
      },
      {
        role: 'unverified account',
        page: unverifiedPage,
        visits: [
          { path: '/profil', ready: byTest('unverified-notice'), label: 'profile, unverified' },
          { path: '/organisation-registrieren', ready: byTest('apply-need-verified'), label: 'application, unverified' },
        ],
      },
      {
        role: 'verified volunteer',
        page: volunteer,
        visits: [
          { path: '/profil', ready: (p) => p.locator('#profile-name'), label: 'profile, verified' },
          { path: '/organisation-registrieren', ready: (p) => p.locator('#apply-municipality'), label: 'application, verified' },
          { path: `/organisationen/${drk}/verwaltung`, ready: byTest('not-member'), label: 'organisation area, outsider' },
          { path: '/verwaltung', ready: byTest('access-denied'), label: 'platform administration, not an admin' },
        ],
      },
      {
        role: 'coordinator',
        page: coordinator,
        visits: [
          { path: '/koordination', ready: byTest('applications'), label: 'Freischaltungen' },
          { path: `/koordination/organisationen/${demo.pending}`, ready: (p) => p.locator('#decision-approve'), label: 'pending application' },
          { path: `/koordination/organisationen/${demo.approved}`, ready: (p) => p.locator('#decision-suspend'), label: 'approved organisation' },
          { path: `/koordination/organisationen/${demo.suspended}`, ready: byTest('status-reason'), label: 'suspended organisation' },
          {
            path: `/koordination/organisationen/${demo.approved}`,
            ready: (p) => p.locator('#decision-suspend'),
            label: 'suspension asking for its reason, sent empty',
            act: async (p) => {
              await p.locator('#decision-suspend').click();
              await p.locator('#decision-reason').waitFor();
              await p.locator('[data-testid="reason-form"] button[type="submit"]').click();
              await p.locator('#decision-reason[aria-invalid="true"]').waitFor();
            },
          },
          { path: '/koordination/protokoll', ready: byTest('audit-log'), label: 'Protokoll' },
          { path: '/koordination/kommune', ready: byTest('coordinators'), label: 'Kommune' },
          { path: `/koordination/organisation-anlegen?kommune=${municipalityId}`, ready: byTest('known-form'), label: 'Organisation direkt anlegen' },
        ],
      },
      {
        role: 'organisation admin',
        page: orgAdmin,
        visits: [{ path: `/organisationen/${drk}/verwaltung`, ready: byTest('members'), label: 'organisation area, admin' }],
      },
      {
        role: 'organisation member',
        page: member,
        visits: [{ path: `/organisationen/${tafel}/verwaltung`, ready: byTest('members'), label: 'organisation area, member' }],
      },
      {
        role: 'platform admin',
        page: admin,
        visits: [{ path: '/verwaltung', ready: byTest('admin-municipalities'), label: 'platform administration' }],
      },
    ];

    let checked = 0;
    for (const { role, page, visits } of plan) {
      for (const lang of LANGS) {
        // The language is chosen before the first page loads (a verification link works once).
        if (!page.url().startsWith(base)) await page.goto(`${base}/`);
        await page.evaluate((l) => localStorage.setItem('helferkarte.lang', l), lang);
        for (const visit of visits) {
          const path = typeof visit.path === 'function' ? visit.path(lang) : visit.path;
          await page.goto(`${base}${path}`);
          await settle(page, visit.ready(page));
          if (visit.act) {
            await visit.act(page, lang);
            await settle(page);
          }
          assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${visit.label} (${role}) is in ${lang}`);
          await assertNoAxeViolations(page, `${visit.label} as ${role} (${lang})`);
          checked += 1;
        }
      }
    }
    assert.equal(checked, 2 * plan.reduce((n, p) => n + p.visits.length, 0));
  });

  it('does not scroll the coordinators\' pages sideways at 200 % and 400 % zoom', async () => {
    // 200 % of a 1280 px wide window: 640 CSS pixels at twice the device pixels; 400 %: the
    // 320 CSS pixels of WCAG's reflow criterion.
    const page = await open({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
    await apiLogin(page, base, DEMO.coordinator);
    const { municipalityId } = demo;
    const pages: { path: string; ready: (p: Page) => Locator }[] = [
      { path: '/koordination', ready: (p) => p.getByTestId('applications') },
      { path: '/koordination?status=all', ready: (p) => p.getByTestId('applications') },
      ...[demo.pending, demo.approved, demo.suspended].map((id) => ({
        path: `/koordination/organisationen/${id}`,
        ready: (p: Page) => p.getByTestId('organization-details'),
      })),
      { path: '/koordination/protokoll', ready: (p) => p.getByTestId('audit-log') },
      { path: '/koordination/kommune', ready: (p) => p.getByTestId('coordinators') },
      { path: `/koordination/organisation-anlegen?kommune=${municipalityId}`, ready: (p) => p.getByTestId('known-form') },
    ];
    const problems: string[] = [];
    for (const width of [640, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const lang of LANGS) {
        await page.goto(`${base}/`);
        await page.evaluate((l) => localStorage.setItem('helferkarte.lang', l), lang);
        for (const { path, ready } of pages) {
          await page.goto(`${base}${path}`);
          await settle(page, ready(page));
          assert.equal(await page.evaluate(() => innerWidth), width);
          const overflow = await horizontalOverflow(page);
          if (overflow) problems.push(`${path} (${lang}, ${width} px): ${overflow}`);
        }
      }
    }
    assert.deepEqual(problems, [], `pages that scroll sideways:\n  ${problems.join('\n  ')}`);
  });

  it('made no request to any host but 127.0.0.1', () => {
    for (const guard of guards) guard.assertNone();
  });
});
