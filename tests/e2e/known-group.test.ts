// A group the municipality already knows, added in the browser by the demo coordinator with
// "Organisation direkt anlegen": the form refuses missing and malformed fields at the fields,
// the group is public at once, the audit log says "Direkt angelegt", and the person named to run
// it follows the invitation mail: registers through the web form, confirms the address, logs in
// and reaches the group's admin area. A second group for the same person, who now has an
// account, makes her admin at once; a coordinator who lost the role meanwhile gets the 403 as a
// message. axe runs on every page visited.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { linksIn, waitForMail } from '../support/mail.ts';
import { assertNoAxeViolations, useServerAndBrowser } from './browser.ts';
import { confirmFromMail, describedError, logIn, useContexts, waitForAnnouncement, waitForHeading } from './steps.ts';

const COORDINATOR = { email: 'koordination@guetersloh.example', password: 'Demo-Koordination-2026' };

const stamp = Date.now().toString(36);
const VERA = {
  email: `vera.vorstand.${stamp}@example.org`,
  name: 'Vera Vorstand',
  password: 'Spexard-Heimat-Vorstand-2026',
};
const GROUP = `Heimatverein Spexard ${stamp}`;
const SECOND = `Förderverein Freibad ${stamp}`;
const ADMIN_LABEL = 'E-Mail-Adresse der Person, die die Organisation verwaltet';

/** A mail body with its lines joined (long lines are wrapped). */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Fills the profile part of the form (the fields shared with "Organisation registrieren"). */
async function fillGroup(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name der Organisation').fill(name);
  await page.getByRole('group', { name: 'Art der Organisation' }).getByLabel('Verein').check();
  await page.getByLabel('Beschreibung').fill('Wir pflegen das Heimathaus und suchen Hilfe beim Sommerfest.');
  await page.getByLabel('Kontakt-E-Mail-Adresse').fill(`kontakt.${stamp}@heimatverein.example`);
  await page.getByLabel('Website').fill('https://heimatverein.example');
}

/** A state-changing API call with the session of the page's context and its CSRF token. */
async function apiAs(page: Page, method: 'POST' | 'DELETE', url: string, data?: unknown): Promise<number> {
  const me = await page.request.get(new URL('/api/v1/me', url).href);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(url, { method, headers: { 'X-CSRF-Token': csrfToken }, data });
  return response.status();
}

describe('a coordinator adds a known group in the web app', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);
  let coordinator: Page;
  let vera: Page;
  let groupId = '';
  let municipalityId = '';


  it('offers "Organisation direkt anlegen" on the Freischaltungen page and checks the fields', async () => {
    coordinator = await open();
    await coordinator.goto(`${stage.server.url}/anmelden?next=/koordination`);
    await waitForHeading(coordinator, 'Anmelden');
    await logIn(coordinator, COORDINATOR);
    await waitForHeading(coordinator, 'Freischaltungen');
    await coordinator.getByTestId('applications').waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(coordinator, '/koordination');

    // Reached with the keyboard: the link is in the tab order and follows Enter.
    const open_ = coordinator.getByRole('link', { name: 'Organisation direkt anlegen' });
    await open_.focus();
    await coordinator.keyboard.press('Enter');
    await waitForHeading(coordinator, 'Organisation direkt anlegen');
    const url = new URL(coordinator.url());
    assert.equal(url.pathname, '/koordination/organisation-anlegen');
    municipalityId = url.searchParams.get('kommune') ?? '';
    assert.match(municipalityId, /^\d+$/, 'the link names the municipality');
    assert.equal(await coordinator.title(), 'Organisation direkt anlegen – Helferkarte');
    // The municipality is the coordinator's; the form has no choice of it.
    await coordinator.getByText('Kommune: Stadt Gütersloh').waitFor({ timeout: 10_000 });
    assert.equal(await coordinator.getByTestId('known-form').getByLabel('Kommune').count(), 0);
    // The admin's address explains the invitation, tied to the field.
    const admin = coordinator.getByLabel(ADMIN_LABEL);
    const hint = await coordinator.locator(`#${(await admin.getAttribute('aria-describedby'))!}`).textContent();
    assert.match(hint ?? '', /Einladung per E-Mail/);
    assert.equal(await coordinator.getByLabel('Kontakt-E-Mail-Adresse').inputValue(), '', 'nothing of the coordinator is filled in');
    await assertNoAxeViolations(coordinator, '/koordination/organisation-anlegen');

    // Nothing entered: every required field says what is missing.
    await coordinator.getByRole('button', { name: 'Organisation anlegen' }).click();
    await coordinator.getByRole('alert').filter({ hasText: 'Die Organisation konnte nicht angelegt werden' }).waitFor();
    assert.equal(await describedError(coordinator, coordinator.getByLabel('Name der Organisation')), 'Bitte geben Sie den Namen der Organisation ein.');
    assert.equal(
      await describedError(coordinator, admin),
      'Bitte geben Sie die E-Mail-Adresse der Person ein, die die Organisation verwaltet.',
    );
    await assertNoAxeViolations(coordinator, '/koordination/organisation-anlegen with field errors');

    // A malformed address is refused by the server (422), at the field; nothing is created.
    await fillGroup(coordinator, GROUP);
    await admin.fill('kein-at-zeichen');
    const [refused] = await Promise.all([
      coordinator.waitForResponse((r) => r.url().endsWith('/api/v1/organizations') && r.request().method() === 'POST'),
      coordinator.getByRole('button', { name: 'Organisation anlegen' }).click(),
    ]);
    assert.equal(refused.status(), 422);
    const problem = (await refused.json()) as { errors: { field: string; message: string }[] };
    const message = problem.errors.find((e) => e.field === 'adminEmail')?.message;
    assert.ok(message, 'the server names adminEmail');
    await coordinator.waitForFunction(
      (text) => document.getElementById('known-admin-email-error')?.textContent?.includes(text),
      message,
    );
    assert.equal(await describedError(coordinator, admin), message);
    assert.equal(await coordinator.getByLabel('Name der Organisation').inputValue(), GROUP, 'the entries stay');
  });

  it('shows the form in English too', async () => {
    await coordinator.getByRole('button', { name: /English/ }).click();
    await waitForHeading(coordinator, 'Add an organisation directly');
    await coordinator.getByLabel('E-mail address of the person who manages the organisation').waitFor();
    await coordinator.getByRole('button', { name: 'Add organisation' }).waitFor();
    assert.equal(await coordinator.evaluate(() => document.documentElement.lang), 'en');
    await assertNoAxeViolations(coordinator, '/koordination/organisation-anlegen (en)');
    await coordinator.getByRole('button', { name: /Deutsch/ }).click();
    await waitForHeading(coordinator, 'Organisation direkt anlegen');
  });

  it('adds the group for a new address: public at once, the person invited', async () => {
    await coordinator.getByLabel(ADMIN_LABEL).fill(VERA.email);
    const [created] = await Promise.all([
      coordinator.waitForResponse((r) => r.url().endsWith('/api/v1/organizations') && r.request().method() === 'POST'),
      coordinator.getByRole('button', { name: 'Organisation anlegen' }).click(),
    ]);
    assert.equal(created.status(), 201);
    const body = created.request().postDataJSON() as Record<string, unknown>;
    assert.equal(body.adminEmail, VERA.email);
    assert.equal(body.municipalityId, municipalityId);
    assert.ok(created.request().headers()['x-csrf-token'], 'the creation sends the CSRF token');
    const org = (await created.json()) as { id: string; status: string };
    groupId = org.id;
    assert.equal(org.status, 'approved');

    // The group's page in the coordination area, with what became of the admin role.
    await waitForHeading(coordinator, GROUP);
    assert.equal(new URL(coordinator.url()).pathname, `/koordination/organisationen/${groupId}`);
    const done = coordinator.getByTestId('organization-created');
    await done.waitFor();
    const text = (await done.textContent()) ?? '';
    assert.match(text, new RegExp(`„${GROUP}“ ist angelegt und freigeschaltet\\.`));
    assert.match(text, /wurde per E-Mail eingeladen, sich zu registrieren/);
    assert.ok(text.includes(VERA.email));
    await waitForAnnouncement(coordinator, 'wurde per E-Mail eingeladen');
    assert.match((await coordinator.getByTestId('organization-details').textContent()) ?? '', /Freigeschaltet/);
    assert.equal(await coordinator.getByTestId('applicant').count(), 0, 'nobody applied');
    await assertNoAxeViolations(coordinator, '/koordination/organisationen/:id after adding');

    // Public at once, without a login.
    const response = await fetch(`${stage.server.url}/api/v1/organizations/${groupId}`);
    assert.equal(response.status, 200);
    const seen = (await response.json()) as { name: string; status: string };
    assert.equal(seen.name, GROUP);
    assert.equal(seen.status, 'approved');
  });

  it('records the creation and the invitation in the audit log, in words', async () => {
    await coordinator.getByRole('navigation', { name: 'Koordination' }).getByRole('link', { name: 'Protokoll' }).click();
    await waitForHeading(coordinator, 'Protokoll');
    const log = coordinator.getByTestId('audit-log');
    const createdRow = log.locator('tr[data-action="organization.created"]', { hasText: GROUP });
    await createdRow.waitFor({ timeout: 10_000 });
    const text = (await createdRow.textContent()) ?? '';
    assert.match(text, /Direkt angelegt/);
    assert.match(text, /Petra Schulte/);
    const invited = log.locator('tr[data-action="role.invited"]', { hasText: VERA.email });
    await invited.waitFor();
    assert.match((await invited.textContent()) ?? '', /Eingeladen/);
    // No action is shown as the server's code.
    const actions = await log.locator('tbody tr td:nth-child(3)').allTextContents();
    for (const action of actions) assert.doesNotMatch(action, /^[a-z]+\.[a-z]+$/, `"${action}" is in words`);
    await assertNoAxeViolations(coordinator, '/koordination/protokoll');
  });

  it('lets the invited person register from the mail, confirm and run the group', async () => {
    const invitation = await waitForMail(
      stage.server.mailDir,
      (m) => m.to.includes(VERA.email) && linksIn(m.body).some((u) => u.pathname === '/registrieren'),
    );
    assert.ok(flat(invitation.body).includes(GROUP), 'the invitation names the group');
    const link = linksIn(invitation.body).find((u) => u.pathname === '/registrieren')!;
    assert.equal(link.searchParams.get('email'), VERA.email);

    vera = await open();
    await vera.goto(`${stage.server.url}${link.pathname}${link.search}`);
    await waitForHeading(vera, 'Registrieren');
    assert.equal(await vera.getByLabel('E-Mail-Adresse').inputValue(), VERA.email);
    await assertNoAxeViolations(vera, '/registrieren from the invitation');
    await vera.getByLabel('Name', { exact: true }).fill(VERA.name);
    await vera.getByLabel('Passwort', { exact: true }).fill(VERA.password);
    await vera.getByRole('button', { name: 'Konto anlegen' }).click();
    await vera.getByTestId('register-done').waitFor({ timeout: 10_000 });
    await assertNoAxeViolations(vera, '/registrieren after registering');

    await confirmFromMail(vera, stage, VERA.email);
    await assertNoAxeViolations(vera, '/konto/bestaetigen');

    await vera.getByRole('link', { name: 'Jetzt anmelden' }).click();
    await waitForHeading(vera, 'Anmelden');
    await assertNoAxeViolations(vera, '/anmelden');
    await logIn(vera, VERA);

    await vera.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Organisationen' }).click();
    await waitForHeading(vera, `${GROUP} verwalten`);
    assert.equal(new URL(vera.url()).pathname, `/organisationen/${groupId}/verwaltung`);
    const row = vera.getByTestId('members').getByRole('row', { name: new RegExp(VERA.email.replace(/\./g, '\\.')) });
    await row.waitFor({ timeout: 10_000 });
    assert.match((await row.textContent()) ?? '', /Verwaltung/);
    assert.match((await row.textContent()) ?? '', /Aktiv/);
    // The shared profile form is hers to edit, filled with what the coordinator entered.
    assert.equal(await vera.getByLabel('Name der Organisation').inputValue(), GROUP);
    await assertNoAxeViolations(vera, '/organisationen/:id/verwaltung');
  });

  it('makes a person with an account admin at once', async () => {
    await coordinator.goto(`${stage.server.url}/koordination/organisation-anlegen?kommune=${municipalityId}`);
    await waitForHeading(coordinator, 'Organisation direkt anlegen');
    await fillGroup(coordinator, SECOND);
    await coordinator.getByLabel(ADMIN_LABEL).fill(VERA.email);
    await coordinator.getByRole('button', { name: 'Organisation anlegen' }).click();
    await waitForHeading(coordinator, SECOND);
    const done = coordinator.getByTestId('organization-created');
    await done.waitFor();
    assert.match((await done.textContent()) ?? '', /hat bereits ein Konto und verwaltet die Organisation ab sofort/);
    await assertNoAxeViolations(coordinator, '/koordination/organisationen/:id after adding for an account');
    const secondId = new URL(coordinator.url()).pathname.split('/').pop()!;

    const told = await waitForMail(
      stage.server.mailDir,
      (m) => m.to.includes(VERA.email) && linksIn(m.body).some((u) => u.pathname === `/organisationen/${secondId}/verwaltung`),
    );
    assert.ok(flat(told.body).includes(SECOND), 'the mail names the group');
  });

  it('shows a 403 as a message when the coordination ended in the meantime', async () => {
    // Vera becomes a coordinator, opens the form, and loses the role before she sends it.
    const coordinators = `${stage.server.url}/api/v1/municipalities/${municipalityId}/coordinators`;
    assert.equal(await apiAs(coordinator, 'POST', coordinators, { email: VERA.email }), 201);
    await vera.goto(`${stage.server.url}/koordination/organisation-anlegen?kommune=${municipalityId}`);
    await waitForHeading(vera, 'Organisation direkt anlegen');
    await fillGroup(vera, `Nicht angelegt ${stamp}`);
    await vera.getByLabel(ADMIN_LABEL).fill(`niemand.${stamp}@example.org`);

    const list = (await (await coordinator.request.get(coordinators)).json()) as { items: { userId: string | null; email: string }[] };
    const userId = list.items.find((c) => c.email === VERA.email)?.userId;
    assert.ok(userId, 'Vera is in the list of coordinators');
    assert.equal(await apiAs(coordinator, 'DELETE', `${coordinators}/${userId}`), 204);

    const [refused] = await Promise.all([
      vera.waitForResponse((r) => r.url().endsWith('/api/v1/organizations') && r.request().method() === 'POST'),
      vera.getByRole('button', { name: 'Organisation anlegen' }).click(),
    ]);
    assert.equal(refused.status(), 403);
    const summary = vera.getByRole('alert').filter({ hasText: 'Die Organisation konnte nicht angelegt werden' });
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /Dazu sind Sie nicht berechtigt\./);
    assert.equal(await vera.evaluate(() => document.activeElement?.getAttribute('role')), 'alert', 'the message takes the focus');
    assert.equal(new URL(vera.url()).pathname, '/koordination/organisation-anlegen', 'the page and the entries stay');
    await assertNoAxeViolations(vera, '/koordination/organisation-anlegen after a 403');

    const all = await fetch(`${stage.server.url}/api/v1/organizations?municipalityId=${municipalityId}&limit=100`);
    const names = ((await all.json()) as { items: { name: string }[] }).items.map((o) => o.name);
    assert.ok(!names.includes(`Nicht angelegt ${stamp}`), 'nothing was created');
  });

  it('made no request to any host but 127.0.0.1', () => {
    for (const guard of guards) guard.assertNone();
  });
});
