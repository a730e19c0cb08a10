import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const DESKTOP = { width: 1280, height: 900 } as const;

/**
 * Personal API tokens in the web application, in real Chromium against the real stack: a
 * person on a phone lists their tokens, makes one (a refused empty name shown beside its field),
 * copies the secret shown once, rotates it (both secrets work during the overlap) and revokes
 * the old one (it stops working at once); an admin manages another person's tokens from the
 * People screen, sees the empty state for someone without tokens and the API's 404; a person
 * opening someone else's tokens gets the 403 page. axe-core passes on every screen visited.
 */
describe('API tokens in the web application', () => {
  let h: Harness;
  let browser: Browser;
  let person: HarnessUser;
  let admin: HarnessUser;
  let phone: BrowserPage;
  let desk: BrowserPage;

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, worker: false });
    person = await h.createUser(['approver'], { name: 'Pia Person' });
    admin = await h.createUser(['admin'], { name: 'Ada Admin' });
    phone = await openPage(browser, PHONE);
    await phone.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    desk = await openPage(browser, DESKTOP);
  }, 120_000);

  afterAll(async () => {
    await phone?.context.close();
    await desk?.context.close();
    await browser?.close();
    await h?.stop();
  });

  const works = async (secret: string) => (await h.api('GET', '/api/v1/users/me', { token: secret })).status;
  /** Problems the page reported, but the session probe's 401 before signing in and the refusals (400, 403, 404) the test asks for on purpose. */
  const unexpected = (tab: BrowserPage) => tab.problems.filter((p) => !/status of 40[0134]/.test(p));

  it('lets a person make, copy, rotate and revoke their own tokens on a phone, by keyboard', async () => {
    const { page } = phone;
    await page.goto(`${h.baseUrl}/tokens`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, person.user.email);
    await page.getByRole('heading', { name: 'Your API tokens' }).waitFor();
    const table = page.getByRole('table', { name: 'API tokens' });
    await table.getByRole('rowheader', { name: /initial token/ }).waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Status', 'Created', 'Expires', 'Last used', 'Actions']);
    await expectAccessible(page, 'your API tokens');

    // Keyboard only: open the form, leave the name empty, and the API's refusal shows beside it.
    await page.getByRole('button', { name: 'New token' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New API token' }).waitFor();
    await page.getByRole('button', { name: 'Make token' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('name must be 1 to 100 characters').waitFor();
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the new-token form with a refused name');
    await page.getByLabel('Name').focus();
    await page.keyboard.type('CI pipeline');
    await page.getByLabel('Expires after').selectOption('30');
    await page.getByRole('button', { name: 'Make token' }).focus();
    await page.keyboard.press('Enter');

    // The secret, shown once; focus lands on it; the copy button puts it on the clipboard.
    await page.getByRole('heading', { name: 'Copy the token “CI pipeline” now' }).waitFor();
    const focused = await page.evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null } | null } }).document.activeElement;
      return { tag: active?.tagName, text: active?.textContent };
    });
    expect(focused).toEqual({ tag: 'H2', text: 'Copy the token “CI pipeline” now' });
    const first = (await page.getByLabel('Token CI pipeline').textContent())!.trim();
    expect(first).toMatch(/^aigov_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(first);
    expect(await works(first)).toBe(200);
    await table.getByRole('rowheader', { name: /CI pipeline/ }).waitFor();
    await expectAccessible(page, 'a new token’s secret');
    const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'api-tokens-phone');
    await page.getByRole('button', { name: 'Done' }).click();

    // Rotate: a new secret; the old one keeps working for the overlap.
    const firstLabel = `CI pipeline (${first.slice(0, 10)}…)`;
    await page.getByRole('button', { name: `Rotate ${firstLabel}` }).click();
    await page.getByText(/The old token keeps working until/).waitFor();
    const second = (await page.getByLabel('Token CI pipeline').textContent())!.trim();
    expect(second).not.toBe(first);
    expect([await works(first), await works(second)]).toEqual([200, 200]);
    await page.getByRole('button', { name: 'Done' }).click();

    // Revoke the old one, after a confirmation under its row: it stops at once, the new one goes on.
    await page.getByRole('button', { name: `Revoke ${firstLabel}` }).click();
    const confirm = page.getByRole('group', { name: `Revoke ${firstLabel}?` });
    await expectAccessible(page, 'the revoke confirmation');
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: new RegExp(`${first.slice(0, 10)}.*Revoked`) }).waitFor();
    expect(await page.getByRole('button', { name: `Revoke ${firstLabel}` }).count()).toBe(0);
    expect([await works(first), await works(second)]).toEqual([401, 200]);
    await expectAccessible(page, 'the list with a revoked token');
    expect(unexpected(phone)).toEqual([]);
  });

  it('lets an admin manage someone’s tokens from People, with the empty and error states; others get the 403 page', async () => {
    const { page } = desk;
    // Someone with no token at all (a row written directly: every account made through the API has one).
    const quietId = randomUUID();
    await h.dataSource.query(`INSERT INTO users (id, email, name, roles) VALUES ($1, $2, 'Quinn Quiet', '{auditor}')`, [quietId, `quinn-${quietId.slice(0, 8)}@example.test`]);

    await page.goto(`${h.baseUrl}/people`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, admin.user.email);
    await page.getByRole('heading', { name: 'People and roles' }).waitFor();
    await page.getByRole('link', { name: 'API tokens of Pia Person' }).click();
    await page.getByRole('heading', { name: 'API tokens of Pia Person' }).waitFor();
    await expectAccessible(page, 'a person’s API tokens, as an admin');
    const initial = `initial token (${person.token.slice(0, 10)}…)`;
    await page.getByRole('button', { name: `Revoke ${initial}` }).click();
    await page.getByRole('group', { name: `Revoke ${initial}?` }).getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('row', { name: /initial token.*Revoked/ }).waitFor();
    expect(await works(person.token)).toBe(401);

    await page.goto(`${h.baseUrl}/people/${quietId}/tokens`);
    await page.getByText('No API tokens yet').waitFor();
    await expectAccessible(page, 'the empty list of tokens');
    await page.goto(`${h.baseUrl}/people/${randomUUID()}/tokens`);
    await page.getByText(/does not exist/).waitFor();
    await expectAccessible(page, 'the tokens of nobody');
    expect(unexpected(desk)).toEqual([]);

    // A person who is not an admin, opening someone else's tokens: the API's 403, as a page.
    const { page: own } = phone;
    await own.goto(`${h.baseUrl}/people/${admin.user.id}/tokens`);
    await own.getByText(/you manage only your own API tokens/).waitFor();
    await expectAccessible(own, 'someone else’s tokens, refused');
  });
});
