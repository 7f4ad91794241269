// "Meine Daten" and "Barriere melden" in the browser, against the real server with demo data:
// a newly registered volunteer sees their data, downloads the export, fails to delete the
// account with a wrong password and then deletes it, ending signed out on the start page; a
// visitor reports a barrier from a page's footer and the coordinators get the mail. axe runs
// on every state of these pages.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { waitForMail } from '../support/mail.ts';
import { assertNoAxeViolations, useServerAndBrowser } from './browser.ts';
import { describedError, logIn, mailedLink, useContexts, waitForHeading } from './steps.ts';

const COORDINATOR_EMAIL = 'koordination@guetersloh.example';
const stamp = Date.now().toString(36);
const VOLUNTEER = { email: `mara.lindner.${stamp}@example.org`, name: 'Mara Lindner', password: 'Kastanienallee-Laufgruppe-2026' };

/** Registers the account through the API and confirms it with the mailed link. */
async function registerVerified(base: string, mailDir: string): Promise<void> {
  const registered = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: VOLUNTEER.email, password: VOLUNTEER.password, displayName: VOLUNTEER.name, language: 'de' }),
  });
  assert.equal(registered.status, 201, await registered.text());
  const { link } = await mailedLink(mailDir, VOLUNTEER.email, '/konto/bestaetigen');
  const verified = await fetch(`${base}/api/v1/auth/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: new URL(link, base).searchParams.get('token') }),
  });
  assert.equal(verified.status, 200, await verified.text());
}

describe('Meine Daten and Barriere melden in the web app', () => {
  const stage = useServerAndBrowser();
  const { open, guards } = useContexts(stage);

  it('shows, exports and deletes the data of a new volunteer', async () => {
    const base = stage.server.url;
    await registerVerified(base, stage.server.mailDir);
    const page = await open({ acceptDownloads: true });
    await page.goto(`${base}/anmelden`);
    await logIn(page, VOLUNTEER);

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meine Daten' }).click();
    await waitForHeading(page, 'Meine Daten');
    assert.equal(await page.title(), 'Meine Daten – Helferkarte');
    const profile = page.getByTestId('my-data-profile');
    await profile.waitFor({ timeout: 10_000 });
    assert.match((await profile.textContent()) ?? '', new RegExp(VOLUNTEER.email.replace(/\./g, '\\.')));
    assert.match((await profile.textContent()) ?? '', /Mara Lindner/);
    // The confirmation mail is among the mails shown.
    await page.getByTestId('my-data-mails').waitFor();
    await assertNoAxeViolations(page, '/meine-daten');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Daten herunterladen (JSON)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'helferkarte-daten.json');
    const file = await download.path();
    assert.ok(file, 'the export was downloaded');
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      profile: { email: string; displayName: string };
      mails: { subject: string }[];
    };
    assert.equal(exported.profile.email, VOLUNTEER.email);
    assert.equal(exported.profile.displayName, VOLUNTEER.name);
    assert.ok(exported.mails.length >= 1, 'the export lists the confirmation mail');
    assert.ok(!JSON.stringify(exported).includes(VOLUNTEER.password));

    // Nothing entered: the field says so, nothing is asked yet.
    const deleteButton = page.getByRole('button', { name: 'Konto endgültig löschen' });
    const password = page.getByLabel('Passwort', { exact: true });
    await deleteButton.click();
    await page.getByRole('alert').filter({ hasText: 'Das Konto wurde nicht gelöscht' }).waitFor();
    assert.match(await describedError(page, password), /Passwort/);

    // A wrong password: asked once more, then refused by the server at the field.
    await password.fill('Falsches-Passwort-2026');
    await deleteButton.click();
    const confirm = page.getByRole('button', { name: 'Ja, endgültig löschen' });
    await confirm.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'delete-confirm');
    await assertNoAxeViolations(page, '/meine-daten asking to confirm');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'DELETE'),
      confirm.click(),
    ]);
    assert.equal(refused.status(), 403);
    await page.getByTestId('delete-error').waitFor();
    assert.ok((await describedError(page, password)).length > 0, 'the wrong password is named at the field');
    await assertNoAxeViolations(page, '/meine-daten with a wrong password');

    await password.fill(VOLUNTEER.password);
    await deleteButton.click();
    const [deleted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'DELETE'),
      page.getByRole('button', { name: 'Ja, endgültig löschen' }).click(),
    ]);
    assert.equal(deleted.status(), 204);
    await waitForHeading(page, 'Helfen, wo es gebraucht wird');
    assert.equal(new URL(page.url()).pathname, '/');
    // The start page has live regions of its own; the app's announcer is one of them.
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('[aria-live="polite"]')].some((e) => e.textContent?.includes(text)),
      'Ihr Konto wurde gelöscht.',
      { timeout: 10_000 },
    );
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' }).waitFor();
    assert.equal(await page.getByTestId('signed-in-as').count(), 0);
    const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
    assert.equal(me, 401, 'the session ended on the server too');

    // The account is gone: logging in with it fails.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: VOLUNTEER.email, password: VOLUNTEER.password }),
    });
    assert.equal(login.status, 401);
  });

  it('reports a barrier from the footer of a page to the coordinators', async () => {
    const page = await open();
    await page.goto(`${stage.server.url}/datenschutz`);
    await waitForHeading(page, 'Datenschutzerklärung');
    await assertNoAxeViolations(page, '/datenschutz');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Barriere melden' }).click();
    await waitForHeading(page, 'Barriere melden');
    const url = new URL(page.url());
    assert.equal(url.pathname, '/barriere-melden');
    assert.equal(await page.getByLabel('Auf welcher Seite?').inputValue(), '/datenschutz');
    await assertNoAxeViolations(page, '/barriere-melden');

    // Without a description: the summary and the field say what is missing.
    await page.getByRole('button', { name: 'Barriere melden' }).click();
    await page.getByRole('alert').filter({ hasText: 'Die Meldung wurde nicht gesendet' }).waitFor();
    const description = page.getByLabel('Was ist die Barriere?');
    assert.match(await describedError(page, description), /beschreiben/);
    await assertNoAxeViolations(page, '/barriere-melden with errors');

    const text = `Die Tabelle ${stamp} lässt sich mit der Bildschirmlupe nicht lesen.`;
    await description.fill(text);
    await page.getByLabel('E-Mail für Rückfragen').fill(`leser.${stamp}@example.org`);
    const [sent] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/barrier-reports')),
      page.getByRole('button', { name: 'Barriere melden' }).click(),
    ]);
    assert.equal(sent.status(), 202);
    await page.getByTestId('barrier-sent').waitFor();
    await assertNoAxeViolations(page, '/barriere-melden after sending');

    const mail = await waitForMail(stage.server.mailDir, (m) => m.to.includes(COORDINATOR_EMAIL) && m.body.includes(text));
    assert.match(mail.body, /\/datenschutz/);
  });

  it('made no request to another host', () => {
    for (const guard of guards) guard.assertNone();
  });
});
