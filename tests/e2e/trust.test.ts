// The trust model in the browser, against the real server with demo data: a citizen registers
// and confirms the address from the mail, applies for a club; the demo coordinator approves it
// (after a rejection without a reason was refused), the count of waiting applications in the
// coordinators' navigation goes down, the audit log lists the approval; the coordinator makes the
// citizen a coordinator and removes her again, then the citizen removes herself; the citizen
// then administers the club and invites a member; the platform admin runs the administration.
// axe runs on every page visited.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoAxeViolations, useServerAndBrowser } from './browser.ts';
import {
  confirmFromMail,
  describedError,
  logIn,
  mailedLink,
  useContexts,
  waitForAnnouncement,
  waitForHeading,
} from './steps.ts';

const COORDINATOR = { email: 'koordination@guetersloh.example', password: 'Demo-Koordination-2026' };
const ADMIN = { email: 'admin@helferkarte.example', password: 'Demo-Admin-2026' };

const stamp = Date.now().toString(36);
const CITIZEN = {
  email: `lena.vogt.${stamp}@example.org`,
  name: 'Lena Vogt',
  password: 'Sonnenhang-Gartenfreunde-2026',
};
const CLUB = `Gartenfreunde Sonnenhang ${stamp} e.V.`;
const MEMBER = `tom.berger.${stamp}@example.org`;

function mainNav(page: Page, lang: 'de' | 'en' = 'de') {
  return page.getByRole('navigation', { name: lang === 'de' ? 'Hauptnavigation' : 'Main navigation' });
}

/** The screen reader's words for the count beside "Freischaltungen". */
function pendingSpoken(count: number): string {
  if (count === 0) return 'keine offenen Anträge';
  return count === 1 ? '1 offener Antrag' : `${count} offene Anträge`;
}

/** The count of waiting applications in the coordinators' navigation, seen and heard. */
async function pendingInNav(page: Page): Promise<number> {
  const nav = page.getByRole('navigation', { name: 'Koordination' });
  const badge = nav.getByTestId('pending-count');
  await badge.waitFor({ timeout: 10_000 });
  const match = /^\((\d+)\)$/.exec(((await badge.textContent()) ?? '').trim());
  assert.ok(match, 'the navigation shows the count in parentheses');
  const count = Number(match[1]);
  await nav.getByRole('link', { name: `Freischaltungen (${pendingSpoken(count)})`, exact: true }).waitFor();
  return count;
}

/** Waits until the navigation's count is `count`. */
async function waitForPendingInNav(page: Page, count: number): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Koordination' });
  await nav.getByTestId('pending-count').filter({ hasText: new RegExp(`\\(${count}\\)`) }).waitFor({ timeout: 10_000 });
  await nav.getByRole('link', { name: `Freischaltungen (${pendingSpoken(count)})`, exact: true }).waitFor();
}

/** The id of the focused element and its text. */
function focused(page: Page): Promise<{ id: string; text: string }> {
  return page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' }));
}

describe('trust model in the web app', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);
  let citizen: Page;
  let coordinator: Page;
  let mailDir: string;


  it('lets a citizen register, confirm the address from the mail and log in', async () => {
    mailDir = join(stage.server.dir, 'mail');
    citizen = await open();
    await citizen.goto(`${stage.server.url}/`);
    await mainNav(citizen).getByRole('link', { name: 'Registrieren' }).click();
    await waitForHeading(citizen, 'Registrieren');
    assert.equal(new URL(citizen.url()).pathname, '/registrieren');
    assert.equal(await citizen.title(), 'Registrieren – Helferkarte');
    await assertNoAxeViolations(citizen, '/registrieren');

    const password = citizen.getByLabel('Passwort', { exact: true });
    assert.equal(await password.getAttribute('autocomplete'), 'new-password');
    assert.match((await citizen.locator(`#${(await password.getAttribute('aria-describedby'))!}`).textContent()) ?? '', /Mindestens 10 Zeichen/);

    // Nothing entered: every field says what is missing.
    await citizen.getByRole('button', { name: 'Konto anlegen' }).click();
    await citizen.getByRole('alert').filter({ hasText: 'Das Konto konnte nicht angelegt werden' }).waitFor();
    assert.match(await describedError(citizen, citizen.getByLabel('E-Mail-Adresse')), /E-Mail-Adresse/);
    assert.match(await describedError(citizen, citizen.getByLabel('Name', { exact: true })), /Namen/);
    await assertNoAxeViolations(citizen, '/registrieren with field errors');

    // A common password is refused by the server, at the field.
    await citizen.getByLabel('E-Mail-Adresse').fill(CITIZEN.email);
    await citizen.getByLabel('Name', { exact: true }).fill(CITIZEN.name);
    await password.fill('passwort123');
    const [weak] = await Promise.all([
      citizen.waitForResponse((r) => r.url().endsWith('/api/v1/auth/register')),
      citizen.getByRole('button', { name: 'Konto anlegen' }).click(),
    ]);
    assert.equal(weak.status(), 422);
    const problem = (await weak.json()) as { errors: { field: string; message: string }[] };
    const message = problem.errors.find((e) => e.field === 'password')?.message;
    assert.ok(message, 'the server names the password field');
    await citizen.waitForFunction(
      (text) => document.getElementById('register-password-error')?.textContent?.includes(text),
      message,
    );

    await password.fill(CITIZEN.password);
    const [created] = await Promise.all([
      citizen.waitForResponse((r) => r.url().endsWith('/api/v1/auth/register')),
      citizen.getByRole('button', { name: 'Konto anlegen' }).click(),
    ]);
    assert.equal(created.status(), 201);
    assert.equal(((await created.request().postDataJSON()) as { language: string }).language, 'de');
    const done = citizen.getByTestId('register-done');
    await done.waitFor();
    assert.match((await done.textContent()) ?? '', /Bitte bestätigen Sie Ihre E-Mail-Adresse/);
    assert.match((await done.textContent()) ?? '', new RegExp(CITIZEN.email.replace(/\./g, '\\.')));
    await assertNoAxeViolations(citizen, '/registrieren after registering');

    await confirmFromMail(citizen, stage, CITIZEN.email);
    assert.equal(await citizen.title(), 'E-Mail-Adresse bestätigen – Helferkarte');
    await assertNoAxeViolations(citizen, '/konto/bestaetigen');

    await citizen.getByRole('link', { name: 'Jetzt anmelden' }).click();
    await waitForHeading(citizen, 'Anmelden');
    await assertNoAxeViolations(citizen, '/anmelden');
    await logIn(citizen, CITIZEN);
    await waitForHeading(citizen, 'Helfen, wo es gebraucht wird');
    assert.equal(((await citizen.getByTestId('signed-in-as').textContent()) ?? '').trim(), `Angemeldet als ${CITIZEN.name}`);

    await mainNav(citizen).getByRole('link', { name: 'Profil' }).click();
    await waitForHeading(citizen, 'Mein Profil');
    assert.equal(((await citizen.getByTestId('profile-email').textContent()) ?? '').trim(), CITIZEN.email);
    assert.equal(await citizen.getByTestId('unverified-notice').count(), 0);
    await citizen.getByText('Sie gehören noch zu keiner Organisation.').waitFor();
    await assertNoAxeViolations(citizen, '/profil of a new citizen');
  });

  it('lets the citizen apply for a club with "Organisation registrieren"', async () => {
    await citizen.getByRole('link', { name: 'Eine Organisation registrieren' }).click();
    await waitForHeading(citizen, 'Organisation registrieren');
    await citizen.getByLabel('Kommune').waitFor();
    await assertNoAxeViolations(citizen, '/organisation-registrieren');

    await citizen.getByLabel('Kommune').selectOption({ label: 'Stadt Gütersloh' });
    await citizen.getByLabel('Name der Organisation').fill(CLUB);
    await citizen.getByRole('group', { name: 'Art der Organisation' }).getByLabel('Verein').check();
    await citizen.getByLabel('Beschreibung').fill('Wir pflegen Gemeinschaftsbeete und suchen Hilfe beim Herbstputz.');
    assert.equal(await citizen.getByLabel('Kontakt-E-Mail-Adresse').inputValue(), CITIZEN.email);
    await citizen.getByLabel('Website').fill('https://sonnenhang.example');
    await citizen.getByRole('button', { name: 'Antrag stellen' }).click();

    const done = citizen.getByTestId('apply-done');
    await done.waitFor({ timeout: 10_000 });
    assert.match((await done.textContent()) ?? '', /wird von der Kommune Stadt Gütersloh geprüft/);
    await assertNoAxeViolations(citizen, '/organisation-registrieren after applying');

    await citizen.getByRole('link', { name: 'Zu Ihren Organisationen' }).click();
    await waitForHeading(citizen, 'Mein Profil');
    const row = citizen.getByTestId('my-organizations').getByRole('row', { name: new RegExp(CLUB) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /In Prüfung/);
    assert.match((await row.textContent()) ?? '', /Antrag gestellt/);
  });

  it('lets the coordinator refuse a rejection without reason, approve the club and see it in the audit log', async () => {
    coordinator = await open();
    // The coordination area sends to the login and, after it, back.
    await coordinator.goto(`${stage.server.url}/koordination`);
    await waitForHeading(coordinator, 'Anmelden');
    assert.equal(new URL(coordinator.url()).searchParams.get('next'), '/koordination');
    await coordinator.getByTestId('login-next-notice').waitFor();
    await logIn(coordinator, COORDINATOR);
    await waitForHeading(coordinator, 'Freischaltungen');
    assert.equal(new URL(coordinator.url()).pathname, '/koordination');
    // The citizen's application waits, among the demo data's.
    const waiting = await pendingInNav(coordinator);
    assert.ok(waiting >= 1, `at least the citizen's application waits (navigation says ${waiting})`);

    const table = coordinator.getByTestId('applications');
    const link = table.getByRole('link', { name: CLUB });
    await link.waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(coordinator, '/koordination');

    await link.click();
    await waitForHeading(coordinator, CLUB);
    assert.match(new URL(coordinator.url()).pathname, /^\/koordination\/organisationen\/\d+$/);
    assert.equal(await coordinator.title(), 'Organisation prüfen – Helferkarte');
    assert.match((await coordinator.getByTestId('applicant').textContent()) ?? '', new RegExp(CITIZEN.name));
    await assertNoAxeViolations(coordinator, '/koordination/organisationen/:id');

    // A rejection needs a reason: the empty field is marked and explained.
    await coordinator.getByRole('button', { name: 'Ablehnen' }).click();
    const reason = coordinator.getByLabel('Begründung der Ablehnung');
    await reason.waitFor();
    assert.equal(await coordinator.evaluate(() => document.activeElement?.id), 'decision-reason');
    await coordinator.getByRole('button', { name: 'Ablehnung bestätigen' }).click();
    await coordinator.getByRole('alert').filter({ hasText: 'Die Entscheidung konnte nicht gespeichert werden' }).waitFor();
    assert.equal(await describedError(coordinator, reason), 'Bitte geben Sie eine Begründung ein.');
    await assertNoAxeViolations(coordinator, 'rejection without a reason');
    await coordinator.getByRole('button', { name: 'Abbrechen' }).click();
    await reason.waitFor({ state: 'detached' });
    assert.match((await coordinator.getByTestId('organization-details').textContent()) ?? '', /In Prüfung/);

    const [approved] = await Promise.all([
      coordinator.waitForResponse((r) => r.url().endsWith('/approve')),
      coordinator.getByRole('button', { name: 'Freischalten' }).click(),
    ]);
    assert.equal(approved.status(), 200);
    assert.ok(approved.request().headers()['x-csrf-token'], 'the decision sends the CSRF token');
    await coordinator.getByTestId('decision-done').filter({ hasText: 'ist jetzt freigeschaltet' }).waitFor();
    await waitForPendingInNav(coordinator, waiting - 1);
    assert.match((await coordinator.getByTestId('organization-details').textContent()) ?? '', /Freigeschaltet/);
    // Only the decisions the new status allows are offered.
    await coordinator.getByRole('button', { name: 'Sperren' }).waitFor();
    assert.equal(await coordinator.getByRole('button', { name: 'Freischalten', exact: true }).count(), 0);
    await assertNoAxeViolations(coordinator, 'after the approval');

    await coordinator.getByRole('navigation', { name: 'Koordination' }).getByRole('link', { name: 'Protokoll' }).click();
    await waitForHeading(coordinator, 'Protokoll');
    const entry = coordinator.getByTestId('audit-log').locator('tr[data-action="organization.approved"]', { hasText: CLUB });
    await entry.waitFor({ timeout: 10_000 });
    const text = (await entry.textContent()) ?? '';
    assert.match(text, /Freigeschaltet/);
    assert.match(text, /Petra Schulte/);
    assert.match(text, /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    const applied = coordinator.getByTestId('audit-log').locator('tr[data-action="organization.applied"]', { hasText: CLUB });
    assert.equal(await applied.count(), 1);
    await assertNoAxeViolations(coordinator, '/koordination/protokoll');
  });

  it('lets the coordinator make the citizen a coordinator and remove her again', async () => {
    await coordinator.getByRole('navigation', { name: 'Koordination' }).getByRole('link', { name: 'Kommune' }).click();
    await waitForHeading(coordinator, 'Kommune');
    const list = coordinator.getByTestId('coordinators');
    await list.getByRole('row', { name: /koordination@guetersloh\.example/ }).waitFor({ timeout: 10_000 });
    // The coordinator's own row says so; the count stays in the navigation on every page.
    assert.match((await list.getByRole('row', { name: /koordination@guetersloh\.example/ }).textContent()) ?? '', /\(Sie\)/);
    await pendingInNav(coordinator);
    await assertNoAxeViolations(coordinator, '/koordination/kommune');

    // The citizen has an account: she is a coordinator at once.
    await coordinator.getByLabel('E-Mail-Adresse der neuen Koordinatorin oder des neuen Koordinators').fill(CITIZEN.email);
    await coordinator.getByRole('button', { name: 'Zur Koordination einladen' }).click();
    await coordinator.getByText(`${CITIZEN.email} hat bereits ein Konto und hat die Rolle sofort erhalten.`).waitFor({ timeout: 10_000 });
    const row = list.getByRole('row', { name: new RegExp(CITIZEN.email.replace(/\./g, '\\.')) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Aktiv/);
    assert.match((await row.textContent()) ?? '', new RegExp(CITIZEN.name));

    // Removing asks first; "Abbrechen" leaves everything as it was, with the focus on the button.
    const removeButton = row.getByRole('button', { name: `${CITIZEN.name} aus der Koordination entfernen` });
    await removeButton.click();
    const confirm = row.getByRole('group', { name: `${CITIZEN.name} aus der Koordination entfernen?` });
    await confirm.waitFor();
    assert.match((await confirm.textContent()) ?? '', /Wirklich entfernen\?/);
    assert.equal((await focused(coordinator)).text, 'Ja, entfernen');
    await assertNoAxeViolations(coordinator, 'confirming the removal of a coordinator');
    await coordinator.keyboard.press('Tab');
    assert.equal((await focused(coordinator)).text, 'Abbrechen');
    await coordinator.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await coordinator.evaluate(() => document.activeElement?.getAttribute('aria-label')), `${CITIZEN.name} aus der Koordination entfernen`);

    // Confirmed with the keyboard, too.
    await coordinator.keyboard.press('Enter');
    await confirm.waitFor();
    const [removed] = await Promise.all([
      coordinator.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/coordinators/')),
      coordinator.keyboard.press('Enter'),
    ]);
    assert.equal(removed.status(), 204);
    assert.ok(removed.request().headers()['x-csrf-token'], 'the removal sends the CSRF token');
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await waitForAnnouncement(coordinator, `${CITIZEN.name} koordiniert diese Kommune nicht mehr.`);
    assert.match((await focused(coordinator)).text, /^Koordinatorinnen und Koordinatoren/);
    await list.getByRole('row', { name: /koordination@guetersloh\.example/ }).waitFor();
    await assertNoAxeViolations(coordinator, '/koordination/kommune after the removal');

    await coordinator.getByRole('navigation', { name: 'Koordination' }).getByRole('link', { name: 'Protokoll' }).click();
    await waitForHeading(coordinator, 'Protokoll');
    const revoked = coordinator.getByTestId('audit-log').locator('tr[data-action="role.revoked"]', { hasText: CITIZEN.name });
    await revoked.waitFor({ timeout: 10_000 });
    assert.match((await revoked.textContent()) ?? '', /Rolle entzogen/);
  });

  it('lets a coordinator remove herself and sends her to the profile', async () => {
    await coordinator.getByRole('navigation', { name: 'Koordination' }).getByRole('link', { name: 'Kommune' }).click();
    await waitForHeading(coordinator, 'Kommune');
    await coordinator.getByLabel('E-Mail-Adresse der neuen Koordinatorin oder des neuen Koordinators').fill(CITIZEN.email);
    await coordinator.getByRole('button', { name: 'Zur Koordination einladen' }).click();
    const list = coordinator.getByTestId('coordinators');
    const row = list.getByRole('row', { name: new RegExp(CITIZEN.email.replace(/\./g, '\\.')) });
    await row.waitFor({ timeout: 10_000 });

    await citizen.goto(`${stage.server.url}/koordination/kommune`);
    await waitForHeading(citizen, 'Kommune');
    const own = citizen.getByTestId('coordinators').getByRole('row', { name: new RegExp(CITIZEN.email.replace(/\./g, '\\.')) });
    await own.waitFor({ timeout: 10_000 });
    assert.match((await own.textContent()) ?? '', /\(Sie\)/);
    await own.getByRole('button', { name: `${CITIZEN.name} aus der Koordination entfernen` }).click();
    const confirm = own.getByRole('group', { name: `${CITIZEN.name} aus der Koordination entfernen?` });
    await confirm.waitFor();
    assert.match((await confirm.textContent()) ?? '', /Wollen Sie sich wirklich selbst entfernen\?/);
    await assertNoAxeViolations(citizen, 'confirming the removal of oneself');
    await confirm.getByRole('button', { name: 'Ja, entfernen' }).click();

    await waitForHeading(citizen, 'Mein Profil');
    assert.equal(new URL(citizen.url()).pathname, '/profil');
    const notice = citizen.getByTestId('profile-notice');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /Sie koordinieren Stadt Gütersloh nicht mehr\./);
    await waitForAnnouncement(citizen, 'Sie koordinieren Stadt Gütersloh nicht mehr.');
    // The session was reloaded: the role is gone from the profile and the area is closed.
    await citizen.getByTestId('my-roles').waitFor();
    await citizen.waitForFunction(() => !document.querySelector('[data-testid="my-roles"]')?.textContent?.includes('Koordination'));
    await assertNoAxeViolations(citizen, '/profil after leaving the coordination');

    await coordinator.reload();
    await waitForHeading(coordinator, 'Kommune');
    await list.getByRole('row', { name: /koordination@guetersloh\.example/ }).waitFor({ timeout: 10_000 });
    assert.equal(await row.count(), 0);
  });

  it('gives the citizen the club\'s admin area, where members can be invited', async () => {
    await citizen.reload();
    const nav = mainNav(citizen);
    await nav.getByRole('link', { name: 'Organisationen' }).click();
    await waitForHeading(citizen, `${CLUB} verwalten`);
    assert.match(new URL(citizen.url()).pathname, /^\/organisationen\/\d+\/verwaltung$/);
    const members = citizen.getByTestId('members');
    await members.getByRole('row', { name: new RegExp(CITIZEN.email.replace(/\./g, '\\.')) }).waitFor();
    await assertNoAxeViolations(citizen, '/organisationen/:id/verwaltung');

    await citizen.getByLabel('E-Mail-Adresse', { exact: true }).fill(MEMBER);
    await citizen.getByRole('group', { name: 'Rolle' }).getByLabel(/^Mitglied/).check();
    await citizen.getByRole('button', { name: 'Einladen' }).click();
    await citizen.getByTestId('member-invite-result').filter({ hasText: MEMBER }).waitFor({ timeout: 10_000 });
    const invited = members.getByRole('row', { name: new RegExp(MEMBER.replace(/\./g, '\\.')) });
    await invited.waitFor();
    assert.match((await invited.textContent()) ?? '', /Eingeladen/);
    await assertNoAxeViolations(citizen, 'after inviting a member');

    // The invitation leads to the registration with the address filled in.
    const { link: invitation } = await mailedLink(mailDir, MEMBER, '/registrieren');
    const visitor = await open();
    await visitor.goto(`${stage.server.url}${invitation}`);
    await waitForHeading(visitor, 'Registrieren');
    assert.equal(await visitor.getByLabel('E-Mail-Adresse').inputValue(), MEMBER);
  });

  it('shows the platform admin the administration', async () => {
    const admin = await open();
    await admin.goto(`${stage.server.url}/anmelden`);
    await waitForHeading(admin, 'Anmelden');
    await logIn(admin, ADMIN);
    await mainNav(admin).getByRole('link', { name: 'Verwaltung' }).click();
    await waitForHeading(admin, 'Verwaltung der Plattform');
    assert.equal(await admin.title(), 'Verwaltung – Helferkarte');
    await admin.getByTestId('admin-municipalities').getByRole('rowheader', { name: 'Stadt Gütersloh' }).waitFor({ timeout: 10_000 });
    await admin.getByTestId('coordinators').getByRole('row', { name: /koordination@guetersloh\.example/ }).waitFor();
    await assertNoAxeViolations(admin, '/verwaltung');

    // The citizen has no access there.
    await citizen.goto(`${stage.server.url}/verwaltung`);
    await waitForHeading(citizen, 'Verwaltung der Plattform');
    await citizen.getByTestId('access-denied').waitFor();
  });

  it('offers the account pages in English too', async () => {
    const visitor = await open();
    await visitor.goto(`${stage.server.url}/anmelden`);
    await waitForHeading(visitor, 'Anmelden');
    await visitor.getByRole('button', { name: /English/ }).click();
    await waitForHeading(visitor, 'Log in');
    await visitor.getByRole('link', { name: 'Forgot your password?' }).click();
    await waitForHeading(visitor, 'Forgot your password');
    assert.equal(await visitor.title(), 'Forgot password – Helferkarte');
    await assertNoAxeViolations(visitor, '/passwort-vergessen (en)');
    await mainNav(visitor, 'en').getByRole('link', { name: 'Register' }).click();
    await waitForHeading(visitor, 'Register');
    assert.equal(await visitor.evaluate(() => document.documentElement.lang), 'en');
    await visitor.getByRole('button', { name: 'Create account' }).click();
    await visitor.getByRole('alert').filter({ hasText: 'The account could not be created' }).waitFor();
    assert.equal(await describedError(visitor, visitor.getByLabel('E-mail address')), 'Please enter your e-mail address.');
    await assertNoAxeViolations(visitor, '/registrieren (en)');
  });

  it('made no request to any host but 127.0.0.1', () => {
    for (const guard of guards) guard.assertNone();
  });
});
