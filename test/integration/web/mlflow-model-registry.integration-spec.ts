import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, type BrowserPage } from '../../support/browser';
import { openTaskOf, registerForApproval, registrationBody } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { mlflowDelivery, mlflowEvents } from '../../support/mlflow-webhook';
import { builtWebApp } from '../../support/web-build';
import { signInFromEmail } from '../../support/web-sign-in';

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

/**
 * The MLflow screens at phone width, in real Chromium against the real stack: an admin adds an
 * MLflow webhook source (its secret shown once with MLflow's create_webhook call); the owner
 * names the system's registered model on its Model registry tab (a name another live system
 * holds is refused beside the field), sees it on the overview, and after MLflow (signed with the
 * copied secret) reports a new version, proposes it as a material change from the tab, a wrong
 * checksum shown beside its field first. axe-core finds no serious or critical violation on any
 * state visited.
 */
describe('MLflow model registry in the web application', () => {
  let h: Harness;
  let browser: Browser;
  let admin: HarnessUser;
  let owner: HarnessUser;
  let system: { id: string; path: string; name: string };
  const tabs: BrowserPage[] = [];

  beforeAll(async () => {
    const [webAppDir, launched] = await Promise.all([builtWebApp(), launchBrowser()]);
    browser = launched;
    h = await startGovernanceHarness({ webAppDir, policyFile: join(__dirname, '../../fixtures/policies/model-registry-policy.yaml') });
    admin = await h.createUser(['admin'], { name: 'Ada Admin' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    const gov = await h.createUser(['governance_office'], { name: 'Gus Governance' });
    system = await registerForApproval(h, owner, 'minimal', { name: 'Claims triage' });
    const task = await openTaskOf(h, system.id, gov);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: gov.token, body: { decision: 'approve' } })).status).toBe(200);
    const deployed = await h.api('POST', `${system.path}/deployments`, {
      token: owner.token,
      body: { version: '1.0.0', environment: 'production', model: { name: 'claims-triage', version: '1', checksum: sha('claims-triage@1') } },
    });
    expect(deployed.body.stage).toBe('operation');
    // Another live system already names 'fraud-scoring'.
    const other = await h.api('POST', '/api/v1/ai-systems', { token: gov.token, body: { ...registrationBody('Fraud scoring'), accountableOwnerId: gov.user.id } });
    expect((await h.api('PUT', `/api/v1/ai-systems/${other.body.id}/registered-model`, { token: gov.token, body: { registeredModelName: 'fraud-scoring' } })).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await h?.stop();
  });

  const fitsPhone = async (tab: BrowserPage) =>
    expect(await tab.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  it('adds an MLflow source, names the registered model, and proposes a new version as a material change', async () => {
    // The admin: an MLflow source for every system, its secret shown once with the create_webhook call.
    const adminTab = await openPage(browser, PHONE);
    tabs.push(adminTab);
    await adminTab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    let page = adminTab.page;
    await page.goto(`${h.baseUrl}/webhook-sources`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, admin.user.email);
    await page.getByRole('heading', { name: 'Webhook sources', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add a source' }).click();
    await page.getByLabel('Name').fill('MLflow production');
    await page.getByLabel(/MLflow model registry/).check();
    await page.getByLabel(/Every AI system/).check();
    await expectAccessible(page, 'the new source form, MLflow chosen');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('heading', { name: 'MLflow production is added' }).waitFor();
    const secret = (await page.getByLabel('Signing secret', { exact: true }).textContent())!.trim();
    const [row] = await h.dataSource.query(`SELECT id FROM webhook_sources WHERE kind = 'mlflow'`);
    const deliveryPath = `/api/v1/mlflow/webhooks/${row.id}`;
    await page.getByText(`url="${h.baseUrl}${deliveryPath}"`, { exact: false }).waitFor();
    await page.getByText('secret="<the secret>"', { exact: false }).waitFor();
    await fitsPhone(adminTab);
    await expectAccessible(page, 'the MLflow source secret shown once');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('row', { name: /MLflow production/ }).getByText('MLflow model registry').waitFor();

    // The owner names the model on the Model registry tab; a name another live system holds is refused beside the field.
    const ownerTab = await openPage(browser, PHONE);
    tabs.push(ownerTab);
    page = ownerTab.page;
    await page.goto(`${h.baseUrl}/systems/${system.id}?tab=registry`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInFromEmail(h, page, owner.user.email);
    await page.getByRole('heading', { name: 'Registered model' }).waitFor();
    await page.getByText('No MLflow registered model is named for this system.').waitFor();
    await page.getByText('No new version waiting').waitFor();
    await page.getByText('No registry event yet').waitFor();
    await expectAccessible(page, 'the empty Model registry tab');
    await page.getByRole('button', { name: 'Name the registered model' }).click();
    await page.getByLabel('MLflow registered model name').fill('fraud-scoring');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText("registered model 'fraud-scoring' is already named by another live AI system").waitFor();
    await expectAccessible(page, 'the registered model form with a field error');
    await page.getByLabel('MLflow registered model name').fill('claims-triage');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('claims-triage', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByText('Registered model (MLflow)').waitFor();
    await page.getByRole('main').getByText('claims-triage', { exact: true }).waitFor();

    // MLflow reports version 2, signed with the secret the admin copied.
    const delivery = mlflowDelivery(secret, mlflowEvents.versionCreated('claims-triage', '2', { run_id: 'f00dfeed12345678', tags: { team: 'claims' }, source: 'models:/m-claims-2' }));
    const accepted = await h.api('POST', deliveryPath, { body: delivery.body, headers: delivery.headers });
    expect(accepted.body.outcome).toBe('change_proposed');

    await page.getByRole('tab', { name: 'Model registry' }).click();
    await page.getByRole('heading', { name: 'Version 2 of claims-triage' }).waitFor();
    await page.getByText('f00dfeed12345678').first().waitFor();
    await expectAccessible(page, 'a new version waiting for its owner');
    await page.getByRole('button', { name: 'Propose as a material change: version 2 of claims-triage' }).click();
    expect(await page.getByLabel('Version label').inputValue()).toBe('claims-triage-v2');
    await page.getByLabel('Checksum of the model artifact').fill('md5:abc');
    await page.getByRole('button', { name: 'Propose the change' }).click();
    await page.getByText('checksum must be sha256:, sha384: or sha512: followed by the lower-case hex digest').waitFor();
    await expectAccessible(page, 'the proposal form with a field error');
    await page.getByLabel('Checksum of the model artifact').fill(sha('claims-triage@2'));
    await page.getByRole('button', { name: 'Propose the change' }).click();
    await page.getByRole('status').filter({ hasText: 'Change to version claims-triage-v2 proposed' }).waitFor();
    await page.getByText('No new version waiting').waitFor();
    await page.getByText('proposed as a material change (see Changes)').waitFor();
    await fitsPhone(ownerTab);
    await expectAccessible(page, 'the registry events after the proposal');
    const [change] = await h.dataSource.query(`SELECT kinds, status, model_artifact FROM material_changes WHERE ai_system_id = $1`, [system.id]);
    expect(change).toEqual({ kinds: ['model'], status: 'assessment', model_artifact: { name: 'claims-triage', version: '2', checksum: sha('claims-triage@2') } });

    // The session probes before sign-in (401) and the refused requests (400, 409) are expected; nothing else.
    for (const tab of tabs) expect(tab.problems.filter((p) => !/status of (400|401|409)/.test(p))).toEqual([]);
  }, 180_000);
});
