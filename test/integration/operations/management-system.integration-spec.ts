import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { join } from 'node:path';
import { upsertGovernanceSchedules } from '@aigov/worker/governance-schedules';
import { loadGovernancePolicy } from '@aigov/config/policy-file.loader';
import { internalAuditScheduleId, managementReviewScheduleId } from '@aigov/temporal/workflow-ids';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { registrationBody } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';
import { saveServerHistoryForReplay } from '../../workflows/history-recorder';
import { testDataConverter } from '../../support/temporal-data-converter';

const POLICY_FILE = join(__dirname, '../../fixtures/policies/management-review-policy.yaml');
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/**
 * The management system's own cycle on real parts: Temporal Schedules (created by the worker
 * at start) convene management reviews and open internal audits; agendas are compiled from
 * the data; participants are invited and reminded; minutes and findings become PDCA items.
 */
describe('management reviews and internal audits', () => {
  let h: Harness;
  let client: Client;
  let connection: Connection;
  let gov: HarnessUser;
  let auditor: HarnessUser;
  let owner: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: POLICY_FILE });
    [gov, auditor, owner] = [await h.createUser(['governance_office']), await h.createUser(['auditor']), await h.createUser(['product_owner'])];
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter() });
  });
  afterAll(async () => {
    // The schedules outlive the worker by design; the test's own must not keep firing.
    const queue = h?.config.temporal.taskQueue;
    for (const id of queue ? [managementReviewScheduleId(queue), internalAuditScheduleId(queue)] : []) {
      await client?.schedule.getHandle(id).delete().catch(() => undefined);
    }
    await connection?.close();
    await h?.stop();
  });

  /**
   * Row counts beside what the schedules' own cycles write on their clock: the policy convenes a
   * review and opens an audit every 5 s, each with an invitation and a reminder by mail and audit
   * events. A clean-clone CI run saw an invitation land inside a bad-input window.
   */
  const countsBesideTheCycles = (): Promise<Record<string, number>> =>
    h.rowCountsBeside(
      `SELECT (SELECT count(*)::int FROM email_outbox
                WHERE subject LIKE 'Management review on %' OR subject LIKE 'Reminder: management review on %'
                   OR subject LIKE 'Internal audit opened, %' OR subject LIKE 'Reminder: internal audit report due %') AS email_outbox,
              (SELECT count(*)::int FROM audit_events
                WHERE event_type IN ('management_review.convened', 'management_review.reminded', 'internal_audit.opened', 'internal_audit.reminded')) AS audit_events`,
    );

  const post = (path: string, by: HarnessUser, body: unknown = {}) => h.api('POST', path, { token: by.token, body });
  const get = (path: string, by: HarnessUser) => h.api('GET', path, { token: by.token });

  it('convenes a review on its schedule with an agenda compiled from the data, invites and reminds, and turns decisions into PDCA items', async () => {
    const system = await post('/api/v1/ai-systems', owner, { ...registrationBody('Agenda subject'), accountableOwnerId: owner.user.id });
    const item = await post('/api/v1/pdca-items', gov, {
      kind: 'nonconformity',
      title: 'Inventory entry incomplete',
      description: 'Agenda subject lacks a data inventory',
      ownerId: owner.user.id,
      aiSystemId: system.body.id,
      dueAt: inAnHour(),
    });
    expect(item.status).toBe(201);
    const dataReady = Date.now();

    // The live report is the agenda the next review would be convened with.
    const live = await get('/api/v1/reports/management-system', gov);
    expect(live.status).toBe(200);
    const [{ n: systemsNow }] = await h.dataSource.query('SELECT count(*)::int AS n FROM ai_systems');
    expect(live.body.inventory.total).toBe(systemsNow);
    expect(live.body.openPdcaItems.items.map((i: { id: string }) => i.id)).toContain(item.body.id);
    expect((await get('/api/v1/reports/management-system', owner)).status).toBe(403);

    // The next review the schedule starts sees that data.
    const review = await waitUntil(async () => {
      const list = (await get('/api/v1/management-reviews', gov)).body as Array<{ id: string; convenedAt: string }>;
      return list.find((r) => new Date(r.convenedAt).getTime() > dataReady);
    }, 20_000, 'a management review convened by the schedule');
    const full = (await get(`/api/v1/management-reviews/${review.id}`, gov)).body;
    // The agenda is the management-system report: not for someone who may not read that report and was not invited.
    // the report's rule (issue 16): a product owner reads neither the list nor a review
    expect((await get('/api/v1/management-reviews', owner)).status).toBe(403);
    const hidden = await get(`/api/v1/management-reviews/${review.id}`, owner);
    expect({ status: hidden.status, message: hidden.body.message }).toEqual({ status: 403, message: 'this needs one of the roles: governance_office, auditor, admin' });
    expect((await get(`/api/v1/management-reviews/${review.id}`, auditor)).status).toBe(200);
    expect(full.status).toBe('scheduled');
    expect(new Date(full.meetingAt).getTime() - new Date(full.convenedAt).getTime()).toBe(4000);
    expect(full.participants.map((p: { id: string }) => p.id)).toContain(gov.user.id);
    expect(full.participants.map((p: { id: string }) => p.id)).not.toContain(owner.user.id);
    const [counts] = await h.dataSource.query(`SELECT count(*)::int AS systems FROM ai_systems`);
    expect(full.agenda.inventory.total).toBe(counts.systems);
    expect(full.agenda.inventory.byStage.design).toBeGreaterThanOrEqual(1);
    expect(full.agenda.openPdcaItems.items.map((i: { title: string }) => i.title)).toContain('Inventory entry incomplete');

    const invitation = await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.startsWith('Management review on') && m.text.includes('Inventory entry incomplete'), 10_000);
    expect(invitation.text).toMatch(/2\. AI inventory: \d+ systems/);
    await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.startsWith('Reminder: management review') && m.text.includes('Inventory entry incomplete'), 10_000);
    await waitUntil(async () => (await get(`/api/v1/management-reviews/${full.id}`, gov)).body.remindedAt, 5_000, 'the reminder stamp');

    // Minutes: validated first (nothing written on refusal), then decisions become PDCA items.
    const before = await countsBesideTheCycles();
    const decision = { title: 'Complete every data inventory', description: 'All systems in design need a data inventory', kind: 'improvement', ownerId: owner.user.id, dueAt: inAnHour() };
    expect((await post(`/api/v1/management-reviews/${full.id}/minutes`, owner, { minutes: 'x', attendeeIds: [], decisions: [] })).status).toBe(403);
    const badOwner = await post(`/api/v1/management-reviews/${full.id}/minutes`, gov, { minutes: 'x', attendeeIds: [], decisions: [{ ...decision, ownerId: '00000000-0000-4000-8000-000000000000' }] });
    expect({ status: badOwner.status, field: badOwner.body.field }).toEqual({ status: 400, field: 'decisions.0.ownerId' });
    expect(await countsBesideTheCycles()).toEqual(before);
    const recorded = await post(`/api/v1/management-reviews/${full.id}/minutes`, gov, { minutes: 'Reviewed the inventory and open items.', attendeeIds: [gov.user.id], decisions: [decision] });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ status: 'held', attendeeIds: [gov.user.id] });
    const pdcaItemId = recorded.body.decisions[0].pdcaItemId as string;
    const fromReview = await waitUntil(async () => {
      const found = await get(`/api/v1/pdca-items/${pdcaItemId}`, gov);
      return found.status === 200 ? found.body : undefined;
    }, 10_000, 'the decision as a PDCA item');
    expect(fromReview).toMatchObject({ kind: 'improvement', ownerId: owner.user.id, source: { type: 'management_review', id: full.id } });
    const again = await post(`/api/v1/management-reviews/${full.id}/minutes`, gov, { minutes: 'again', attendeeIds: [], decisions: [] });
    expect(again.status).toBe(409);

    // The next review reports on the actions of the previous ones.
    const recordedAt = Date.now();
    const next = await waitUntil(async () => {
      const list = (await get('/api/v1/management-reviews', gov)).body as Array<{ convenedAt: string; agenda: { previousActions: { items: Array<{ id: string }> } } }>;
      return list.find((r) => new Date(r.convenedAt).getTime() > recordedAt);
    }, 20_000, 'the following management review');
    expect(next.agenda.previousActions.items.map((i) => i.id)).toContain(pdcaItemId);
    const types = (await h.dataSource.query('SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq', [`management-review:${full.id}`])).map(
      (r: { event_type: string }) => r.event_type,
    );
    expect(types).toEqual(['management_review.convened', 'management_review.reminded', 'management_review.minutes_recorded']);
    const [{ workflow_id: reviewWorkflowId }] = await h.dataSource.query('SELECT workflow_id FROM management_reviews WHERE id = $1', [full.id]);
    await saveServerHistoryForReplay(reviewWorkflowId, 'management-review-with-minutes');
  });

  it('opens internal audits on their schedule with the inventory as scope; findings become PDCA items', async () => {
    const opened = await waitUntil(async () => {
      const list = (await get('/api/v1/internal-audits', gov)).body as Array<{ id: string; status: string; auditors: Array<{ id: string }> }>;
      return list.find((a) => a.status === 'open' && a.auditors.some((x) => x.id === auditor.user.id));
    }, 20_000, 'an internal audit opened by the schedule');
    const audit = (await get(`/api/v1/internal-audits/${opened.id}`, auditor)).body;
    expect((await get('/api/v1/internal-audits', owner)).status).toBe(403);
    const hidden = await get(`/api/v1/internal-audits/${opened.id}`, owner);
    expect({ status: hidden.status, message: hidden.body.message }).toEqual({ status: 403, message: 'this needs one of the roles: governance_office, auditor, admin' });
    expect(audit.scope.map((s: { name: string }) => s.name)).toContain('Agenda subject');
    await h.mail.waitFor((m) => m.to.includes(auditor.user.email) && m.subject.startsWith('Internal audit opened'), 10_000);

    expect((await post(`/api/v1/internal-audits/${audit.id}/report`, owner, { summary: 'x', findings: [] })).status).toBe(403);
    const finding = { title: 'No evidence of bias testing', description: 'Agenda subject has no bias test report', kind: 'nonconformity', ownerId: owner.user.id, dueAt: inAnHour() };
    const reported = await post(`/api/v1/internal-audits/${audit.id}/report`, auditor, { summary: 'One nonconformity found.', findings: [finding] });
    expect(reported.status).toBe(201);
    expect(reported.body.status).toBe('completed');
    const itemId = reported.body.findings[0].pdcaItemId as string;
    const item = await waitUntil(async () => {
      const found = await get(`/api/v1/pdca-items/${itemId}`, gov);
      return found.status === 200 ? found.body : undefined;
    }, 10_000, 'the finding as a PDCA item');
    expect(item).toMatchObject({ kind: 'nonconformity', source: { type: 'audit_finding', id: audit.id } });
    expect((await post(`/api/v1/internal-audits/${audit.id}/report`, auditor, { summary: 'again', findings: [] })).status).toBe(409);
  });

  it('creates, updates and removes the schedules idempotently from the policy', async () => {
    const queue = `schedule-upsert-${Date.now()}`;
    const policy = loadGovernancePolicy(POLICY_FILE);
    const every = async (id: string) => ((await client.schedule.getHandle(id).describe()).spec.intervals ?? [])[0]?.every;
    expect(await upsertGovernanceSchedules(client, queue, policy)).toEqual([managementReviewScheduleId(queue), internalAuditScheduleId(queue)]);
    await upsertGovernanceSchedules(client, queue, policy); // a second worker starting
    expect(await every(managementReviewScheduleId(queue))).toBe(5000);
    await upsertGovernanceSchedules(client, queue, { ...policy, managementReview: { ...policy.managementReview!, cadence: 'P3M' } });
    expect(await every(managementReviewScheduleId(queue))).toBe(90 * 86_400_000);
    await upsertGovernanceSchedules(client, queue, { ...policy, managementReview: null, internalAudit: null });
    for (const id of [managementReviewScheduleId(queue), internalAuditScheduleId(queue)]) {
      await expect(client.schedule.getHandle(id).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    }
  });
});
