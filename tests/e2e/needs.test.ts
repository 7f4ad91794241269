// Needs, shifts and sign-ups in the browser, against the real server with demo data: the demo
// DRK's admin posts a need with two shifts (one place each, minimum age 16) through the form;
// a volunteer opens it by its link as a visitor (shifts, calendar file, QR code, print view,
// English), logs in from "Anmelden, um mitzumachen", is refused as too young at the birth-year
// field, joins, and gets the confirmation mail with the shift as an .ics attachment; the group
// sees her among the participants, other volunteers see only counts. A second volunteer takes
// the last place: the need shows "gedeckt" and the first volunteer's page announces it. A third
// is waitlisted; the first leaves and the third moves up, told by mail (with the .ics) and shown
// on "Meine Einsätze", where she sets up the calendar feed. The reminder job's mail leads to
// /einsatz, where "Ich komme" works without a login. Hours the group confirms appear on "Meine
// Einsätze" and in the printable Engagementnachweis; cancelling there frees the place again.
// axe runs on every page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { runCli } from '../support/server.ts';
import { linksIn, readMails, waitForMail, type ReceivedMail } from '../support/mail.ts';
import { assertNoAxeViolations, useServerAndBrowser } from './browser.ts';
import { describedError, logIn, mailedLink, useContexts, waitForAnnouncement, waitForHeading, type Account } from './steps.ts';

const GROUP_ADMIN = { email: 'drk-leitung@guetersloh.example', password: 'Demo-Verein-2026' };
const GROUP = 'DRK Kreisverband Gütersloh e.V.';

const stamp = Date.now().toString(36);
const PASSWORD = 'Ehrenamt-Gesuche-Test-2026';

interface Volunteer extends Account {
  name: string;
}

function volunteer(first: string, last: string): Volunteer {
  return { name: `${first} ${last}`, email: `${first.toLowerCase()}.${last.toLowerCase()}.${stamp}@example.org`, password: PASSWORD };
}

const ANNA = volunteer('Anna', 'Fischer');
const BEN = volunteer('Ben', 'Kaya');
const CLARA = volunteer('Clara', 'Wolff');
const TITLE = `Kleiderkammer sortieren ${stamp}`;

/** Registers an account through the API and confirms it with the mailed link. */
async function registerVerified(base: string, mailDir: string, person: Volunteer): Promise<void> {
  const registered = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password, displayName: person.name, language: 'de' }),
  });
  assert.equal(registered.status, 201, `registration of ${person.email}: ${await registered.text()}`);
  const { link } = await mailedLink(mailDir, person.email, '/konto/bestaetigen');
  const token = new URL(link, base).searchParams.get('token');
  const verified = await fetch(`${base}/api/v1/auth/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  assert.equal(verified.status, 200, `verification of ${person.email}: ${await verified.text()}`);
}

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

/** The parts of a multipart mail (one level), with lower-case header names. */
function mimeParts(mail: ReceivedMail): MimePart[] {
  const type = mail.headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [];
  const chunks = mail.body.split(`--${boundary}`);
  return chunks
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .map((chunk) => {
      const text = chunk.replace(/^\n/, '');
      const split = text.indexOf('\n\n');
      const headers = new Map<string, string>();
      for (const line of text.slice(0, split).replace(/\n[ \t]/g, ' ').split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return { headers, body: text.slice(split + 2) };
    });
}

/** The decoded text/calendar attachment of a mail, or null. */
function calendarOf(mail: ReceivedMail): string | null {
  const part = mimeParts(mail).find((p) => /^text\/calendar/i.test(p.headers.get('content-type') ?? ''));
  if (!part) return null;
  assert.equal((part.headers.get('content-transfer-encoding') ?? '').toLowerCase(), 'base64');
  assert.match(part.headers.get('content-disposition') ?? '', /^attachment;.*filename/i);
  return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** "2026-12-03T09:00:00Z" as iCalendar's UTC DATE-TIME: "20261203T090000Z". */
function icalUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The value of an iCalendar property of the first VEVENT (unfolded lines). */
function icalProperty(ics: string, name: string): string | undefined {
  const lines = ics.replace(/\r\n[ \t]/g, '').split(/\r?\n/);
  return lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, '');
}

/** Mails to the address that carry a calendar file. */
function mailsWithCalendar(mailDir: string, to: string): ReceivedMail[] {
  return readMails(mailDir).filter((m) => m.to.includes(to) && calendarOf(m) !== null);
}

interface ApiShift {
  id: string;
  start: string;
  end: string;
  capacity: number;
  taken: number;
  waitlisted: number;
  mySignup: { status: string } | null;
}

/** The need as the page's session sees it. */
async function needAs(page: Page, base: string, needId: string): Promise<{ covered: boolean; shifts: ApiShift[] }> {
  const response = await page.request.get(`${base}/api/v1/needs/${needId}`);
  assert.equal(response.status(), 200);
  return (await response.json()) as { covered: boolean; shifts: ApiShift[] };
}

/** A state-changing API call with the session of the page's context and its CSRF token. */
async function apiAs(page: Page, method: 'POST' | 'PATCH' | 'DELETE', url: string, data?: unknown): Promise<{ status: number; body: any }> {
  const me = await page.request.get(new URL('/api/v1/me', url).href);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(url, { method, headers: { 'X-CSRF-Token': csrfToken }, data });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null };
}

function shiftsTable(page: Page) {
  return page.getByTestId('shifts');
}

/** The row of the n-th shift (0-based) in the need page's table. */
function shiftRow(page: Page, shiftId: string) {
  return shiftsTable(page).locator(`tr[data-shift="${shiftId}"]`);
}

describe('needs, shifts and sign-ups in the web app', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);
  let base = '';
  let mailDir = '';
  let group: Page;
  let anna: Page;
  let ben: Page;
  let clara: Page;
  let organizationId = '';
  let needId = '';
  let shifts: ApiShift[] = [];

  it('registers three volunteers', async () => {
    base = stage.server.url;
    mailDir = stage.server.mailDir;
    for (const person of [ANNA, BEN, CLARA]) await registerVerified(base, mailDir, person);
  });

  it('lets a group member post a need with two shifts through the form', async () => {
    group = await open();
    await group.goto(`${base}/anmelden`);
    await waitForHeading(group, 'Anmelden');
    await logIn(group, GROUP_ADMIN);
    const mine = await group.request.get(`${base}/api/v1/me/organizations`);
    const organizations = (await mine.json()) as { items: { id: string; name: string }[] };
    organizationId = organizations.items.find((o) => o.name === GROUP)?.id ?? '';
    assert.match(organizationId, /^\d+$/, 'the demo admin runs the DRK');

    await group.goto(`${base}/organisationen/${organizationId}/gesuche/neu`);
    await waitForHeading(group, 'Neues Gesuch');
    const form = group.getByTestId('need-form');
    await form.waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(group, '/organisationen/:id/gesuche/neu');

    await form.getByLabel('Titel', { exact: true }).fill(TITLE);
    await form.getByLabel('Kategorie').selectOption({ label: 'Veranstaltungen' });
    await form.getByLabel('Beschreibung').fill('Wir sortieren Kleiderspenden für die Kleiderkammer. Handschuhe sind da.');
    await form.getByLabel(/^Adresse/).fill('Kirchstraße 1');
    // The first shift is there (tomorrow, 10–12, one place); a second one, a day later.
    await form.getByRole('button', { name: 'Weitere Schicht' }).click();
    await group.locator('#need-shift-1-date').waitFor();
    assert.equal(await group.evaluate(() => document.activeElement?.id), 'need-shift-1-date', 'the focus moves into the new row');
    assert.equal(await group.getByTestId('shift-row').count(), 2);
    // A minimum age: volunteers give their year of birth.
    await group.getByTestId('section-requirements').locator('summary').click();
    await form.getByLabel(/^Mindestalter/).fill('16');
    await assertNoAxeViolations(group, 'the need form filled in');

    const [created] = await Promise.all([
      group.waitForResponse((r) => r.url().endsWith(`/api/v1/organizations/${organizationId}/needs`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Gesuch veröffentlichen' }).click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    const need = (await created.json()) as { id: string; status: string; shifts: ApiShift[]; requirements: { minAge: number } };
    assert.equal(need.status, 'published', 'Gütersloh publishes without review');
    assert.equal(need.shifts.length, 2);
    assert.equal(need.requirements.minAge, 16);
    needId = need.id;
    shifts = need.shifts;
    await group.waitForURL(`**/organisationen/${organizationId}/gesuche/${needId}`, { timeout: 10_000 });
    await group.getByTestId('public-link').waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(group, '/organisationen/:id/gesuche/:needId after creating');
  });

  it('shows a visitor the need by its link, with the shifts, the calendar and the QR code', async () => {
    anna = await open();
    await anna.goto(`${base}/gesuche/${needId}`);
    await waitForHeading(anna, TITLE);
    assert.equal(await anna.title(), `${TITLE} – Gesuch – Helferkarte`);
    assert.match((await anna.getByTestId('need-details').textContent()) ?? '', /Mindestalter 16 Jahre/);
    assert.match((await anna.getByTestId('need-place').textContent()) ?? '', /Kirchstraße 1/);
    assert.match((await anna.getByTestId('need-state').textContent()) ?? '', /Noch 2 Plätze frei/);
    await shiftsTable(anna).waitFor();
    assert.equal(await shiftsTable(anna).locator('tbody tr').count(), 2);
    assert.match((await shiftRow(anna, shifts[0].id).textContent()) ?? '', /1 von 1 frei/);
    // Visitors get no join buttons, but the way to the login.
    assert.equal(await anna.getByRole('button', { name: /^Mitmachen/ }).count(), 0);
    await anna.getByTestId('login-to-join').waitFor();

    // The calendar file of the need and the QR code of this very page, made in the browser.
    const ics = await anna.request.get(new URL((await anna.getByTestId('need-ics').getAttribute('href'))!, base).href);
    assert.equal(ics.status(), 200);
    assert.match(ics.headers()['content-type'] ?? '', /^text\/calendar/);
    assert.match(await ics.text(), /BEGIN:VCALENDAR/);
    const qr = anna.getByTestId('need-qr');
    assert.equal(await qr.getAttribute('data-text'), `${base}/gesuche/${needId}`);
    assert.equal(await qr.getAttribute('role'), 'img');
    assert.ok(((await qr.locator('path').getAttribute('d')) ?? '').length > 500, 'the code has modules');
    await anna.getByRole('button', { name: 'Für Aushänge drucken' }).waitFor();
    await assertNoAxeViolations(anna, '/gesuche/:id as a visitor');

    // The print view is the notice: title, QR code and address, nothing of the page around it.
    await anna.emulateMedia({ media: 'print' });
    assert.equal(await anna.locator('.hk-header').isVisible(), false);
    assert.equal(await shiftsTable(anna).isVisible(), false);
    assert.equal(await anna.locator('.hk-poster').isVisible(), true);
    assert.match((await anna.locator('.hk-poster').textContent()) ?? '', new RegExp(TITLE));
    await anna.emulateMedia({ media: 'screen' });

    // The page in English.
    await anna.getByRole('button', { name: /English/ }).click();
    await anna.getByRole('link', { name: 'Log in to take part' }).waitFor();
    await anna.getByRole('heading', { level: 2, name: 'Dates' }).waitFor();
    assert.match((await anna.getByTestId('need-state').textContent()) ?? '', /2 places left/);
    assert.equal(await anna.evaluate(() => document.documentElement.lang), 'en');
    await assertNoAxeViolations(anna, '/gesuche/:id (en)');
    await anna.getByRole('button', { name: /Deutsch/ }).click();
    await anna.getByRole('link', { name: 'Anmelden, um mitzumachen' }).waitFor();
  });

  it('asks an account whose address is not confirmed yet to confirm it first', async () => {
    const dana = volunteer('Dana', 'Neumann');
    const registered = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: dana.email, password: dana.password, displayName: dana.name, language: 'de' }),
    });
    assert.equal(registered.status, 201);
    const page = await open();
    await page.goto(`${base}/anmelden?next=/gesuche/${needId}`);
    await waitForHeading(page, 'Anmelden');
    await logIn(page, dana);
    await waitForHeading(page, TITLE);
    const hint = page.getByTestId('need-unverified');
    await hint.waitFor({ timeout: 10_000 });
    assert.match((await hint.textContent()) ?? '', /Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse/);
    assert.equal(await shiftsTable(page).getByRole('button', { name: /^Mitmachen/ }).count(), 0);
    await assertNoAxeViolations(page, '/gesuche/:id for an unconfirmed account');
  });

  it('lets the volunteer log in from the need, refuses her as too young, then takes her', async () => {
    await anna.getByRole('link', { name: 'Anmelden, um mitzumachen' }).click();
    await waitForHeading(anna, 'Anmelden');
    assert.equal(new URL(anna.url()).searchParams.get('next'), `/gesuche/${needId}`);
    await logIn(anna, ANNA);
    await waitForHeading(anna, TITLE);

    const row = shiftRow(anna, shifts[0].id);
    await row.getByRole('button', { name: /^Mitmachen: / }).click();
    const birthYear = anna.getByLabel('Geburtsjahr');
    await birthYear.waitFor();
    assert.equal(await anna.evaluate(() => document.activeElement?.id), 'join-birth-year');
    await assertNoAxeViolations(anna, 'the join form with a birth-year field');

    // Too young: the server says so at the field.
    await birthYear.fill(String(new Date().getFullYear() - 10));
    const [refused] = await Promise.all([
      anna.waitForResponse((r) => r.url().endsWith(`/api/v1/shifts/${shifts[0].id}/signups`)),
      anna.locator('#join-panel').getByRole('button', { name: 'Mitmachen' }).click(),
    ]);
    assert.equal(refused.status(), 422);
    await anna.getByRole('alert').filter({ hasText: 'Die Anmeldung hat nicht geklappt' }).waitFor();
    assert.match(await describedError(anna, birthYear), /16/);
    await assertNoAxeViolations(anna, 'the join form with the age refused');

    await birthYear.fill('1990');
    const [joined] = await Promise.all([
      anna.waitForResponse((r) => r.url().endsWith(`/api/v1/shifts/${shifts[0].id}/signups`)),
      anna.locator('#join-panel').getByRole('button', { name: 'Mitmachen' }).click(),
    ]);
    assert.equal(joined.status(), 201);
    assert.ok(joined.request().headers()['x-csrf-token'], 'joining sends the CSRF token');
    assert.deepEqual(joined.request().postDataJSON(), { birthYear: 1990 });
    const result = anna.getByTestId('join-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /Sie sind dabei/);
    assert.equal(await anna.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'join-result');
    await row.getByText('zugesagt').waitFor();
    assert.match((await row.textContent()) ?? '', /0 von 1 frei/);
    assert.match((await row.getByTestId('shift-state').textContent()) ?? '', /voll/);
    assert.match((await anna.getByTestId('need-state').textContent()) ?? '', /Noch 1 Platz frei/);
    await assertNoAxeViolations(anna, '/gesuche/:id after joining');
  });

  it('mails the confirmation with the shift as an .ics attachment', async () => {
    const mail = await waitForMail(mailDir, (m) => m.to.includes(ANNA.email) && calendarOf(m) !== null);
    assert.match(mail.headers.get('content-type') ?? '', /^multipart\/mixed/);
    assert.ok(linksIn(mail.body).some((u) => u.pathname === `/gesuche/${needId}`), 'the mail links to the need');
    const ics = calendarOf(mail)!;
    assert.match(ics, /^BEGIN:VCALENDAR\r?\n/);
    assert.match(ics, /END:VCALENDAR\s*$/);
    assert.match(ics, /BEGIN:VEVENT/);
    assert.equal(icalProperty(ics, 'DTSTART'), icalUtc(shifts[0].start));
    assert.equal(icalProperty(ics, 'DTEND'), icalUtc(shifts[0].end));
    assert.match(icalProperty(ics, 'SUMMARY') ?? '', new RegExp(TITLE));
  });

  it('shows the group the participant; other volunteers see only counts', async () => {
    await group.reload();
    const participants = group.getByTestId('participants').first();
    await participants.getByText(ANNA.name).waitFor({ timeout: 10_000 });
    assert.match((await participants.textContent()) ?? '', new RegExp(ANNA.email.replace(/\./g, '\\.')));
    await assertNoAxeViolations(group, '/organisationen/:id/gesuche/:needId with a participant');

    const response = await group.request.get(`${base}/api/v1/needs/${needId}/participants`);
    assert.equal(response.status(), 200);
    const body = (await response.json()) as { shifts: { id: string; participants: { displayName: string; status: string }[] }[] };
    const first = body.shifts.find((s) => s.id === shifts[0].id)!;
    assert.deepEqual(first.participants.map((p) => [p.displayName, p.status]), [[ANNA.name, 'confirmed']]);

    ben = await open();
    await ben.goto(`${base}/anmelden?next=/gesuche/${needId}`);
    await waitForHeading(ben, 'Anmelden');
    await logIn(ben, BEN);
    await waitForHeading(ben, TITLE);
    await shiftsTable(ben).waitFor();
    assert.doesNotMatch((await ben.locator('#main').textContent()) ?? '', new RegExp(ANNA.name), 'no names on the public page');
    const refused = await ben.request.get(`${base}/api/v1/needs/${needId}/participants`);
    assert.ok([403, 404].includes(refused.status()), `a volunteer may not list participants (got ${refused.status()})`);
  });

  it('shows "gedeckt" once a second volunteer takes the last place, and announces it', async () => {
    // The first shift is full and only offers the waiting list.
    await shiftRow(ben, shifts[0].id).getByRole('button', { name: /^Auf die Warteliste: / }).waitFor();
    await shiftRow(ben, shifts[1].id).getByRole('button', { name: /^Mitmachen: / }).click();
    await ben.getByLabel('Geburtsjahr').fill('1985');
    await ben.locator('#join-panel').getByRole('button', { name: 'Mitmachen' }).click();
    await ben.getByTestId('join-result').filter({ hasText: 'Sie sind dabei' }).waitFor({ timeout: 10_000 });
    const state = ben.getByTestId('need-state');
    await state.getByText('gedeckt').waitFor();
    assert.match((await state.textContent()) ?? '', /Alle Plätze sind vergeben/);
    await waitForAnnouncement(ben, 'Das Gesuch ist jetzt gedeckt');
    await assertNoAxeViolations(ben, '/gesuche/:id covered');

    // Anna's page learns it when she comes back to it, and tells her through the live region.
    await anna.evaluate(() => window.dispatchEvent(new Event('focus')));
    await waitForAnnouncement(anna, 'Das Gesuch ist jetzt gedeckt');
    await anna.getByTestId('need-state').getByText('gedeckt').waitFor();
    assert.equal((await needAs(anna, base, needId)).covered, true);
  });

  it('puts a third volunteer on the waiting list', async () => {
    clara = await open();
    await clara.goto(`${base}/anmelden?next=/gesuche/${needId}`);
    await waitForHeading(clara, 'Anmelden');
    await logIn(clara, CLARA);
    await waitForHeading(clara, TITLE);
    await shiftRow(clara, shifts[0].id).getByRole('button', { name: /^Auf die Warteliste: / }).click();
    await clara.getByLabel('Geburtsjahr').fill('2001');
    await clara.locator('#join-panel').getByRole('button', { name: 'Auf die Warteliste' }).click();
    const result = clara.getByTestId('join-result');
    await result.filter({ hasText: 'Sie stehen auf der Warteliste' }).waitFor({ timeout: 10_000 });
    await shiftRow(clara, shifts[0].id).getByText('auf der Warteliste').first().waitFor();
    assert.match((await shiftRow(clara, shifts[0].id).textContent()) ?? '', /1 auf der Warteliste/);
    await assertNoAxeViolations(clara, '/gesuche/:id on the waiting list');
    // The waiting list mail carries no calendar: the place is not hers yet.
    await waitForMail(mailDir, (m) => m.to.includes(CLARA.email) && /Warteliste/.test(m.subject + m.body));
    assert.equal(mailsWithCalendar(mailDir, CLARA.email).length, 0);

    await clara.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meine Einsätze' }).click();
    await waitForHeading(clara, 'Meine Einsätze');
    const row = clara.getByTestId('upcoming').locator(`tr[data-need="${needId}"]`);
    await row.waitFor({ timeout: 10_000 });
    assert.match((await row.textContent()) ?? '', /auf der Warteliste/);
    await assertNoAxeViolations(clara, '/meine-einsaetze on the waiting list');
  });

  it('moves the waitlisted volunteer up when the first leaves', async () => {
    const row = shiftRow(anna, shifts[0].id);
    await row.getByRole('button', { name: /^Absagen: / }).click();
    const confirm = row.getByRole('group', { name: /absagen\?$/ });
    await confirm.waitFor();
    assert.equal(await anna.evaluate(() => document.activeElement?.textContent?.trim()), 'Ja, absagen');
    await assertNoAxeViolations(anna, 'confirming to leave');
    const [left] = await Promise.all([
      anna.waitForResponse((r) => r.url().endsWith(`/api/v1/shifts/${shifts[0].id}/signups/me`)),
      confirm.getByRole('button', { name: 'Ja, absagen' }).click(),
    ]);
    assert.equal(left.status(), 204);
    await anna.getByTestId('leave-result').waitFor();
    await waitForAnnouncement(anna, 'Sie haben für');
    // Clara took the place at once: the shift is still full and the need still covered.
    await row.getByTestId('shift-state').getByText('voll').waitFor();
    assert.equal(await row.getByText('zugesagt').count(), 0);
    await anna.getByTestId('need-state').getByText('gedeckt').waitFor();
    await assertNoAxeViolations(anna, '/gesuche/:id after leaving');

    // Clara is told by mail, with the calendar file, and sees it on "Meine Einsätze".
    const mail = await waitForMail(mailDir, (m) => m.to.includes(CLARA.email) && calendarOf(m) !== null);
    assert.equal(icalProperty(calendarOf(mail)!, 'DTSTART'), icalUtc(shifts[0].start));
    await clara.reload();
    await waitForHeading(clara, 'Meine Einsätze');
    const mine = clara.getByTestId('upcoming').locator(`tr[data-need="${needId}"]`);
    await mine.getByText('zugesagt').waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(clara, '/meine-einsaetze after moving up');

    const seen = await needAs(clara, base, needId);
    assert.equal(seen.shifts[0].mySignup?.status, 'confirmed');
    assert.equal(seen.shifts[0].taken, 1);
    assert.equal(seen.shifts[0].waitlisted, 0);
  });

  it('offers the personal calendar feed once, with a copy button', async () => {
    await clara.getByRole('button', { name: 'Kalender-Abo einrichten' }).click();
    const created = clara.getByTestId('feed-created');
    await created.waitFor({ timeout: 10_000 });
    const url = await clara.getByLabel('Adresse Ihres Kalender-Abos').inputValue();
    assert.match(url, /\/api\/v1\/calendar\/[^/]+\.ics$/);
    assert.equal(await clara.evaluate(() => document.activeElement?.id), 'feed-url');
    await assertNoAxeViolations(clara, '/meine-einsaetze with the new feed address');
    const feed = await fetch(new URL(new URL(url).pathname, base));
    assert.equal(feed.status, 200);
    const ics = await feed.text();
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.ok(ics.includes(icalUtc(shifts[0].start)), 'the feed holds the confirmed shift');

    // After a reload the address is not shown again; the feed is only said to be active.
    await clara.reload();
    await clara.getByTestId('feed-active').waitFor({ timeout: 10_000 });
    assert.equal(await clara.getByTestId('feed-created').count(), 0);
  });

  it('lets the reminder mail\'s link confirm the engagement without a login', async () => {
    // The reminder job at 12 hours before the first shift.
    const at = new Date(Date.parse(shifts[0].start) - 12 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const run = runCli(['jobs', 'run', '--at', at, '--database', stage.server.database]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /reminders: [1-9]/, `the job sends reminders (Clara's among those of the demo data): ${run.stdout}`);
    const { link } = await mailedLink(mailDir, CLARA.email, '/einsatz');
    const visitor = await open();
    await visitor.goto(`${base}${link}`);
    await waitForHeading(visitor, 'Ihr Einsatz');
    await visitor.getByTestId('link-engagement').getByText(TITLE).waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(visitor, '/einsatz');
    await visitor.getByRole('button', { name: 'Ich komme' }).click();
    await visitor.getByTestId('link-confirmed').waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(visitor, '/einsatz after confirming');

    await visitor.goto(`${base}/einsatz?token=abc`);
    await visitor.getByTestId('link-invalid').waitFor({ timeout: 10_000 });
  });

  it('shows the hours the group confirmed and prints the Engagementnachweis', async () => {
    // A shift that starts in a few seconds: Ben joins, and once it has started the group
    // records his attendance.
    const start = new Date(Date.now() + 4000);
    const end = new Date(start.getTime() + 2.5 * 3600 * 1000);
    const created = await apiAs(group, 'POST', `${base}/api/v1/organizations/${organizationId}/needs`, {
      title: `Blutspende-Aufbau ${stamp}`,
      description: 'Tische und Liegen aufbauen.',
      category: 'events',
      remote: false,
      location: { lat: 51.9065, lon: 8.3785, address: 'Kirchstraße 1', placeName: 'Gütersloh' },
      shifts: [{ start: start.toISOString(), end: end.toISOString(), capacity: 2 }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const shiftId = created.body.shifts[0].id as string;
    const joined = await apiAs(ben, 'POST', `${base}/api/v1/shifts/${shiftId}/signups`, {});
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    await new Promise((r) => setTimeout(r, Math.max(0, start.getTime() - Date.now() + 1000)));
    const recorded = await apiAs(group, 'PATCH', `${base}/api/v1/signups/${joined.body.id}`, { attendance: 'attended', hours: 2.5 });
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));

    await ben.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meine Einsätze' }).click();
    await waitForHeading(ben, 'Meine Einsätze');
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(start);
    const hours = ben.getByTestId('hours').getByRole('row', { name: new RegExp(GROUP.replace(/\./g, '\\.')) });
    await hours.waitFor({ timeout: 10_000 });
    assert.match((await hours.textContent()) ?? '', /2,5/);
    assert.match((await hours.textContent()) ?? '', new RegExp(year));
    await assertNoAxeViolations(ben, '/meine-einsaetze with confirmed hours');

    await hours.getByRole('link', { name: /^Nachweis ansehen/ }).click();
    await waitForHeading(ben, 'Engagementnachweis');
    const url = new URL(ben.url());
    assert.equal(url.pathname, '/meine-einsaetze/nachweis');
    assert.equal(url.searchParams.get('organisation'), organizationId);
    assert.equal(url.searchParams.get('jahr'), year);
    const statement = ben.getByTestId('certificate-statement');
    await statement.waitFor({ timeout: 10_000 });
    assert.match((await statement.textContent()) ?? '', new RegExp(`${BEN.name}.*${year}.*2,5 Stunden`));
    assert.match((await ben.getByTestId('certificate-details').textContent()) ?? '', /Stadt Gütersloh/);
    await ben.getByTestId('certificate-engagements').getByText(`Blutspende-Aufbau ${stamp}`).waitFor();
    await ben.getByRole('button', { name: 'Drucken oder als PDF speichern' }).waitFor();
    await assertNoAxeViolations(ben, '/meine-einsaetze/nachweis');
    await ben.emulateMedia({ media: 'print' });
    assert.equal(await ben.locator('.hk-header').isVisible(), false);
    assert.equal(await ben.locator('.hk-footer').isVisible(), false);
    assert.equal(await ben.getByRole('button', { name: 'Drucken oder als PDF speichern' }).isVisible(), false);
    assert.equal(await statement.isVisible(), true);
    await ben.emulateMedia({ media: 'screen' });

    // Another year has nothing to certify.
    await ben.goto(`${base}/meine-einsaetze/nachweis?organisation=${organizationId}&jahr=2001`);
    await ben.getByTestId('certificate-missing').waitFor({ timeout: 10_000 });
  });

  it('lets a volunteer cancel on "Meine Einsätze"; the need is no longer covered', async () => {
    await ben.goto(`${base}/meine-einsaetze`);
    await waitForHeading(ben, 'Meine Einsätze');
    const row = ben.getByTestId('upcoming').locator(`tr[data-need="${needId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: new RegExp(`^Absagen: ${TITLE}`) }).click();
    const confirm = row.getByRole('group', { name: /absagen\?$/ });
    await confirm.getByRole('button', { name: 'Ja, absagen' }).click();
    await ben.getByTestId('engagement-left').waitFor({ timeout: 10_000 });
    await waitForAnnouncement(ben, `Sie haben „${TITLE}“`);
    await row.waitFor({ state: 'detached' });
    await assertNoAxeViolations(ben, '/meine-einsaetze after cancelling');
    const seen = await needAs(ben, base, needId);
    assert.equal(seen.covered, false);
    assert.equal(seen.shifts[1].taken, 0);
  });

  it('made no request to any host but 127.0.0.1', () => {
    for (const guard of guards) guard.assertNone();
  });
});
