// The group's and the coordinators' side of needs in the browser, against the real server with
// demo data: the coordinator switches the city to pre-moderation; a member of the Tafel (a plain
// member, not an admin) posts a need with two shifts through the form (after the form refused
// it without a title); the coordinator releases it in "Gesuche prüfen" (a rejection without a
// reason is refused first) and marks the Tafel as trusted; the member records a volunteer's
// attendance for a shift that has begun. axe runs on every page visited.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoAxeViolations, useServerAndBrowser } from './browser.ts';
import { describedError, logIn, useContexts, waitForAnnouncement, waitForHeading } from './steps.ts';

const COORDINATOR = { email: 'koordination@guetersloh.example', password: 'Demo-Koordination-2026' };
const MEMBER = { email: 'tafel-team@guetersloh.example', password: 'Demo-Mitglied-2026' };
const VOLUNTEER = { email: 'helferin@guetersloh.example', password: 'Demo-Helferin-2026', name: 'Lena Hoffmann' };

const stamp = Date.now().toString(36);
const TITLE = `Lebensmittel sortieren ${stamp}`;

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Hauptnavigation' });
}

/** A call of the API from inside the page, with the session's cookie and CSRF token. */
async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json();
      const csrf: string = me.csrfToken ?? me.user?.csrfToken ?? '';
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, data: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  ) as Promise<{ status: number; data: T }>;
}

async function loggedIn(open: () => Promise<Page>, url: string, account: { email: string; password: string }): Promise<Page> {
  const page = await open();
  await page.goto(`${url}/anmelden`);
  await waitForHeading(page, 'Anmelden');
  await logIn(page, account);
  return page;
}

describe('needs of a group and their review in the web app', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);
  let coordinator: Page;
  let member: Page;
  let needPath = '';
  let needId = '';

  it('lets the coordinator switch the city to checking needs first', async () => {
    coordinator = await loggedIn(open, stage.server.url, COORDINATOR);
    await coordinator.goto(`${stage.server.url}/koordination/kommune`);
    await waitForHeading(coordinator, 'Kommune');
    const moderation = coordinator.getByRole('group', { name: 'Prüfung neuer Hilfebedarfe' });
    await moderation.waitFor({ timeout: 10_000 });
    await moderation.getByLabel(/gibt jeden Hilfebedarf vorher frei/).check();
    await coordinator.locator('form', { has: moderation }).getByRole('button', { name: 'Speichern' }).click();
    await coordinator.getByTestId('municipality-saved').waitFor({ timeout: 10_000 });

    await coordinator.getByRole('navigation', { name: 'Koordination' }).getByRole('link', { name: 'Gesuche prüfen' }).click();
    await waitForHeading(coordinator, 'Gesuche prüfen');
    assert.equal(new URL(coordinator.url()).pathname, '/koordination/gesuche');
    assert.equal(await coordinator.title(), 'Gesuche prüfen – Helferkarte');
    await coordinator.getByTestId('review-empty').waitFor({ timeout: 10_000 });
    assert.equal(await coordinator.getByTestId('no-moderation').count(), 0);
    await assertNoAxeViolations(coordinator, '/koordination/gesuche (empty)');
  });

  it('lets a member of the group post a need with two shifts through the form', async () => {
    member = await loggedIn(open, stage.server.url, MEMBER);
    // A plain member reaches the needs area from the main navigation.
    await mainNav(member).getByRole('link', { name: 'Gesuche verwalten' }).click();
    await waitForHeading(member, /^Gesuche von Gütersloher Tafel/);
    assert.match(new URL(member.url()).pathname, /^\/organisationen\/\d+\/gesuche$/);
    await member.getByTestId('needs').waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(member, '/organisationen/:id/gesuche');

    await member.getByRole('link', { name: 'Neues Gesuch' }).click();
    await waitForHeading(member, 'Neues Gesuch');
    assert.equal(await member.title(), 'Neues Gesuch – Helferkarte');
    await member.getByTestId('need-form').waitFor({ timeout: 10_000 });
    // The city checks first, and the form says so.
    await member.getByTestId('reviewed-note').waitFor();
    // The place starts at the municipality's centre, the first shift tomorrow.
    assert.equal(await member.getByLabel('Ort oder Ortsteil').inputValue(), 'Gütersloh');
    assert.match(await member.getByLabel('Breitengrad').inputValue(), /^51,9/);
    const rows = member.getByTestId('shift-row');
    assert.equal(await rows.count(), 1);
    const firstDate = await rows.nth(0).getByLabel('Datum').inputValue();
    assert.match(firstDate, /^\d{4}-\d{2}-\d{2}$/);
    // Sign-ups are open with a waiting list unless the group chooses otherwise.
    assert.equal(await member.locator('#need-waitlist').isChecked(), true);
    assert.equal(await member.locator('#need-signupMode-open').isChecked(), true);
    await assertNoAxeViolations(member, '/organisationen/:id/gesuche/neu');

    // Without a title and a category the form says what is missing, at the fields.
    await member.getByRole('button', { name: 'Gesuch zur Prüfung einreichen' }).click();
    await member.getByRole('alert').filter({ hasText: 'Das Gesuch konnte nicht veröffentlicht werden' }).waitFor();
    assert.match(await describedError(member, member.getByLabel('Titel')), /Titel/);
    assert.match(await describedError(member, member.getByLabel('Kategorie')), /Kategorie/);
    await assertNoAxeViolations(member, 'the need form with errors');

    await member.getByLabel('Titel').fill(TITLE);
    await member.getByLabel('Kategorie').selectOption({ label: 'Sonstiges' });
    await member.getByLabel('Beschreibung').fill('Wir sortieren gespendete Lebensmittel in der Ausgabestelle. Bitte feste Schuhe tragen.');
    await member.getByLabel(/^Adresse/).fill('Kirchstraße 1');

    // The server's checks land at the fields they name: a shift in the past ("shifts.0.start").
    const first = member.getByRole('group', { name: 'Schicht 1' });
    await first.getByLabel('Datum').fill('2020-03-02');
    const [refused] = await Promise.all([
      member.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/organizations\/\d+\/needs$/.test(r.url())),
      member.getByRole('button', { name: 'Gesuch zur Prüfung einreichen' }).click(),
    ]);
    assert.equal(refused.status(), 422);
    const problem = (await refused.json()) as { errors: { field: string; message: string }[] };
    const pastStart = problem.errors.find((e) => e.field === 'shifts.0.start');
    assert.ok(pastStart, 'the server names the start of the first shift');
    await member.waitForFunction(
      (text) => document.getElementById('need-shift-0-start-error')?.textContent?.includes(text),
      pastStart.message,
    );
    assert.equal(await describedError(member, first.getByLabel('Von')), pastStart.message);
    await first.getByLabel('Datum').fill(firstDate);

    // "Weitere Schicht" adds a row a day later and moves the focus into it.
    await member.getByRole('button', { name: 'Weitere Schicht' }).click();
    assert.equal(await rows.count(), 2);
    const second = member.getByRole('group', { name: 'Schicht 2' });
    assert.equal(await member.evaluate(() => document.activeElement?.id), 'need-shift-1-date');
    assert.notEqual(await second.getByLabel('Datum').inputValue(), firstDate);
    await second.getByLabel('Von').fill('14:00');
    await second.getByLabel('Bis', { exact: true }).fill('17:30');
    await second.getByLabel('Plätze').fill('2');

    const [created] = await Promise.all([
      member.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/organizations\/\d+\/needs$/.test(r.url())),
      member.getByRole('button', { name: 'Gesuch zur Prüfung einreichen' }).click(),
    ]);
    assert.equal(created.status(), 201);
    const sent = created.request().postDataJSON() as { shifts: { start: string; end: string; capacity: number }[]; waitlist: boolean };
    assert.equal(sent.shifts.length, 2);
    assert.match(sent.shifts[1].start, /T14:00:00\+0[12]:00$/);
    assert.equal(sent.shifts[1].capacity, 2);
    assert.equal(sent.waitlist, true);
    const need = (await created.json()) as { id: string; status: string };
    assert.equal(need.status, 'pending_review');
    needId = need.id;

    await waitForHeading(member, TITLE);
    needPath = new URL(member.url()).pathname;
    assert.match(needPath, new RegExp(`^/organisationen/\\d+/gesuche/${needId}$`));
    await member.getByTestId('need-created').waitFor();
    await member.getByTestId('need-pending').waitFor();
    assert.match((await member.getByTestId('need-status').textContent()) ?? '', /In Prüfung/);
    assert.equal(await member.getByTestId('shifts').locator('tbody tr').count(), 2);
    await assertNoAxeViolations(member, '/organisationen/:id/gesuche/:needId (pending)');

    await member.getByRole('link', { name: /^Zurück zu den Gesuchen/ }).click();
    const row = member.getByTestId('needs').getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor({ timeout: 10_000 });
    assert.match((await row.textContent()) ?? '', /In Prüfung/);
    assert.match((await row.textContent()) ?? '', /0 von 3 Plätzen belegt/);
  });

  it('lets the coordinator release the need in the queue and trust the group', async () => {
    await coordinator.reload();
    await waitForHeading(coordinator, 'Gesuche prüfen');
    const item = coordinator.getByTestId('review-item').filter({ hasText: TITLE });
    await item.waitFor({ timeout: 10_000 });
    assert.match((await item.textContent()) ?? '', /Gütersloher Tafel/);
    await assertNoAxeViolations(coordinator, '/koordination/gesuche with a need');

    // A rejection needs a reason.
    await item.getByRole('button', { name: `„${TITLE}“ ablehnen` }).click();
    const reason = item.getByLabel('Begründung der Ablehnung');
    await reason.waitFor();
    assert.equal(await coordinator.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
    await item.getByRole('button', { name: 'Ablehnung bestätigen' }).click();
    await item.getByRole('alert').filter({ hasText: 'Die Entscheidung konnte nicht gespeichert werden' }).waitFor();
    assert.equal(await describedError(coordinator, reason), 'Bitte geben Sie eine Begründung ein.');
    await assertNoAxeViolations(coordinator, 'rejecting a need without a reason');
    await item.getByRole('button', { name: 'Abbrechen' }).click();

    const [approved] = await Promise.all([
      coordinator.waitForResponse((r) => r.url().endsWith(`/api/v1/needs/${needId}/approve`)),
      item.getByRole('button', { name: `„${TITLE}“ freigeben` }).click(),
    ]);
    assert.equal(approved.status(), 200);
    await coordinator.getByTestId('need-decision-done').filter({ hasText: 'ist freigegeben' }).waitFor();
    await item.waitFor({ state: 'detached' });
    await waitForAnnouncement(coordinator, `„${TITLE}“ ist freigegeben und jetzt öffentlich.`);
    await assertNoAxeViolations(coordinator, 'after releasing a need');

    // The Tafel's later needs skip the check.
    await coordinator.getByRole('navigation', { name: 'Koordination' }).getByRole('link', { name: /^Freischaltungen/ }).click();
    await waitForHeading(coordinator, 'Freischaltungen');
    await coordinator.getByLabel('Status').selectOption('approved');
    await coordinator.getByRole('button', { name: 'Anzeigen' }).click();
    await coordinator.getByTestId('applications').getByRole('link', { name: 'Gütersloher Tafel e.V.' }).click();
    await waitForHeading(coordinator, 'Gütersloher Tafel e.V.');
    const trusted = coordinator.getByLabel('Vertrauenswürdig (Gesuche ohne Prüfung veröffentlichen)');
    await trusted.waitFor({ timeout: 10_000 });
    assert.equal(await trusted.isChecked(), false);
    await assertNoAxeViolations(coordinator, '/koordination/organisationen/:id with the trust option');
    await trusted.check();
    const [trust] = await Promise.all([
      coordinator.waitForResponse((r) => /\/api\/v1\/organizations\/\d+\/trust$/.test(r.url())),
      coordinator.getByTestId('trust-form').getByRole('button', { name: 'Speichern' }).click(),
    ]);
    assert.equal(trust.status(), 200);
    assert.equal(((await trust.json()) as { trusted: boolean }).trusted, true);
    await coordinator.getByTestId('trust-saved').waitFor();
    await coordinator.reload();
    await coordinator.getByLabel('Vertrauenswürdig (Gesuche ohne Prüfung veröffentlichen)').waitFor({ timeout: 10_000 });
    assert.equal(await coordinator.getByLabel('Vertrauenswürdig (Gesuche ohne Prüfung veröffentlichen)').isChecked(), true);

    await member.goto(`${stage.server.url}${needPath}`);
    await waitForHeading(member, TITLE);
    await member.getByTestId('public-link').waitFor({ timeout: 10_000 });
    assert.match((await member.getByTestId('need-status').textContent()) ?? '', /Veröffentlicht/);
    await assertNoAxeViolations(member, '/organisationen/:id/gesuche/:needId (published)');
  });

  it('lets the group record the attendance of a volunteer for a shift that has begun', async () => {
    const volunteer = await loggedIn(open, stage.server.url, VOLUNTEER);
    // A shift that begins in a few seconds (the server has no clock to move), joined at once.
    const start = new Date(Math.ceil(Date.now() / 1000) * 1000 + 6_000);
    const end = new Date(start.getTime() + 2 * 3600_000);
    const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
    const added = await callApi<{ shifts: { id: string; start: string }[] }>(member, 'POST', `/api/v1/needs/${needId}/shifts`, {
      start: iso(start),
      end: iso(end),
      capacity: 3,
    });
    assert.equal(added.status, 201);
    const shift = added.data.shifts.find((s) => Date.parse(s.start) === start.getTime());
    assert.ok(shift, 'the need lists the new shift');
    const joined = await callApi<{ status: string }>(volunteer, 'POST', `/api/v1/shifts/${shift.id}/signups`, {});
    assert.equal(joined.status, 201);
    assert.equal(joined.data.status, 'confirmed');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start.getTime() - Date.now() + 1_000)));

    const tafelId = /^\/organisationen\/(\d+)\//.exec(needPath)![1];
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(start));
    const tafelHours = async () => {
      const mine = await callApi<{ items: { organization: { id: string }; year: number; hours: number }[] }>(volunteer, 'GET', '/api/v1/me/hours');
      assert.equal(mine.status, 200);
      return mine.data.items.find((i) => i.organization.id === tafelId && i.year === year)?.hours ?? 0;
    };
    const hoursBefore = await tafelHours();

    await member.reload();
    await waitForHeading(member, TITLE);
    const form = member.getByTestId('attendance-form');
    await form.waitFor({ timeout: 10_000 });
    const attendance = member.getByRole('group', { name: `Anwesenheit von ${VOLUNTEER.name}` });
    assert.equal(await attendance.getByLabel('Anwesend').isChecked(), true);
    const hours = form.getByLabel('Stunden');
    assert.equal(await hours.inputValue(), '2');
    await assertNoAxeViolations(member, 'the attendance form');

    // Hours in quarter hours only.
    await hours.fill('1,3');
    await form.getByRole('button', { name: `Anwesenheit speichern für ${VOLUNTEER.name}` }).click();
    assert.match(await describedError(member, hours), /Viertelstunden/);
    assert.equal(await member.evaluate(() => document.activeElement?.id), await hours.getAttribute('id'));

    await hours.fill('1,5');
    const [recorded] = await Promise.all([
      member.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/signups\/\d+$/.test(r.url())),
      form.getByRole('button', { name: `Anwesenheit speichern für ${VOLUNTEER.name}` }).click(),
    ]);
    assert.equal(recorded.status(), 200);
    assert.deepEqual(recorded.request().postDataJSON(), { attendance: 'attended', hours: 1.5 });
    await waitForAnnouncement(member, `Gespeichert: ${VOLUNTEER.name} war anwesend, 1,5 Std.`);
    const row = member.getByTestId('participants').getByRole('row', { name: new RegExp(VOLUNTEER.name) });
    await row.getByTestId('attendance').filter({ hasText: 'Anwesend, 1,5 Std.' }).waitFor();
    await assertNoAxeViolations(member, 'after recording the attendance');

    // The hours count in the volunteer's account.
    assert.equal(await tafelHours(), hoursBefore + 1.5);
  });

  it('made no request to any host but 127.0.0.1', () => {
    for (const guard of guards) guard.assertNone();
  });
});
