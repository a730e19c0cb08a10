import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { openTaskOf } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const DESKTOP = { width: 1280, height: 900 } as const;

/**
 * A product owner's whole way with one system, in real Chromium against the real stack: signs
 * in from the emailed link, registers the system through the wizard (the API refuses a third
 * party without its name: the error shows beside the field, is corrected, and nothing typed is
 * lost), answers the impact assessment and sees the tier and each reason with its legal
 * reference before submitting; the approvers approve (through the API, as their own screens are
 * tested elsewhere); the owner sees the stage move to deployment, deploys from the system page
 * and the system shows in operation. Another product owner opening that system gets the 403
 * page. axe-core passes on every screen visited.
 */
describe('product owner', () => {
  let h: Harness;
  let browser: Browser;
  let tab: BrowserPage;
  let owner: HarnessUser;
  let otherOwner: HarnessUser;
  let governance: HarnessUser;
  let riskOfficer: HarnessUser;
  let systemId: string;

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir });
    owner = await h.createUser(['product_owner'], { name: 'Olivia Owner' });
    otherOwner = await h.createUser(['product_owner'], { name: 'Oscar Other' });
    // The limited tier (default policy): the governance office, then a risk officer for the business.
    governance = await h.createUser(['governance_office'], { name: 'Greta Governance' });
    riskOfficer = await h.createUser(['risk_officer'], { name: 'Rudi Risk' });
    tab = await openPage(browser, DESKTOP);
  }, 120_000);

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await h?.stop();
  });

  /** Problems the page reported, but the session probe's expected 401 before signing in and the refused read (403) of the last test. */
  const unexpectedProblems = (page: BrowserPage) => page.problems.filter((p) => !/status of 40[13]/.test(p));

  async function expectFitsWidth(page: BrowserPage, width: number): Promise<void> {
    const scrollWidth = await page.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  }

  it('registers a system through the wizard, with a field error shown beside its field and corrected', async () => {
    const { page } = tab;
    await page.goto(`${h.baseUrl}/systems`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, owner.user.email);

    // No systems yet: the empty state invites a registration.
    await page.getByRole('heading', { name: 'My AI systems' }).waitFor();
    await page.getByText('You have no AI systems yet').waitFor();
    await expectAccessible(page, 'the empty list of systems');
    await page.getByRole('main').getByRole('link', { name: 'Register an AI system' }).last().click();

    // Step 1: purpose and ownership. Next is held back while a required answer is missing.
    await page.getByRole('heading', { name: /Step 1 of 5/ }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Order chatbot');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Say what the system is for.').waitFor();
    await expectAccessible(page, 'the wizard, step 1, with a missing answer');
    await page.getByLabel('Purpose', { exact: true }).fill('Answer customer questions about their orders');
    await page.getByLabel('Intended use', { exact: true }).fill('Self-service on the web shop; complaints go to people');
    await page.getByLabel('Business unit', { exact: true }).fill('Customer Service');
    expect(await page.getByText('You (Olivia Owner).').count()).toBe(1);
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: a third party, its name left out (the API's to refuse).
    await page.getByRole('heading', { name: /Step 2 of 5/ }).waitFor();
    await page.getByLabel('Kind of model', { exact: true }).fill('large language model');
    await page.getByRole('radio', { name: /A third party/ }).check();
    await page.getByRole('radio', { name: /A person monitors and can step in/ }).check();
    await page.getByLabel('Where it runs', { exact: true }).fill('public website');
    await expectAccessible(page, 'the wizard, step 2');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: data and people.
    await page.getByRole('heading', { name: /Step 3 of 5/ }).waitFor();
    await page.getByLabel('Data sources', { exact: true }).fill('order database\nFAQ pages');
    await page.getByLabel('Data categories', { exact: true }).fill('contact data\norder history');
    await page.getByRole('group', { name: 'Does it process personal data?' }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('group', { name: 'Special categories of personal data?' }).getByRole('radio', { name: 'No' }).check();
    await page.getByLabel('Affected people', { exact: true }).fill('customers');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 4: the proposed scope, optional (test/integration/web/approved-scope covers it).
    await page.getByRole('heading', { name: /Step 4 of 5: Scope/ }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 5: the summary, then the API's answer.
    await page.getByRole('heading', { name: /Step 5 of 5: Check and register/ }).waitFor();
    expect(await page.getByText('order database, FAQ pages').count()).toBe(1);
    expect(await page.getByText('A third party (vendor not named)').count()).toBe(1);
    await expectAccessible(page, 'the wizard summary');
    await screenshot(page, 'register-wizard');
    await page.getByRole('button', { name: 'Register the system' }).click();

    // The API refuses: back at step 2, its reason beside the Vendor field, which has the focus.
    await page.getByRole('heading', { name: /Step 2 of 5/ }).waitFor();
    const vendor = page.getByLabel('Vendor', { exact: true });
    await vendor.waitFor();
    expect(await vendor.getAttribute('aria-invalid')).toBe('true');
    const described = await vendor.evaluate((input) => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } | null } }).document;
      return (input as unknown as { getAttribute(name: string): string | null }).getAttribute('aria-describedby')!.split(' ').map((id) => doc.getElementById(id)?.textContent).join(' ');
    });
    expect(described).toContain('vendorName is required for a third-party system');
    expect(await vendor.evaluate((input) => (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement === input)).toBe(true);
    // What was typed is all still there.
    expect(await page.getByLabel('Kind of model', { exact: true }).inputValue()).toBe('large language model');
    await expectAccessible(page, 'the wizard with the API’s field error');
    await page.getByRole('heading', { name: /Step 2 of 5/ }).scrollIntoViewIfNeeded();
    await page.evaluate(() => (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, -80));
    await screenshot(page, 'register-wizard-field-error', { fullPage: false });
    expect(Number((await h.dataSource.query(`SELECT count(*) FROM ai_systems`))[0].count)).toBe(0);
    // The browser logs the refused request; it was the one expected.
    const refused = tab.problems.filter((p) => /status of 400/.test(p));
    expect(refused).toHaveLength(1);
    tab.problems.splice(tab.problems.indexOf(refused[0]!), 1);

    await vendor.fill('Acme Conversational AI');
    expect(await vendor.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Step 3 of 5/ }).waitFor();
    expect(await page.getByLabel('Data sources', { exact: true }).inputValue()).toBe('order database\nFAQ pages');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Step 4 of 5: Scope/ }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('A third party: Acme Conversational AI').waitFor();
    await page.getByRole('button', { name: 'Register the system' }).click();

    await page.getByRole('heading', { name: 'Impact assessment' }).waitFor();
    await page.getByText('Order chatbot is registered. Next: its impact assessment.').waitFor();
    systemId = new URL(page.url()).pathname.split('/')[2]!;
    const [row] = await h.dataSource.query(`SELECT name, vendor_type, vendor_name, data_sources, accountable_owner_id, stage FROM ai_systems WHERE id = $1`, [systemId]);
    expect(row).toEqual({
      name: 'Order chatbot',
      vendor_type: 'third_party',
      vendor_name: 'Acme Conversational AI',
      data_sources: ['order database', 'FAQ pages'],
      accountable_owner_id: owner.user.id,
      stage: 'design',
    });
    expect(unexpectedProblems(tab)).toEqual([]);
  }, 120_000);

  it('answers the impact assessment and sees the tier and each reason before submitting', async () => {
    const { page } = tab;
    const group = (question: RegExp) => page.getByRole('group', { name: question });
    const no = async (question: RegExp) => group(question).getByRole('radio', { name: 'No', exact: true }).check();

    // Before any answer the tier so far is minimal, with every required question still open.
    await page.getByRole('heading', { name: 'Risk tier so far' }).waitFor();
    await page.getByText(/19 required questions still to answer/).waitFor();
    await expectAccessible(page, 'the empty questionnaire');

    for (const question of [/subliminal, manipulative/, /exploit vulnerabilities/, /score people/, /predict whether a person/, /facial recognition databases/, /recognise emotions of people at work/, /categorise people by biometric data to infer/, /real-time remote biometric/]) {
      await no(question);
    }
    await group(/intended to be used in one of these areas/).getByRole('radio', { name: 'None of these' }).check();
    await no(/safety component of a product/);
    await group(/although in an Annex III area/).getByRole('radio', { name: 'No derogation claimed' }).check();
    await no(/profile natural persons/);
    // A chatbot talks to people: the Art. 50 transparency duty.
    await group(/interact directly with people/).getByRole('radio', { name: 'Yes' }).check();
    await no(/generate synthetic audio/);
    await no(/deep fakes/);
    await no(/recognise emotions or categorise people by biometric data, outside/);
    await no(/legal or similarly significant effects/);
    await group(/How many people are affected/).getByRole('radio', { name: 'More than 10,000' }).check();
    await group(/What human oversight/).getByRole('radio', { name: /monitors and can intervene/ }).check();
    await page.getByLabel(/Which measures reduce the risks/).fill('Answers cite the order record; agents review flagged chats.');

    // Complete: the tier these answers give, and why, with the legal reference, before submitting.
    await page.getByRole('heading', { name: 'The risk tier these answers give' }).waitFor();
    const preview = page.getByRole('complementary');
    await preview.getByText('Risk tier: Limited', { exact: true }).waitFor();
    await preview.getByText(/interacts directly with people, who must be told they are dealing with an AI system/).waitFor();
    await preview.getByText(/EU AI Act Art\. 50\(1\) · leads to Limited/).waitFor();
    // Shown, not recorded: nothing is stored until the owner submits.
    expect(Number((await h.dataSource.query(`SELECT count(*) FROM impact_assessments WHERE ai_system_id = $1`, [systemId]))[0].count)).toBe(0);
    await expectAccessible(page, 'the answered questionnaire with its tier');
    // The transparency answers beside the tier they lead to (the preview stays in view as one scrolls).
    await page.getByRole('heading', { name: 'Transparency (Art. 50)' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, 300));
    await screenshot(page, 'assessment-tier-preview', { fullPage: false });

    await page.getByRole('button', { name: 'Submit the assessment' }).click();
    await page.getByText('Assessment submitted: risk tier Limited. Approval has started.').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/systems/${systemId}`);
    const [assessment] = await h.dataSource.query(`SELECT risk_tier, reasons FROM impact_assessments WHERE ai_system_id = $1`, [systemId]);
    expect(assessment.risk_tier).toBe('limited');
    expect(assessment.reasons.map((r: { code: string }) => r.code)).toEqual(['art50.interacts_with_people']);

    // The system page: in approval, waiting for the governance office.
    await page.getByText('Greta Governance').waitFor();
    expect(await page.getByText('Stage: Approval', { exact: true }).count()).toBe(1);
    expect(await page.getByText('Nothing until the approvers decide').count()).toBe(1);
    await expectAccessible(page, 'the system page in approval');
    expect(unexpectedProblems(tab)).toEqual([]);
  }, 120_000);

  it('sees the stage move to deployment after approval, deploys, and the system shows in operation', async () => {
    const { page } = tab;
    for (const approver of [governance, riskOfficer]) {
      const task = await openTaskOf(h, systemId, approver);
      const decided = await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: approver.token, body: { decision: 'approve', comment: `Fine by ${approver.user.name}` } });
      expect(decided.status).toBe(200);
    }
    await waitForStage(systemId, 'deployment');

    await page.reload();
    await page.getByRole('heading', { name: 'Order chatbot', level: 1 }).waitFor();
    expect(await page.getByText('Stage: Deployment', { exact: true }).count()).toBe(1);
    // Only what deployment allows is offered.
    expect(await page.getByRole('button', { name: 'Propose a material change' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByLabel('Version', { exact: true }).fill('1.0.0');
    await expectAccessible(page, 'the deploy form');
    await page.getByRole('button', { name: 'Deploy version 1.0.0' }).click();

    await page.getByText('Version 1.0.0 is deployed: the system is in operation.').waitFor();
    await page.getByText('Version 1.0.0 running').waitFor();
    expect(await page.getByText('Stage: Operation', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Propose a material change' }).waitFor();
    expect(await page.getByRole('button', { name: 'Deploy', exact: true }).count()).toBe(0);
    const [system] = await h.dataSource.query(`SELECT stage, current_version FROM ai_systems WHERE id = $1`, [systemId]);
    expect(system).toEqual({ stage: 'operation', current_version: '1.0.0' });
    await expectAccessible(page, 'the system page in operation');
    await screenshot(page, 'system-page');

    // Every tab loads its own part: the approvals with who decided, the versions, the controls, the verified trail.
    await page.getByRole('tab', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: /Round 1: Approved/ }).waitFor();
    await page.getByText('Fine by Rudi Risk').waitFor();
    await expectAccessible(page, 'the approval history');
    // arrow keys move between tabs
    await page.getByRole('tab', { name: 'Approvals' }).press('ArrowRight');
    await page.getByRole('heading', { name: 'Versions and artifacts' }).waitFor();
    await page.getByText('Running now').waitFor();
    await expectAccessible(page, 'the versions');
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.getByText('No material change proposed').waitFor();
    await page.getByRole('tab', { name: 'Monitoring' }).click();
    await page.getByText('No monitoring events').waitFor();
    await expectAccessible(page, 'monitoring and PDCA items');
    await page.getByRole('tab', { name: 'Controls' }).click();
    await page.getByRole('heading', { name: 'Control evidence' }).waitFor();
    await page.getByRole('list', { name: 'Controls by status' }).waitFor();
    await expectAccessible(page, 'the control evidence');
    await page.getByRole('tab', { name: 'Audit trail' }).click();
    await page.getByText(/Verified:/).waitFor();
    await expectAccessible(page, 'the audit trail');
    await screenshot(page, 'system-audit-trail', { fullPage: false });

    // The system page on a phone: the tabs scroll, nothing is wider than the screen.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: 'What you can do now' }).waitFor();
    await expectFitsWidth(tab, PHONE.width);
    await expectAccessible(page, 'the system page on a phone');
    await screenshot(page, 'system-page-phone', { fullPage: false });
    expect(unexpectedProblems(tab)).toEqual([]);
  }, 120_000);

  it('shows another product owner the 403 page for that system', async () => {
    const other = await openPage(browser, PHONE);
    try {
      const { page } = other;
      await page.goto(`${h.baseUrl}/systems/${systemId}`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await signInFromEmail(h, page, otherOwner.user.email);
      await page.getByRole('heading', { name: 'You cannot open this page' }).waitFor();
      await page.getByText('you may not see this AI system').waitFor();
      expect(await page.getByText('Order chatbot').count()).toBe(0);
      await expectAccessible(page, 'the 403 page');
      // Their own list does not show it either.
      await page.goto(`${h.baseUrl}/systems`);
      await page.getByText('You have no AI systems yet').waitFor();
      expect(unexpectedProblems(other)).toEqual([]);
    } finally {
      await other.context.close();
    }
  }, 120_000);

  async function waitForStage(id: string, stage: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await h.dataSource.query(`SELECT stage FROM ai_systems WHERE id = $1`, [id]);
      if (row.stage === stage) return;
      if (Date.now() > deadline) throw new Error(`system ${id} stayed in ${row.stage}, not ${stage}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
