import { join } from 'node:path';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const model = { name: 'claims-triage', version: '3.1.0', checksum: sha('a') };
const datasets = [
  { name: 'claims-train', version: '2026-10', checksum: sha('b') },
  { name: 'claims-eval', version: '2026-10', checksum: sha('c') },
];

/** The version registry: what each deployed version ran, with checksums, and that a label cannot change its artifacts. */
describe('version registry', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/approval-policy.yaml') });
  });
  afterAll(async () => h?.stop());

  async function approved(): Promise<{ owner: HarnessUser; path: string; id: string }> {
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const system = await registerForApproval(h, owner, 'limited', { name: `Registry ${Date.now()}` });
    for (const approver of [gov, manager]) {
      const task = await openTaskOf(h, system.id, approver);
      expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: approver.token, body: { decision: 'approve' } })).status).toBe(200);
    }
    return { owner, path: system.path, id: system.id };
  }

  it('records the model and data of each deployment and keeps a version label bound to them', async () => {
    const { owner, path } = await approved();
    const deploy = (body: Record<string, unknown>) => h.api('POST', `${path}/deployments`, { token: owner.token, body: { environment: 'production', ...body } });

    const before = await h.rowCounts();
    const badChecksum = await deploy({ version: '1.0.0', model: { ...model, checksum: 'md5:abc' } });
    expect({ status: badChecksum.status, field: badChecksum.body.field }).toEqual({ status: 400, field: 'model.checksum' });
    const badDataset = await deploy({ version: '1.0.0', model, datasets: [{ name: 'x', version: '1' }] });
    expect({ status: badDataset.status, field: badDataset.body.field }).toEqual({ status: 400, field: 'datasets.0.checksum' });
    expect(await h.rowCounts()).toEqual(before);

    const deployed = await deploy({ version: '1.0.0', model, datasets, configuration: { threshold: 0.7 } });
    expect(deployed.status).toBe(201);
    expect(deployed.body.stage).toBe('operation');

    const registry = await h.api('GET', `${path}/versions`, { token: owner.token });
    expect(registry.status).toBe(200);
    expect(registry.body).toMatchObject({ currentVersion: '1.0.0' });
    expect(registry.body.versions).toHaveLength(1);
    expect(registry.body.versions[0]).toMatchObject({
      version: '1.0.0',
      approvalRound: 1,
      current: true,
      model,
      datasets,
      approvedConfiguration: { threshold: 0.7 },
    });

    expect((await h.api('POST', `${path}/rollback`, { token: owner.token, body: { reason: 'latency regression' } })).status).toBe(201);
    // Same label, different model: refused, nothing written.
    const beforeSwap = await h.rowCounts();
    const swapped = await deploy({ version: '1.0.0', model: { ...model, checksum: sha('d') } });
    expect({ status: swapped.status, field: swapped.body.field }).toEqual({ status: 409, field: 'model' });
    expect(swapped.body.message).toMatch(/claims-triage 3\.1\.0 .*new version and approval/);
    const reshuffled = await deploy({ version: '1.0.0', datasets: [datasets[0]] });
    expect({ status: reshuffled.status, field: reshuffled.body.field }).toEqual({ status: 409, field: 'datasets' });
    expect(await h.rowCounts()).toEqual(beforeSwap);

    // Redeployed without artifacts: the version keeps its own.
    const redeployed = await deploy({ version: '1.0.0' });
    expect(redeployed.body.stage).toBe('operation');
    const after = await h.api('GET', `${path}/versions`, { token: owner.token });
    expect(after.body.versions[0]).toMatchObject({ model, datasets });
    expect(after.body.versions[0].deployments.map((d: { kind: string }) => d.kind)).toEqual(['deploy', 'redeploy']);
    const stored = await h.dataSource.query(`SELECT kind, model_artifact FROM deployments WHERE version = '1.0.0' ORDER BY deployed_at`);
    expect(stored.map((r: { model_artifact: { checksum: string } }) => r.model_artifact.checksum)).toEqual([model.checksum, model.checksum]);
  });

  it('keeps other people out of the registry', async () => {
    const { path } = await approved();
    const stranger = await h.createUser(['product_owner']);
    const r = await h.api('GET', `${path}/versions`, { token: stranger.token });
    expect(r.status).toBe(403);
    expect((await h.api('GET', '/api/v1/ai-systems/00000000-0000-4000-8000-000000000000/versions', { token: stranger.token })).status).toBe(404);
  });
});
