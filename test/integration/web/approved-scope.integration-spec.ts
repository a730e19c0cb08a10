import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { answersFor } from '../../support/assessment-answers';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { openTaskOf } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { waitUntil } from '../../support/wait-until';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const DESKTOP = { width: 1280, height: 900 } as const;

/**
 * Approved scope in the web application, in real Chromium against the real stack: a product
 * owner on a phone proposes the scope in the registration wizard, amends it beside the impact
 * assessment, sees it approved (version and hash) on the system's Scope tab, and proposes a
 * wider one with a material change, shown as a diff next to the approved one; the governance
 * office tests requests against it (allow, and deny naming the target); an admin issues,
 * rotates and revokes a gateway token by keyboard, the secret shown once, and the gateway is
 * refused at once after the revocation; a product owner opening the admin screen gets the 403
 * page. axe-core passes on every screen visited.
 */
describe('approved scope in the web application', () => {
  let h: Harness;
  let browser: Browser;
  let owner: HarnessUser;
  let gov: HarnessUser;
  let phone: BrowserPage;
  let desk: BrowserPage;
  let systemId: string;

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, policyFile: join(__dirname, '../../fixtures/policies/scope-policy.yaml') });
    owner = await h.createUser(['product_owner'], { name: 'Sofia Scope' });
    gov = await h.createUser(['governance_office'], { name: 'Gus Governance' });
    phone = await openPage(browser, PHONE);
    desk = await openPage(browser, DESKTOP);
    await desk.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
  }, 120_000);

  afterAll(async () => {
    await phone?.context.close();
    await desk?.context.close();
    await browser?.close();
    await h?.stop();
  });

  /** Problems the page reported, but the session probe's 401 before signing in and the refusals the test asks for. */
  const unexpected = (tab: BrowserPage) => tab.problems.filter((p) => !/status of 40[0134]/.test(p));
  const fitsWidth = async (tab: BrowserPage, width: number) =>
    expect(await tab.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

  it('lets an owner propose the scope at registration and amend it beside the assessment, on a phone', async () => {
    const { page } = phone;
    await page.goto(`${h.baseUrl}/systems/new`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, owner.user.email);
    await page.getByRole('heading', { name: /Step 1 of 5/ }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Refund assistant');
    await page.getByLabel('Purpose', { exact: true }).fill('Drafts answers to refund requests');
    await page.getByLabel('Intended use', { exact: true }).fill('Agents review every draft');
    await page.getByLabel('Business unit', { exact: true }).fill('Customer Service');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Step 2 of 5/ }).waitFor();
    await page.getByLabel('Kind of model', { exact: true }).fill('large language model');
    await page.getByRole('radio', { name: /In house/ }).check();
    await page.getByRole('radio', { name: /A person approves every output/ }).check();
    await page.getByLabel('Where it runs', { exact: true }).fill('agent desktop');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Step 3 of 5/ }).waitFor();
    await page.getByRole('group', { name: 'Does it process personal data?' }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('group', { name: 'Special categories of personal data?' }).getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Next' }).click();

    // The scope step: a malformed entry is refused by the API beside its list, then corrected.
    await page.getByRole('heading', { name: /Step 4 of 5: Scope/ }).waitFor();
    await page.getByLabel('Data it may use').fill('customer_contact\norder_history');
    await page.getByLabel('Tools, systems and agents it may call').fill('crm.search\nrefund everything');
    await page.getByLabel('Decisions it may take').fill('refund_under_50_eur');
    await expectAccessible(page, 'the wizard’s scope step');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Step 5 of 5/ }).waitFor();
    await page.getByText('refund everything').waitFor();
    await page.getByRole('button', { name: 'Register the system' }).click();
    await page.getByRole('heading', { name: /Step 4 of 5: Scope/ }).waitFor();
    const tools = page.getByLabel('Tools, systems and agents it may call');
    await page.getByText(/each entry of tools must be an identifier/).waitFor();
    expect(await tools.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the scope step with the API’s refusal');
    await tools.fill('crm.search\nmail.draft');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Register the system' }).click();

    // Registered; the assessment page shows the proposal (all of it new) and takes an amendment.
    await page.getByRole('heading', { name: 'Impact assessment' }).waitFor();
    systemId = new URL(page.url()).pathname.split('/')[2]!;
    const panel = page.getByRole('region', { name: 'Proposed scope' });
    await panel.getByText('mail.draft').first().waitFor();
    await expectAccessible(page, 'the assessment with the proposed scope');
    await panel.getByLabel('Tools, systems and agents it may call').fill('crm.search\nmail.draft\norders.lookup');
    await panel.getByRole('button', { name: 'Save the proposed scope' }).click();
    await panel.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const proposal = await h.api('GET', `/api/v1/ai-systems/${systemId}/scope`, { token: owner.token });
    expect(proposal.body.proposal).toMatchObject({ tools: ['crm.search', 'mail.draft', 'orders.lookup'], autonomy: 'human_in_the_loop', decisions: ['refund_under_50_eur'] });
    await fitsWidth(phone, PHONE.width);
    await screenshot(page, 'scope-proposal-phone');
    expect(unexpected(phone)).toEqual([]);
  });

  it('shows the approved scope on the system page, and a material change’s proposal as a diff beside it', async () => {
    // Assessed, approved and deployed through the API (their screens are tested elsewhere).
    const path = `/api/v1/ai-systems/${systemId}`;
    expect((await h.api('POST', `${path}/submit`, { token: owner.token })).status).toBe(201);
    expect((await h.api('POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: answersFor('minimal') } })).status).toBe(201);
    const task = await openTaskOf(h, systemId, gov);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: gov.token, body: { decision: 'approve' } })).status).toBe(200);
    await waitUntil(async () => ((await h.api('GET', path, { token: owner.token })).body.stage === 'deployment' ? true : null), 30_000, 'the approval');
    expect((await h.api('POST', `${path}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production' } })).status).toBe(201);

    const { page } = phone;
    await page.goto(`${h.baseUrl}/systems/${systemId}?tab=scope`);
    const approved = page.getByRole('region', { name: 'Approved scope' });
    await approved.getByText(/Version 1, approved/).waitFor();
    await approved.getByText('orders.lookup').waitFor();
    await expectAccessible(page, 'the Scope tab with the approved scope');
    await fitsWidth(phone, PHONE.width);

    // Propose a wider scope with a material change, from the overview's actions.
    await page.goto(`${h.baseUrl}/systems/${systemId}`);
    await page.getByRole('button', { name: 'Propose a material change' }).click();
    const form = page.getByRole('form', { name: 'Propose a material change' });
    await form.getByRole('checkbox', { name: /A new scope/ }).check();
    const newTools = form.getByLabel('Tools, systems and agents it may call');
    await waitUntil(async () => ((await newTools.inputValue()).includes('orders.lookup') ? true : null), 10_000, 'the approved scope in the form');
    await newTools.fill('crm.search\nmail.draft\norders.lookup\npayments.refund');
    await form.getByLabel('What and why').fill('Let it refund small amounts');
    await form.getByLabel('New version label').fill('1.1.0');
    await expectAccessible(page, 'the material change form with a new scope');
    await form.getByRole('button', { name: 'Propose the change' }).click();
    await page.getByText(/Change to version 1\.1\.0 proposed/).waitFor();

    await page.goto(`${h.baseUrl}/systems/${systemId}?tab=scope`);
    const pending = page.getByRole('region', { name: 'Proposed with the pending material change' });
    const diff = pending.getByRole('list', { name: 'Changes against the approved scope' });
    await diff.getByText('payments.refund').waitFor();
    expect(await diff.getByText('added:').count()).toBe(1);
    await expectAccessible(page, 'the Scope tab with a pending change’s diff');
    await fitsWidth(phone, PHONE.width);
    await screenshot(page, 'scope-tab-pending-change-phone');
    expect(unexpected(phone)).toEqual([]);
  });

  it('lets the governance office test requests against the approved scope', async () => {
    const { page } = desk;
    await page.goto(`${h.baseUrl}/systems/${systemId}?tab=scope`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, gov.user.email);
    const test = page.getByRole('form', { name: 'Test a request against the scope' });
    await test.waitFor();
    await test.getByLabel('Targets').fill('payments.refund');
    await test.getByRole('button', { name: 'Ask for a decision' }).click();
    await test.getByRole('status').getByText(/Denied · Outside scope/).waitFor();
    await test.getByText(/'payments\.refund' is outside the approved scope of Refund assistant/).waitFor();
    await expectAccessible(page, 'a denied test');
    await test.getByLabel('Action').selectOption('take_decision');
    await test.getByLabel('Targets').fill('refund_under_50_eur');
    await test.getByRole('button', { name: 'Ask for a decision' }).click();
    await test.getByRole('status').getByText(/Allowed · Inside scope/).waitFor();
    await screenshot(page, 'scope-tab-test');
    expect(unexpected(desk)).toEqual([]);
  });

  it('lets an admin issue, rotate and revoke gateway tokens by keyboard; the gateway is refused at once after revocation', async () => {
    const admin = await h.createUser(['admin'], { name: 'Ada Admin' });
    const tab = await openPage(browser, DESKTOP);
    await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    try {
      const { page } = tab;
      await page.goto(`${h.baseUrl}/gateway-tokens`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await signInFromEmail(h, page, admin.user.email);
      await page.getByRole('heading', { name: 'Gateway tokens', level: 1 }).waitFor();
      await page.getByText('No gateway tokens yet').waitFor();
      await expectAccessible(page, 'no gateway tokens');

      await page.getByRole('button', { name: 'New gateway token' }).focus();
      await page.keyboard.press('Enter');
      await page.getByLabel('Gateway name').focus();
      await page.keyboard.type('refund agent');
      await page.getByRole('button', { name: 'Issue token' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(/gatewayName must be 1-100 letters/).waitFor();
      expect(await page.getByLabel('Gateway name').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'the new gateway token form with a refused name');
      await page.getByLabel('Gateway name').fill('refund-agent-runtime');
      await page.getByLabel('Kind').selectOption('agent_runtime');
      await page.getByRole('button', { name: 'Issue token' }).focus();
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { name: 'Copy the token of “refund-agent-runtime” now' }).waitFor();
      const first = (await page.getByLabel('Gateway token refund-agent-runtime').textContent())!.trim();
      expect(first).toMatch(/^aigw_[A-Za-z0-9_-]{43}$/);
      await page.getByRole('button', { name: 'Copy token' }).click();
      await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
      await expectAccessible(page, 'a new gateway token’s secret');
      const ask = { systemId, action: 'call_tool', targets: ['crm.search'] };
      expect((await h.api('POST', '/api/v1/authorize', { token: first, body: ask })).body.decision).toBe('allow');
      await page.getByRole('button', { name: 'Done' }).click();

      const firstLabel = `refund-agent-runtime (${first.slice(0, 10)}…)`;
      await page.getByRole('button', { name: `Rotate ${firstLabel}` }).click();
      await page.getByText(/The old token keeps working until/).waitFor();
      const second = (await page.getByLabel('Gateway token refund-agent-runtime').textContent())!.trim();
      expect(second).not.toBe(first);
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: `Revoke ${firstLabel}` }).click();
      const confirm = page.getByRole('group', { name: `Revoke ${firstLabel}?` });
      await expectAccessible(page, 'the revoke confirmation');
      await confirm.getByRole('button', { name: 'Revoke token' }).click();
      await page.getByRole('row', { name: new RegExp(`${first.slice(0, 10)}.*Revoked`) }).waitFor();
      expect((await h.api('POST', '/api/v1/authorize', { token: first, body: ask })).status).toBe(401);
      expect((await h.api('POST', '/api/v1/authorize', { token: second, body: ask })).body.decision).toBe('allow');
      await expectAccessible(page, 'gateway tokens with a revoked one');
      await screenshot(page, 'gateway-tokens');
      expect(unexpected(tab)).toEqual([]);

      // Not an admin: the API's 403, as a page.
      await phone.page.goto(`${h.baseUrl}/gateway-tokens`);
      await phone.page.getByText('managing gateway tokens needs the admin role').waitFor();
      await expectAccessible(phone.page, 'gateway tokens, refused');
    } finally {
      await tab.context.close();
    }
  });
});
