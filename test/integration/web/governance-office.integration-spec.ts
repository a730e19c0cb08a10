import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { Browser, Page } from 'playwright-core';
import { internalAuditScheduleId, managementReviewScheduleId } from '@aigov/temporal/workflow-ids';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot, type BrowserPage } from '../../support/browser';
import { registrationBody } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { pdfPages } from '../../support/pdf-text';
import { waitUntil } from '../../support/wait-until';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';
import { testDataConverter } from '../../support/temporal-data-converter';

const DESKTOP = { width: 1280, height: 900 } as const;

interface Control {
  framework: 'iso42001' | 'iso27001';
  ref: string;
}

/**
 * The governance office's management-system screens and the auditor's read-only view of them,
 * in real Chromium against the real stack (the shipped policy: the SoA's publication is approved
 * by one other person of the governance office). Version 1 of the SoA is decided and published
 * through the API first; then in the browser an officer edits an entry of version 2's draft (the
 * API's field error shown beside the field, then fixed), submits it, is refused taking the
 * approval over as its editor (the API's reason shown), a colleague approves, and the versions are
 * compared and the PDF downloaded and read back; a risk is registered (a field error, fixed) and
 * shows on the heat map; control health, a management review and the audit verification are
 * read. An auditor then sees all of it with no action control, and a write forced from the page is
 * refused. axe-core finds no serious or critical violation on any screen.
 */
describe('governance office and auditor screens', () => {
  let h: Harness;
  let browser: Browser;
  let officer: HarnessUser;
  let colleague: HarnessUser;
  let auditor: HarnessUser;
  let admin: HarnessUser;
  let connection: Connection | undefined;
  let controls: Control[];
  let reviewId: string;
  const tabs: BrowserPage[] = [];

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir });
    officer = await h.createUser(['governance_office'], { name: 'Grace Governance' });
    colleague = await h.createUser(['governance_office'], { name: 'Gus Governance' });
    auditor = await h.createUser(['auditor'], { name: 'Audrey Auditor' });
    admin = await h.createUser(['admin'], { name: 'Ada Admin' });
    const owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    const system = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Claims triage'), accountableOwnerId: owner.user.id } });
    expect(system.status).toBe(201);
    // An open nonconformity against the system: controls it bears on need attention.
    const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const nonconformity = { kind: 'nonconformity', title: 'Triage overrides not logged', description: 'Manual overrides leave no trace', ownerId: owner.user.id, aiSystemId: system.body.id, dueAt };
    expect((await h.api('POST', '/api/v1/pdca-items', { token: colleague.token, body: nonconformity })).status).toBe(201);
    // Risks already in the register, away from the cells the test counts.
    for (const [title, source, inherent, residual] of [
      ['Supplier outage halts scoring', 'information_security', ['almost_certain', 'major'], ['unlikely', 'major']],
      ['Training data holds special category data', 'ai', ['likely', 'severe'], ['possible', 'severe']],
      ['Prompt injection through claim notes', 'both', ['possible', 'major'], ['rare', 'minor']],
    ] as const) {
      const body = { title, source, description: title, threat: title, ownerId: colleague.user.id, inherentLikelihood: inherent[0], inherentImpact: inherent[1], residualLikelihood: residual[0], residualImpact: residual[1], treatment: 'mitigate' };
      expect((await h.api('POST', '/api/v1/risks', { token: colleague.token, body })).status).toBe(201);
    }

    // Version 1: the officer decides every control and submits; the colleague approves.
    controls = [];
    for (const framework of ['iso42001', 'iso27001'] as const) {
      const page = await h.api('GET', `/api/v1/controls?framework=${framework}&pageSize=200`, { token: officer.token });
      controls.push(...page.body.items.map((c: { ref: string }) => ({ framework, ref: c.ref })));
    }
    for (const [i, c] of controls.entries()) {
      const body =
        i % 10 === 9
          ? { applicable: false, justification: `${c.ref} is outside our scope`, implementationStatus: 'not_started' }
          : { applicable: true, justification: `${c.ref} treats risks of our AI systems`, implementationStatus: 'partial', ownerId: officer.user.id };
      expect((await h.api('PUT', `/api/v1/soa/entries/${c.framework}/${c.ref}`, { token: officer.token, body })).status).toBe(200);
    }
    expect((await h.api('POST', '/api/v1/soa/publication', { token: officer.token })).status).toBe(202);
    await approveSoaAs(colleague, 1);

    // A management review, convened now through its schedule.
    expect((await h.api('POST', '/api/v1/management-reviews', { token: colleague.token })).status).toBe(201);
    reviewId = await waitUntil(async () => (await h.api('GET', '/api/v1/management-reviews', { token: colleague.token })).body[0]?.id as string | undefined, 30_000, 'the management review');
  }, 180_000);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => undefined);
    await browser?.close();
    // The schedules outlive the worker by design; this test's own must not keep firing.
    const queue = h?.config.temporal.taskQueue;
    if (queue) {
      connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
      const client = new Client({ connection, dataConverter: testDataConverter() });
      for (const id of [managementReviewScheduleId(queue), internalAuditScheduleId(queue)]) await client.schedule.getHandle(id).delete().catch(() => undefined);
      await connection.close();
    }
    await h?.stop();
  });

  /** The publication task of SoA `version`'s current round held by `who`, approved through the API. */
  async function approveSoaAs(who: HarnessUser, version: number): Promise<void> {
    const task = await waitUntil(
      async () =>
        (
          await h.dataSource.query(
            `SELECT t.id FROM tasks t JOIN soa_versions v ON v.id = t.subject_id
              WHERE t.subject_kind = 'soa' AND v.version = $1 AND t.round = v.approval_round AND t.assignee_id = $2 AND t.status = 'open'`,
            [version, who.user.id],
          )
        )[0] as { id: string } | undefined,
      30_000,
      `the publication task of version ${version}`,
    );
    const decided = await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: who.token, body: { decision: 'approve' } });
    expect(decided.status).toBe(200);
    await waitUntil(async () => ((await h.api('GET', `/api/v1/soa/versions/${version}`, { token: who.token })).body.status === 'published' ? true : undefined), 30_000, `version ${version} published`);
  }

  async function newTab(): Promise<BrowserPage> {
    const tab = await openPage(browser, DESKTOP);
    tabs.push(tab);
    return tab;
  }

  /** Problems the page reported, but the session probe's expected 401 before signing in and the refusals the test provokes. */
  const unexpected = (tab: BrowserPage, ...expected: number[]) =>
    tab.problems.filter((p) => !/status of 401/.test(p) && !expected.some((status) => p.includes(`status of ${status}`)));

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

  /**
   * Opens `path` inside the running app, as the back and forward buttons do (the router follows
   * popstate), rather than loading the app again: the same screen, without booting the app and
   * injecting axe again for each one.
   */
  const navigateInApp = (page: Page, path: string) =>
    page.evaluate((to) => {
      const window = globalThis as unknown as { history: { pushState(state: unknown, title: string, url: string): void }; dispatchEvent(event: unknown): void; PopStateEvent: new (type: string) => unknown };
      window.history.pushState(null, '', to);
      window.dispatchEvent(new window.PopStateEvent('popstate'));
    }, path);

  it('edits, submits, is refused approving, compares, exports the SoA; registers a risk onto the heat map; reads control health, a review and the audit verification', async () => {
    const tab = await newTab();
    const { page } = tab;

    await page.goto(`${h.baseUrl}/soa`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, officer.user.email);
    await heading(page, 'Statement of Applicability');
    await page.getByRole('heading', { name: /Version 1 is current/ }).waitFor();
    await page.getByRole('cell', { name: 'Yes' }).first().waitFor();
    expect(await page.getByRole('link', { name: /^Edit ISO\/IEC/ }).count()).toBe(131);
    await expectAccessible(page, 'the Statement of Applicability');

    // Filter to one control and open its editor.
    await page.getByLabel('Framework').selectOption('iso42001');
    await page.getByLabel('Search').fill('A.6.2.6');
    await page.getByText('1 of 131 controls').waitFor();
    expect(await page.getByRole('link', { name: /^Edit ISO\/IEC/ }).count()).toBe(1);
    await page.getByRole('link', { name: 'Edit ISO/IEC 42001 A.6.2.6' }).click();
    await heading(page, /A\.6\.2\.6/);
    await expectAccessible(page, 'an SoA entry');

    // The API's refusal of a blank justification shows beside the field; the form keeps its input.
    const justification = page.getByLabel('Justification');
    await justification.fill('   ');
    await page.getByLabel('Implementation status').selectOption('implemented');
    await page.getByRole('button', { name: 'Save in the draft' }).click();
    await page.getByText('a justification is required for including a control').waitFor();
    expect(await justification.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Implementation status').inputValue()).toBe('implemented');
    await expectAccessible(page, 'an SoA entry with a field error');
    await justification.fill('Monitoring of deployed systems is continuous and reviewed quarterly');
    await page.getByLabel('Where the evidence is').fill('Monitoring dashboards and review minutes');
    await page.getByRole('button', { name: 'Save in the draft' }).click();
    await page.getByText('Saved in the draft of version 2').waitFor();
    expect(await justification.getAttribute('aria-invalid')).toBeNull();

    // Submitted; the round asks the colleague; taking it over is refused to the editor, with the API's reason.
    await page.getByRole('link', { name: 'Back to the Statement of Applicability' }).click();
    await page.getByRole('heading', { name: /Draft of version 2/ }).waitFor();
    await page.getByRole('button', { name: 'Submit version 2 for approval' }).click();
    await page.getByText('Version 2 is submitted').waitFor();
    await page.getByRole('heading', { name: 'Waiting for' }).waitFor();
    await page.getByText('Gus Governance').first().waitFor();
    expect(await page.getByRole('link', { name: /^Edit ISO\/IEC/ }).count()).toBe(0);
    // Taking it over is refused (403): she edited and submitted the draft. The API's reason shows.
    await page.getByRole('button', { name: 'Take over this approval' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'That did not work' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/may not approve/);
    await expectAccessible(page, 'the SoA in its publication round, with the refusal');
    await page.getByLabel('Framework').selectOption('iso42001');
    await page.getByLabel('Search').fill('A.6.2');
    await page.getByText('7 of 131 controls').waitFor();
    await screenshot(page, 'soa');
    const [task] = await h.dataSource.query(`SELECT status FROM tasks WHERE subject_kind = 'soa' AND assignee_id = $1 AND status = 'open'`, [colleague.user.id]);
    expect(task).toEqual({ status: 'open' });

    // The colleague approves (through the API); version 2 is published and compared with version 1.
    await approveSoaAs(colleague, 2);
    await page.getByRole('link', { name: 'Versions and changes' }).click();
    await heading(page, 'Versions and changes');
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByRole('row', { name: /^2 Published/ }).waitFor();
    await versions.getByRole('row', { name: /^1 Superseded/ }).waitFor();
    await page.getByLabel('From version').selectOption('1');
    await page.getByLabel('To version').selectOption('2');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { name: 'From version 1 to version 2' }).waitFor();
    const changed = page.getByRole('region', { name: 'Changed entries' });
    await changed.getByText('ISO/IEC 42001 A.6.2.6').waitFor();
    expect(await changed.getByRole('row').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Justification.*A\.6\.2\.6 treats risks of our AI systems.*Monitoring of deployed systems is continuous/),
        expect.stringMatching(/Implementation\s*Partial\s*Implemented/),
        expect.stringMatching(/Evidence\s*—\s*Monitoring dashboards and review minutes/),
      ]),
    );
    await expectAccessible(page, 'the SoA versions and their diff');

    // The PDF of version 2 downloads with the session cookie; its text is read back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Version 2: download as PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    const pages = await pdfPages(pdf);
    const v2 = (await h.api('GET', '/api/v1/soa/versions/2', { token: officer.token })).body;
    expect(pages[0]).toContain('Statement of Applicability');
    expect(pages[0]).toContain(v2.sha256);
    expect(pages.join(' ').replace(/\s+/g, ' ')).toContain('Monitoring of deployed systems is continuous and reviewed quarterly');

    // A risk: the API names the missing half of a rating beside its field; fixed, it is on the heat map.
    await page.getByRole('link', { name: 'Risks', exact: true }).click();
    await heading(page, 'Risk register');
    await page.getByRole('link', { name: 'Supplier outage halts scoring' }).waitFor();
    await page.getByRole('link', { name: 'Register a risk' }).click();
    await heading(page, 'Register a risk');
    await page.getByLabel('Title').fill('Claims model drifts unnoticed');
    await page.getByLabel('Description').fill('Seasonal claim patterns shift the model’s inputs');
    await page.getByLabel('Threat or harm').fill('Wrong triage delays urgent claims');
    await page.getByLabel('Claims triage').check();
    await page.getByLabel('Inherent likelihood').selectOption('likely');
    await page.getByLabel('Residual likelihood').selectOption('possible');
    await page.getByLabel('Residual impact').selectOption('moderate');
    await page.getByLabel('Treatment').selectOption('mitigate');
    await page.getByLabel('Controls that treat it').fill('iso42001 A.6.2.6');
    await page.getByRole('button', { name: 'Register the risk' }).click();
    await page.getByText('a rating needs both likelihood and impact').waitFor();
    expect(await page.getByLabel('Inherent impact').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Title').inputValue()).toBe('Claims model drifts unnoticed');
    await expectAccessible(page, 'the risk form with a field error');
    await page.getByLabel('Inherent impact').selectOption('major');
    await page.getByRole('button', { name: 'Register the risk' }).click();
    await heading(page, 'Claims model drifts unnoticed');
    await page.getByText('Likely × Major = 16').waitFor();
    await expectAccessible(page, 'a risk');
    const [risk] = await h.dataSource.query(`SELECT inherent_rating, residual_rating, rated_by_id FROM risks WHERE title = 'Claims model drifts unnoticed'`);
    expect(risk).toEqual({ inherent_rating: 'high', residual_rating: 'medium', rated_by_id: officer.user.id });

    await page.getByRole('link', { name: 'Risk register' }).click();
    await page.getByRole('link', { name: 'Claims model drifts unnoticed' }).waitFor();
    const cell = (likelihood: string, column: number) =>
      page.locator('.heatmap__table tbody tr').filter({ has: page.getByRole('rowheader', { name: likelihood, exact: true }) }).locator('td').nth(column);
    expect(await cell('Possible', 2).textContent()).toMatch(/^1 risk, rating Medium/);
    expect(await cell('Likely', 3).textContent()).toMatch(/^0 risks/);
    await page.getByLabel('Inherent (before treatment)').check();
    expect(await cell('Likely', 3).textContent()).toMatch(/^1 risk, rating High/);
    await page.getByLabel('Residual (after treatment)').check();
    await expectAccessible(page, 'the risk register');
    await screenshot(page, 'risk-register');

    // Control health, organisation-wide, with a status filter.
    await page.getByRole('link', { name: 'Controls', exact: true }).click();
    await heading(page, 'Control health');
    const health = page.getByRole('region', { name: 'Control health' });
    await health.getByRole('row').nth(1).waitFor();
    const statuses = new Set((await health.locator('tbody td:nth-child(2)').allTextContents()).map((s) => s.trim()));
    expect([...statuses].every((s) => ['Effective', 'Attention', 'No evidence', 'Not applicable'].includes(s))).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
    expect(statuses.has('Attention')).toBe(true);
    expect(await health.getByText('Triage overrides not logged', { exact: false }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'control health');
    // The clauses: the open nonconformity puts clause 10 under attention, with its reason.
    await page.getByLabel('Framework').selectOption('clauses');
    await page.getByText(/^\d+ of \d+ controls$/).waitFor();
    await screenshot(page, 'control-health');
    await page.getByLabel('Framework').selectOption('');
    await page.getByLabel('Status').selectOption('not_applicable');
    await page.getByText(/^\d+ of \d+ controls$/).waitFor();
    expect(new Set((await health.locator('tbody td:nth-child(2)').allTextContents()).map((s) => s.trim()))).toEqual(new Set(['Not applicable']));
    await page.getByLabel('Status').selectOption('');
    await health.getByRole('link', { name: /^A\.6\.2\.6/ }).click();
    await heading(page, /A\.6\.2\.6/);
    await page.getByRole('heading', { name: 'Shares evidence with' }).waitFor();
    await page.getByRole('heading', { name: 'Evidence the engine recorded' }).waitFor();
    await expectAccessible(page, 'a control');

    // The management review's agenda, and the audit verification.
    await page.getByRole('link', { name: 'Management reviews' }).click();
    await heading(page, 'Management reviews');
    await page.locator(`a[href="/management-reviews/${reviewId}"]`).click();
    await page.getByRole('heading', { name: 'Agenda' }).waitFor();
    await page.getByRole('heading', { name: 'Record the minutes' }).waitFor();
    await expectAccessible(page, 'a management review');
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByText('Verified: the audit trail is intact').waitFor();
    await expectAccessible(page, 'the audit verification');

    expect(unexpected(tab, 400, 403)).toEqual([]);
  }, 240_000);

  it('shows an auditor everything without an action control, and refuses a write forced from the page', async () => {
    const tab = await newTab();
    const { page } = tab;
    await page.goto(`${h.baseUrl}/soa`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, auditor.user.email);
    const [risk] = await h.dataSource.query(`SELECT id FROM risks WHERE title = 'Claims model drifts unnoticed'`);

    /** Buttons an auditor may see: reading, paging, comparing. Anything else would be an action. */
    const READING = ['Sign out', 'Previous', 'Next', 'Compare', 'Verify again'];
    const noActionControls = async (screen: string) => {
      const buttons = (await page.locator('button').allInnerTexts()).map((b) => b.trim());
      expect({ screen, buttons: buttons.filter((b) => !READING.includes(b)) }).toEqual({ screen, buttons: [] });
      expect({ screen, textareas: await page.locator('main textarea').count() }).toEqual({ screen, textareas: 0 });
      const links = (await page.locator('main a.button').allInnerTexts()).map((l) => l.trim());
      expect({ screen, links: links.filter((l) => !['CSV', 'Excel (XLSX)', 'PDF', 'OSCAL (JSON)'].includes(l)) }).toEqual({ screen, links: [] });
    };
    const visit = async (path: string, name: string | RegExp, ready: () => Promise<unknown>, screen: string) => {
      await navigateInApp(page, path);
      await heading(page, name);
      await ready();
      await expectAccessible(page, `${screen} (auditor)`);
      await noActionControls(screen);
    };

    await heading(page, 'Statement of Applicability');
    await visit('/soa', 'Statement of Applicability', () => page.getByRole('heading', { name: /Version 2 is current/ }).waitFor(), 'the SoA');
    expect(await page.getByRole('cell', { name: 'Yes' }).count()).toBeGreaterThan(100);
    await visit('/soa/versions?from=1&to=2', 'Versions and changes', () => page.getByText('ISO/IEC 42001 A.6.2.6').waitFor(), 'the SoA versions');
    await visit('/soa/iso42001/A.6.2.6', /A\.6\.2\.6/, () => page.getByRole('heading', { name: 'In the draft' }).waitFor(), 'an SoA entry');
    await visit('/risks', 'Risk register', () => page.getByRole('link', { name: 'Claims model drifts unnoticed' }).waitFor(), 'the risk register');
    await visit(`/risks/${risk.id}`, 'Claims model drifts unnoticed', () => page.getByText('Likely × Major = 16').waitFor(), 'a risk');
    await visit('/controls', 'Control health', () => page.getByRole('region', { name: 'Control health' }).getByRole('row').nth(1).waitFor(), 'control health');
    await visit('/controls/iso42001/A.6.2.6', /A\.6\.2\.6/, () => page.getByRole('heading', { name: 'Evidence the engine recorded' }).waitFor(), 'a control');
    await visit('/evidence', 'Manual evidence', () => page.getByText('No manual evidence').waitFor(), 'manual evidence');
    await visit('/management-reviews', 'Management reviews', () => page.locator(`a[href="/management-reviews/${reviewId}"]`).waitFor(), 'the management reviews');
    await visit(`/management-reviews/${reviewId}`, /Management review of/, () => page.getByText('Not recorded yet.').waitFor(), 'a management review');
    await visit('/audit', 'Audit trail verification', () => page.getByText('Verified: the audit trail is intact').waitFor(), 'the audit verification');

    // On a phone the wide screens scroll inside their regions; the page itself does not.
    await page.setViewportSize(PHONE);
    for (const [path, name] of [['/soa', 'Statement of Applicability'], ['/risks', 'Risk register'], ['/controls', 'Control health']] as const) {
      await navigateInApp(page, path);
      await heading(page, name);
      await page.getByRole('region').first().waitFor();
      await expectAccessible(page, `${name} on a phone (auditor)`);
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
    expect(unexpected(tab)).toEqual([]);

    // The API refuses anyway: writes forced from the page with the session's own CSRF token are 403 and change nothing.
    const before = await h.rowCounts();
    const forced = await page.evaluate(async (riskId) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const send = async (method: string, path: string, body?: unknown) => {
        const headers: Record<string, string> = { 'X-CSRF-Token': session.csrfToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
        const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        return { path, status: res.status, message: ((await res.json()) as { message: string }).message };
      };
      return [
        await send('POST', '/api/v1/soa/publication'),
        await send('PUT', '/api/v1/soa/entries/iso42001/A.6.2.6', { applicable: false, justification: 'no', implementationStatus: 'not_started' }),
        await send('PATCH', `/api/v1/risks/${riskId}`, { treatment: 'accept' }),
      ];
    }, risk.id as string);
    expect(forced).toEqual([
      { path: '/api/v1/soa/publication', status: 403, message: 'only the governance office or an admin submits the Statement of Applicability for publication' },
      { path: '/api/v1/soa/entries/iso42001/A.6.2.6', status: 403, message: 'only the governance office or an admin edits the Statement of Applicability' },
      { path: `/api/v1/risks/${risk.id}`, status: 403, message: expect.stringContaining('edit a risk') },
    ]);
    expect(await h.rowCounts()).toEqual(before);
  }, 180_000);

  it('records a review’s minutes, keeps a document as evidence and manages people, each refusal beside its field', async () => {
    const { page } = tabs[0]!; // the governance office, still signed in
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    // Minutes with a decision due yesterday: the API names decisions.0.dueAt; fixed, the review is held.
    await page.goto(`${h.baseUrl}/management-reviews/${reviewId}`);
    await page.getByRole('heading', { name: 'Record the minutes' }).waitFor();
    await page.getByLabel('Minutes', { exact: true }).fill('Reviewed the inventory, the SoA and the risk register.');
    await page.getByLabel('Grace Governance').check();
    await page.getByRole('button', { name: 'Add a decision' }).click();
    await page.getByLabel('Title').fill('Log every triage override');
    await page.getByLabel('Description').fill('Overrides of the claims triage are logged with their reason');
    await page.getByLabel('Due').fill(day(-1));
    await page.getByRole('button', { name: 'Record the minutes' }).click();
    await page.getByText('must be in the future').waitFor();
    expect(await page.getByLabel('Due').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the minutes form with a field error');
    await page.getByLabel('Due').fill(day(30));
    await page.getByRole('button', { name: 'Record the minutes' }).click();
    await page.getByRole('heading', { name: 'Minutes', exact: true }).waitFor();
    await page.getByText('Log every triage override').waitFor();
    const [review] = await h.dataSource.query(`SELECT status, attendee_ids FROM management_reviews WHERE id = $1`, [reviewId]);
    expect(review).toEqual({ status: 'held', attendee_ids: [officer.user.id] });
    // The review's workflow turns each decision into a PDCA item after the minutes are recorded.
    const followUps = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM pdca_items WHERE title = 'Log every triage override'`))[0].n as number;
    await waitUntil(async () => ((await followUps()) > 0 ? true : undefined), 30_000, 'the decision as a PDCA item');
    expect(await followUps()).toBe(1);

    // A document kept as evidence: hashed in the browser, the server's hash the same.
    await page.goto(`${h.baseUrl}/controls/iso27001/A.5.19`);
    await page.getByRole('link', { name: 'Add evidence for A.5.19' }).click();
    await heading(page, 'Add evidence');
    expect(await page.getByLabel('Controls it evidences').inputValue()).toBe('iso27001 A.5.19');
    const document = Buffer.from('%PDF-1.4 supplier certificate, valid until next year');
    await page.getByLabel('Title').fill('Cloud supplier ISO/IEC 27001 certificate');
    await page.getByLabel('File').setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: document });
    await page.getByText('certificate.pdf ·').waitFor();
    await page.getByLabel('Expires on').fill(day(200));
    await expectAccessible(page, 'the evidence form');
    await page.getByRole('button', { name: 'Keep as evidence' }).click();
    await heading(page, 'Manual evidence');
    await page.getByRole('link', { name: 'Cloud supplier ISO/IEC 27001 certificate', exact: true }).waitFor();
    const [kept] = await h.dataSource.query(`SELECT sha256, form FROM manual_evidence WHERE title = 'Cloud supplier ISO/IEC 27001 certificate'`);
    expect(kept).toEqual({ sha256: createHash('sha256').update(document).digest('hex'), form: 'document' });

    // Edited: its new version a link. An http address is the API's 400 beside the Address field, the rest kept; fixed, it is version 2.
    await page.getByRole('link', { name: 'Edit Cloud supplier ISO/IEC 27001 certificate' }).click();
    await heading(page, 'Edit evidence: Cloud supplier ISO/IEC 27001 certificate');
    expect(await page.getByLabel('Expires on').inputValue()).toBe(day(200));
    await page.getByLabel('Link', { exact: true }).check();
    const address = page.getByLabel('Address');
    await address.fill('http://trust.example.com/iso27001.pdf');
    await page.getByLabel('Expires on').fill(day(300));
    await page.getByLabel(/^Why it changes/).fill('The supplier now publishes the certificate on its trust page');
    await page.getByRole('button', { name: 'Save the new version' }).click();
    await page.getByText('url must be an https URL').waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Expires on').inputValue()).toBe(day(300));
    expect(await page.getByLabel(/^Why it changes/).inputValue()).toBe('The supplier now publishes the certificate on its trust page');
    await expectAccessible(page, 'the evidence edit form with a field error');
    await screenshot(page, 'evidence-edit-field-error');
    await address.fill('https://trust.example.com/iso27001.pdf');
    await page.getByRole('button', { name: 'Save the new version' }).click();
    await heading(page, 'Manual evidence');
    await page.getByText(/^Link · version 2/).waitFor();
    const [edited] = await h.dataSource.query(`SELECT id, version, form, url, sha256, expires_at FROM manual_evidence WHERE title = 'Cloud supplier ISO/IEC 27001 certificate'`);
    expect(edited).toMatchObject({ version: 2, form: 'link', url: 'https://trust.example.com/iso27001.pdf', sha256: null });
    expect((edited.expires_at as Date).toISOString().slice(0, 10)).toBe(day(300));
    const [replaced] = await h.dataSource.query(`SELECT payload->>'reason' AS reason FROM audit_events WHERE event_type = 'manual_evidence.replaced' AND actor_id = $1`, [officer.user.id]);
    expect(replaced.reason).toBe('The supplier now publishes the certificate on its trust page');

    // Withdrawn by a colleague while the form is open: saving is the API's 409, shown with its reason, the input kept, nothing written.
    await page.getByRole('link', { name: 'Edit Cloud supplier ISO/IEC 27001 certificate' }).click();
    await heading(page, 'Edit evidence: Cloud supplier ISO/IEC 27001 certificate');
    await page.getByLabel('Expires on').fill(day(400));
    const withdrawn = await h.api('POST', `/api/v1/manual-evidence/${edited.id}/withdrawal`, { token: colleague.token, body: { reason: 'The supplier was replaced' } });
    expect(withdrawn.status).toBe(200);
    await page.getByRole('button', { name: 'Save the new version' }).click();
    const notNow = page.getByRole('alert').filter({ hasText: 'This is not possible right now' });
    await notNow.waitFor();
    expect(await notNow.textContent()).toContain('this evidence was withdrawn; add a new item');
    expect(await page.getByLabel('Expires on').inputValue()).toBe(day(400));
    expect(await page.getByLabel('Address').inputValue()).toBe('https://trust.example.com/iso27001.pdf');
    await expectAccessible(page, 'the evidence edit form refused (409)');
    expect((await h.dataSource.query(`SELECT version, status FROM manual_evidence WHERE id = $1`, [edited.id]))[0]).toEqual({ version: 2, status: 'withdrawn' });

    // People: an address already taken is the API's 409 beside the field; then added, and deactivated.
    const people = await newTab();
    await people.page.goto(`${h.baseUrl}/people`);
    await people.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, people.page, admin.user.email);
    await heading(people.page, 'People and roles');
    await people.page.getByRole('button', { name: 'Add a person' }).click();
    await people.page.getByLabel('Work email').fill(officer.user.email);
    await people.page.getByLabel('Name').fill('Pat Approver');
    await people.page.getByLabel('Approver').check();
    await people.page.getByRole('button', { name: 'Add', exact: true }).click();
    await people.page.getByText(`a user with email ${officer.user.email} already exists`).waitFor();
    expect(await people.page.getByLabel('Work email').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(people.page, 'the people page with a field error');
    await people.page.getByLabel('Work email').fill('pat.approver@example.test');
    await people.page.getByRole('button', { name: 'Add', exact: true }).click();
    await people.page.getByRole('heading', { name: 'Pat Approver is added' }).waitFor();
    await people.page.getByRole('button', { name: 'Done' }).click();
    await people.page.getByRole('button', { name: 'Deactivate Pat Approver' }).click();
    await people.page.getByRole('button', { name: 'Reactivate Pat Approver' }).waitFor();
    expect(await h.dataSource.query(`SELECT roles, active FROM users WHERE email = 'pat.approver@example.test'`)).toEqual([{ roles: ['approver'], active: false }]);
    await expectAccessible(people.page, 'the people page');

    expect(unexpected(tabs[0]!, 400, 403, 409)).toEqual([]);
    expect(unexpected(people, 409)).toEqual([]);
  }, 180_000);
});
