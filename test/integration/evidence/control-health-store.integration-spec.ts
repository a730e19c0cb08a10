import { randomUUID } from 'node:crypto';
import { Clock } from '@aigov/config/clock';
import { loadControlCatalog } from '@aigov/config/control-catalog.loader';
import { loadEvidenceMap } from '@aigov/config/evidence-map.loader';
import { loadGovernancePolicy } from '@aigov/config/policy-file.loader';
import type { EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { ControlHealthStore, OrganisationControlHealth } from '@aigov/persistence/evidence/control-health-store';
import { EvidenceQueries } from '@aigov/persistence/evidence/evidence-queries.service';
import { summariseOrganisationControlHealth } from '@aigov/persistence/evidence/organisation-control-health';
import { publishedSoaApplicability } from '@aigov/persistence/soa-applicability';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval, registrationBody } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

/** Time that moves only when the test moves it, so the store and the recomputation see the same moment. */
class TestClock extends Clock {
  at = new Date();
  now(): Date {
    return new Date(this.at);
  }
  /** real time plus `days`, never back */
  setDaysAhead(days: number): Date {
    const next = new Date(Date.now() + days * 86_400_000);
    if (next > this.at) this.at = next;
    return this.now();
  }
}

const DAY = 86_400_000;
const sha = (c: string) => `sha256:${c.repeat(64)}`;
type Row = OrganisationControlHealth['summary'][number];

/**
 * Organisation-wide control health kept current in PostgreSQL (ControlHealthStore) equals a
 * recomputation of every system from scratch, after every kind of change: evidence written by
 * the API and the workflows (assessment, approval, deployment, monitoring, manual evidence, a
 * new user), time passing on the store's clock (manual evidence lapsing, a review falling
 * overdue), and changes of basis (organisation-wide evidence lapsing or appearing, an SoA
 * exclusion published), with two stores refreshing at once and a clock set back.
 */
describe('control health kept current in PostgreSQL', () => {
  let h: Harness;
  let gov: HarnessUser;
  let owner: HarnessUser;
  let map: EvidenceMap;
  let policy: GovernancePolicy;
  let queries: EvidenceQueries;
  const clock = new TestClock();
  let store: ControlHealthStore;
  const systems: Array<{ id: string; path: string; name: string }> = [];

  beforeAll(async () => {
    h = await startGovernanceHarness();
    [gov, owner] = [await h.createUser(['governance_office']), await h.createUser(['product_owner'])];
    map = loadEvidenceMap(h.config.controlCatalogDir, loadControlCatalog(h.config.controlCatalogDir));
    policy = loadGovernancePolicy(h.config.policyFile);
    queries = new EvidenceQueries(h.dataSource, map, policy);
    store = new ControlHealthStore(h.dataSource, queries, clock, map, policy);
    for (let i = 0; i < 3; i++) {
      const created = await h.api('POST', '/api/v1/ai-systems', {
        token: owner.token,
        body: { ...registrationBody(`Kept ${i} ${randomUUID().slice(0, 6)}`), accountableOwnerId: owner.user.id },
      });
      expect(created.status).toBe(201);
      systems.push({ id: created.body.id, path: `/api/v1/ai-systems/${created.body.id}`, name: created.body.name });
    }
  });
  afterAll(async () => {
    await store?.onModuleDestroy();
    await h?.stop();
  });

  /** The store's figures, and the same moment computed afresh for every system; they must be equal. */
  async function keptEqualsAfresh(): Promise<OrganisationControlHealth> {
    const kept = await store.current();
    const afresh = await summariseOrganisationControlHealth(queries, map, await publishedSoaApplicability(h.dataSource.manager), clock.now());
    expect(kept.pending).toBeNull();
    expect(kept.asOf).toEqual(clock.now());
    expect({ systems: kept.systems, summary: kept.summary }).toEqual(afresh);
    return kept;
  }
  const row = (figures: OrganisationControlHealth, framework: string, ref: string): Row => figures.summary.find((r) => r.framework === framework && r.ref === ref)!;
  const computedAt = async () =>
    new Map<string, number>((await h.dataSource.query(`SELECT ai_system_id, computed_at FROM control_health_systems`)).map((r: { ai_system_id: string; computed_at: Date }) => [r.ai_system_id, new Date(r.computed_at).getTime()]));
  /** waits until the workflows stop writing (their audit events come after the request that started them has answered) */
  const settled = () =>
    waitUntil(
      async () => {
        const before = (await h.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
        await new Promise((r) => setTimeout(r, 700));
        return (await h.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n === before ? true : undefined;
      },
      30_000,
      'the workflows to settle',
    );

  it('serves the same figures over HTTP as the store, and rebuilds from nothing to a fold equal to a recomputation', async () => {
    clock.setDaysAhead(0);
    const first = await keptEqualsAfresh();
    expect(first.systems).toBe(3);
    expect(row(first, 'iso42001', 'A.5.2')).toMatchObject({ status: 'no_evidence', counts: { no_evidence: 3 } });
    const state = (await h.dataSource.query(`SELECT basis, generation, rebuild FROM control_health_state`))[0];
    expect(state).toMatchObject({ basis: expect.stringMatching(/^[0-9a-f]{64}$/), rebuild: null });
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM control_health_systems WHERE generation = $1`, [state.generation])).toEqual([{ n: 3 }]);

    const report = await h.api('GET', '/api/v1/reports/control-health', { token: gov.token });
    expect(report.status).toBe(200);
    if (report.body.pending) expect(report.body.pending).toMatchObject({ reason: 'rebuilding', asOf: expect.any(String), rebuildStartedAt: expect.any(String) });
    expect(report.body.pending).toBeUndefined();
    expect(report.body.systems).toBe(3);
    expect(report.body.controls.map((c: Row) => [c.framework, c.ref, c.status, c.counts])).toEqual(first.summary.map((c) => [c.framework, c.ref, c.status, c.counts]));
  });

  it('follows evidence written by the API and the workflows: assessment, approval, deployment, monitoring, a new user', async () => {
    const [a] = systems;
    const approved = await registerForApproval(h, owner, 'minimal', { name: `Kept approved ${randomUUID().slice(0, 6)}` });
    systems.push(approved);
    await settled();
    clock.setDaysAhead(0);
    let kept = await keptEqualsAfresh();
    expect(kept.systems).toBe(4);
    expect(row(kept, 'iso42001', 'A.5.2').counts.effective).toBe(1);

    const task = await openTaskOf(h, approved.id, gov);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: gov.token, body: { decision: 'approve', comment: 'fine' } })).status).toBe(200);
    const deployed = await h.api('POST', `${approved.path}/deployments`, {
      token: owner.token,
      body: { version: '1.0.0', environment: 'production', model: { name: 'm', version: '1', checksum: sha('a') }, datasets: [{ name: 'd', version: '1', checksum: sha('d') }] },
    });
    expect(deployed.body).toMatchObject({ stage: 'operation' });
    await settled();
    clock.setDaysAhead(0);
    kept = await keptEqualsAfresh();
    expect(row(kept, 'iso27001', 'A.8.32').counts.effective).toBe(1);
    expect(row(kept, 'iso42001', 'A.3.2').evidenceCount).toBeGreaterThan(0);

    // one system changes: only its part is recomputed, the others keep theirs
    const before = await computedAt();
    const event = await h.api('POST', `${approved.path}/monitoring-events`, { token: owner.token, body: { kind: 'performance', severity: 'low', metric: 'auc', observedValue: 0.8, threshold: 0.7 } });
    expect(event.status).toBe(201);
    await settled();
    clock.setDaysAhead(0);
    kept = await keptEqualsAfresh();
    expect(row(kept, 'iso42001', 'A.6.2.6').counts.effective).toBe(1);
    const after = await computedAt();
    expect(after.get(approved.id)).toBeGreaterThan(before.get(approved.id)!);
    expect(after.get(a.id)).toBe(before.get(a.id));

    // organisation-wide evidence that only adds up (a new user): counted for every system, no rebuild
    const generation = (await h.dataSource.query(`SELECT generation FROM control_health_state`))[0].generation;
    const users = row(kept, 'iso27001', 'A.5.18').evidenceCount;
    await h.createUser(['auditor']);
    clock.setDaysAhead(0);
    kept = await keptEqualsAfresh();
    expect(row(kept, 'iso27001', 'A.5.18').evidenceCount).toBe(users + kept.systems);
    expect((await h.dataSource.query(`SELECT generation FROM control_health_state`))[0].generation).toBe(generation);
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM control_health_dirty`)).toEqual([{ n: 0 }]);
  });

  it('follows time on its own clock: a system’s manual evidence lapsing, then organisation-wide evidence lapsing (a rebuild), then a review falling overdue', async () => {
    const [a, b] = systems;
    const link = (title: string, aiSystemIds: string[], days: number) =>
      h.api('POST', '/api/v1/manual-evidence', {
        token: gov.token,
        body: { title, ownerId: gov.user.id, controls: [{ framework: 'iso27001', ref: 'A.5.19' }], aiSystemIds, url: 'https://trust.example.com/c.pdf', expiresAt: new Date(Date.now() + days * DAY).toISOString() },
      });
    expect((await link('Supplier certificate of one system', [a.id], 10)).status).toBe(201);
    expect((await link('Supplier certificate of the organisation', [], 20)).status).toBe(201);
    clock.setDaysAhead(0);
    let kept = await keptEqualsAfresh();
    expect(row(kept, 'iso27001', 'A.5.19')).toMatchObject({ status: 'effective', counts: { effective: kept.systems } });
    const generation = (await h.dataSource.query(`SELECT generation FROM control_health_state`))[0].generation;

    // the system's own item lapses: nothing else is fresh for it... but the organisation's still is
    clock.setDaysAhead(11);
    kept = await keptEqualsAfresh();
    expect(row(kept, 'iso27001', 'A.5.19').status).toBe('effective');
    expect((await h.dataSource.query(`SELECT generation FROM control_health_state`))[0].generation).toBe(generation);

    // the organisation-wide item lapses too: every system's status changes, which is a new basis
    clock.setDaysAhead(21);
    kept = await keptEqualsAfresh();
    expect(row(kept, 'iso27001', 'A.5.19')).toMatchObject({ status: 'attention', counts: { attention: kept.systems } });
    expect(row(kept, 'iso27001', 'A.5.19').reasons).toEqual([expect.objectContaining({ code: 'evidence_expired', systems: kept.systems })]);
    expect((await h.dataSource.query(`SELECT generation FROM control_health_state`))[0].generation).toBeGreaterThan(generation);

    // a year on, the deployed system's review is overdue by its date alone (no task written yet on this clock)
    const deployed = systems[3];
    const before = await computedAt();
    clock.setDaysAhead(400);
    kept = await keptEqualsAfresh();
    expect(row(kept, 'iso42001', 'A.6.2.6').reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'review_overdue', systems: 1 })]));
    const after = await computedAt();
    expect(after.get(deployed.id)).toBe(clock.now().getTime());
    // a system whose evidence is all standing has no moment to expire at: untouched
    expect(after.get(b.id)).toBe(before.get(b.id));
  });

  it('rebuilds when a Statement of Applicability excluding a control is published, and when a management review is first held', async () => {
    const versionId = randomUUID();
    const document = { version: 1, entries: [] };
    await h.dataSource.query(
      `INSERT INTO soa_versions (id, version, status, document, sha256, published_at) VALUES ($1, 1, 'published', $2, $3, now())`,
      [versionId, JSON.stringify(document), 'a'.repeat(64)],
    );
    await h.dataSource.query(
      `INSERT INTO soa_entries (version_id, framework, ref, applicable, justification, implementation_status) VALUES ($1, 'iso27001', 'A.8.32', false, 'changes are run by our hosting provider', 'not_started')`,
      [versionId],
    );
    clock.setDaysAhead(400);
    let kept = await keptEqualsAfresh();
    expect(kept.applicability).toMatchObject({ source: 'soa', version: 1 });
    expect(row(kept, 'iso27001', 'A.8.32')).toMatchObject({ status: 'not_applicable', counts: { not_applicable: kept.systems } });
    expect(row(kept, 'iso27001', 'A.8.32').reasons).toEqual([
      { code: 'excluded', systems: kept.systems, example: 'excluded by the Statement of Applicability version 1: changes are run by our hosting provider' },
    ]);

    expect(row(kept, 'clauses', '9.3').status).toBe('no_evidence');
    await h.dataSource.query(
      `INSERT INTO management_reviews (id, workflow_id, status, convened_at, meeting_at, agenda, decisions, recorded_at) VALUES ($1, $2, 'held', $3, $3, '{}', '[]', $3)`,
      [randomUUID(), `management-review-test-${randomUUID()}`, clock.now()],
    );
    kept = await keptEqualsAfresh();
    expect(row(kept, 'clauses', '9.3')).toMatchObject({ status: 'effective', counts: { effective: kept.systems }, evidenceCount: kept.systems });
  });

  it('applies each change once when two stores (two processes) refresh at once, and computes a moment it has passed afresh', async () => {
    const other = new ControlHealthStore(h.dataSource, new EvidenceQueries(h.dataSource, map, policy), clock, map, policy);
    const more = await Promise.all([0, 1].map((i) => h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody(`Kept concurrent ${i}`), accountableOwnerId: owner.user.id } })));
    expect(more.map((r) => r.status)).toEqual([201, 201]);
    await h.dataSource.query(`UPDATE ai_systems SET updated_at = now() WHERE id = ANY($1::uuid[])`, [systems.map((s) => s.id)]);
    clock.setDaysAhead(401);
    const [one, two] = await Promise.all([store.current(), other.current()]);
    expect(one.summary).toEqual(two.summary);
    const kept = await keptEqualsAfresh();
    expect(kept.systems).toBe(systems.length + 2);

    // a clock set back (another process behind by far more than skew): computed afresh, nothing stored
    const state = (await h.dataSource.query(`SELECT as_of, fold FROM control_health_state`))[0];
    const behind = new TestClock();
    behind.at = new Date(Date.now() + 30 * DAY);
    const past = await new ControlHealthStore(h.dataSource, queries, behind, map, policy).current();
    expect({ systems: past.systems, summary: past.summary }).toEqual(await summariseOrganisationControlHealth(queries, map, await publishedSoaApplicability(h.dataSource.manager), behind.now()));
    expect(row(past, 'iso42001', 'A.6.2.6').reasons.map((r) => r.code)).not.toContain('review_overdue');
    expect((await h.dataSource.query(`SELECT as_of, fold FROM control_health_state`))[0]).toEqual(state);
    await other.onModuleDestroy();
  });

  it('serves the previous figures, marked pending, while a rebuild runs, and finishes it in the background', async () => {
    clock.setDaysAhead(402);
    const before = await keptEqualsAfresh();
    // more systems than one batch, straight into the table as an import would write them
    await h.dataSource.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories, personal_data, special_category_data,
         model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level, stage, stage_entered_at, created_by_id, workflow_id)
       SELECT gen_random_uuid(), 'Imported ' || g, 'p', 'u', $1, 'bu', '[]', '[]', false, false, 'm', 'in_house', 'internal', '[]', 'human_in_the_loop', 'design', now(), $1, 'imported:' || g
         FROM generate_series(1, 1200) g`,
      [owner.user.id],
    );
    // and a new basis: SoA version 2 excludes another control
    const versionId = randomUUID();
    await h.dataSource.query(`UPDATE soa_versions SET status = 'superseded' WHERE version = 1`);
    await h.dataSource.query(`INSERT INTO soa_versions (id, version, status, document, sha256, published_at) VALUES ($1, 2, 'published', '{}', $2, now())`, [versionId, 'b'.repeat(64)]);
    await h.dataSource.query(
      `INSERT INTO soa_entries (version_id, framework, ref, applicable, justification, implementation_status) VALUES ($1, 'iso27001', 'A.5.18', false, 'access is managed by the parent company', 'not_started')`,
      [versionId],
    );
    const during = await store.current({ waitMs: 0 });
    expect(during.pending).toMatchObject({ reason: 'rebuilding', startedAt: expect.any(Date) });
    expect(during.pending!.systems).toBeGreaterThan(0);
    expect({ systems: during.systems, applicability: during.applicability }).toEqual({ systems: before.systems, applicability: before.applicability });
    expect(during.asOf.getTime()).toBeLessThanOrEqual(before.asOf.getTime());
    expect(row(during, 'iso27001', 'A.5.18').status).not.toBe('not_applicable');
    await waitUntil(async () => ((await h.dataSource.query(`SELECT rebuild FROM control_health_state`))[0].rebuild === null ? true : undefined), 60_000, 'the rebuild to finish in the background');
    const after = await keptEqualsAfresh();
    expect(after.systems).toBe(before.systems + 1200);
    expect(after.applicability).toMatchObject({ source: 'soa', version: 2 });
    expect(row(after, 'iso27001', 'A.5.18')).toMatchObject({ status: 'not_applicable', counts: { not_applicable: after.systems } });
  });
});

