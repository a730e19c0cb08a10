import { Client, Connection } from '@temporalio/client';
import { join } from 'node:path';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { testDataConverter } from '../../support/temporal-data-converter';
import { waitUntil } from '../../support/wait-until';
import { saveServerHistoryForReplay } from '../../workflows/history-recorder';

const SECOND = 1000;

/**
 * The serious incident clock (workflow `seriousIncidentClock`) on the integration run's Temporal
 * dev server, with the real worker, PostgreSQL and the SMTP capture, and a policy whose clocks
 * run in seconds (test/fixtures/policies/serious-incident-clock-policy.yaml: death 30 s,
 * widespread or critical infrastructure 12 s, reminders 8 s and 4 s before, escalation to admins
 * 3 s before). Workflow time is real time here: each test waits for the mails the clock sends.
 */
describe('serious incident clock (durable timers)', () => {
  let h: Harness;
  let gov: HarnessUser;
  let owner: HarnessUser;
  let admin: HarnessUser;
  let system: { id: string; path: string; name: string };
  let temporal: Client;

  const post = (path: string, by: HarnessUser, body: unknown = {}) => h.api('POST', path, { token: by.token, body });
  const get = (path: string, by: HarnessUser) => h.api('GET', path, { token: by.token });
  const incidentEvent = async (description: string) => {
    const answer = await post(`${system.path}/monitoring-events`, owner, { kind: 'incident', severity: 'high', source: 'clinic', description });
    expect(answer.status).toBe(201);
    return answer.body.eventId as string;
  };
  /** Mails about one incident (its page link is in each), in arrival order. */
  const mailsAbout = (incidentId: string) => h.mail.messages().filter((m) => m.text.includes(`/serious-incidents/${incidentId}`));
  const streamTypes = async (eventId: string): Promise<string[]> =>
    (await h.dataSource.query('SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq', [`serious-incident:${eventId}`])).map((r: { event_type: string }) => r.event_type);

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/serious-incident-clock-policy.yaml') });
    gov = await h.createUser(['governance_office'], { name: 'Gina Governance' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    admin = await h.createUser(['admin'], { name: 'Adam Admin' });
    system = await registerForApproval(h, owner, 'minimal', { name: 'Grid balancer' });
    const task = await openTaskOf(h, system.id, gov);
    expect((await post(`/api/v1/tasks/${task.id}/decision`, gov, { decision: 'approve' })).status).toBe(200);
    await waitUntil(async () => ((await get(system.path, owner)).body.stage === 'deployment' ? true : undefined), 30_000, 'the approval');
    expect((await post(`${system.path}/deployments`, owner, { version: '2.4.0', environment: 'production' })).body.stage).toBe('operation');
    temporal = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS }), dataConverter: testDataConverter() });
  }, 180_000);
  afterAll(async () => {
    await temporal?.connection.close();
    await h?.stop();
  });

  it('reminds the owner and the governance office at each offset, escalates to admins, marks the deadline missed, and records a late submission', async () => {
    const eventId = await incidentEvent('substation load shed wrongly across a region');
    const declared = await post('/api/v1/serious-incidents', owner, {
      monitoringEventId: eventId,
      category: 'widespread_or_critical_infrastructure',
      summary: 'The balancer shed load at a substation that feeds a hospital.',
    });
    expect(declared.status).toBe(201);
    const id = declared.body.id as string;
    const deadline = Date.parse(declared.body.deadlineAt);
    expect(deadline - Date.parse(declared.body.awareAt)).toBe(12 * SECOND);

    // Declared (owner, governance office), two reminders (8 s and 4 s before), escalation (3 s before), missed (at the deadline).
    const missed = await h.mail.waitFor((m) => m.to.includes(admin.user.email) && m.subject.includes('Overdue: serious incident reporting deadline'), 30_000);
    expect(Date.parse(missed.receivedAt)).toBeGreaterThanOrEqual(deadline);
    const subjectsTo = (who: HarnessUser) => mailsAbout(id).filter((m) => m.to.includes(who.user.email)).map((m) => m.subject.replace(/^\[Grid balancer\] /, '').replace(/\d+ s/, 'N s'));
    await waitUntil(async () => (subjectsTo(owner).length >= 5 ? true : undefined), 10_000, 'the owner’s notices');
    expect(subjectsTo(owner)).toEqual([
      expect.stringMatching(/^Serious incident: report due by /),
      'Reminder: serious incident report due in N s',
      'Reminder: serious incident report due in N s',
      'Escalated: serious incident report due in N s, not submitted',
      expect.stringMatching(/^Overdue: serious incident reporting deadline .* missed$/),
    ]);
    expect(subjectsTo(gov)).toEqual([
      expect.stringMatching(/^Serious incident: report due by /),
      'Reminder: serious incident report due in N s',
      'Reminder: serious incident report due in N s',
      expect.stringMatching(/^Overdue: /),
    ]);
    // The escalation goes to the policy's role; the reminders do not.
    expect(subjectsTo(admin)).toEqual(['Escalated: serious incident report due in N s, not submitted', expect.stringMatching(/^Overdue: /)]);

    const read = await waitUntil(async () => {
      const body = (await get(`/api/v1/serious-incidents/${id}`, gov)).body;
      return body.deadlineMissedAt ? body : undefined;
    }, 10_000, 'the missed deadline on the incident');
    expect(read).toMatchObject({ status: 'open', missedDeadline: true, remindersSent: 2 });
    expect(Date.parse(read.escalatedAt)).toBeLessThan(Date.parse(read.deadlineMissedAt));
    expect(Date.parse(read.deadlineMissedAt)).toBeGreaterThanOrEqual(deadline);
    expect(await streamTypes(eventId)).toEqual([
      'serious_incident.declared',
      'serious_incident.reminded',
      'serious_incident.reminded',
      'serious_incident.escalated',
      'serious_incident.deadline_missed',
    ]);

    // Submitting after the deadline is accepted, recorded as late, and ends the clock.
    const late = await post(`/api/v1/serious-incidents/${id}/submission`, gov, { authority: 'ACM', reference: 'ACM-2026-17' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ status: 'submitted', submission: { late: true } });
    const handle = temporal.workflow.getHandle(`serious-incident:${eventId}`);
    expect(await handle.result()).toMatchObject({ status: 'submitted', submittedLate: true, overdue: true, escalated: true, remindersSent: 2 });
    await saveServerHistoryForReplay(`serious-incident:${eventId}`, 'serious-incident-clock-missed-then-late');
  }, 90_000);

  it('a submission before the deadline stops the clock: no reminder, escalation or missed deadline follows', async () => {
    const eventId = await incidentEvent('forecast error shut a pumping station');
    // Aware 20 s ago in the 30 s category: 10 s left, the first reminder due in 2 s.
    const declared = await post('/api/v1/serious-incidents', owner, {
      monitoringEventId: eventId,
      category: 'death',
      awareAt: new Date(Date.now() - 20 * SECOND).toISOString(),
      summary: 'A patient on home dialysis lost supply.',
    });
    expect(declared.status).toBe(201);
    const id = declared.body.id as string;
    const submitted = await post(`/api/v1/serious-incidents/${id}/submission`, owner, { authority: 'ACM', reference: 'ACM-2026-18' });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', missedDeadline: false, submission: { late: false, submittedBy: { id: owner.user.id } } });
    const handle = temporal.workflow.getHandle(`serious-incident:${eventId}`);
    expect(await handle.result()).toMatchObject({ status: 'submitted', submittedLate: false, overdue: false, escalated: false });
    expect((await handle.describe()).status.name).toBe('COMPLETED');

    // Past where the reminders, the escalation and the deadline would have been: only the declaration and the submission were mailed.
    const deadline = Date.parse(declared.body.deadlineAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()) + 2 * SECOND));
    expect(mailsAbout(id).map((m) => m.subject.replace(/^\[Grid balancer\] /, '')).sort()).toEqual(
      [
        expect.stringMatching(/^Serious incident: report due by /),
        expect.stringMatching(/^Serious incident: report due by /),
        'Serious incident report submitted to ACM',
        'Serious incident report submitted to ACM',
      ].sort(),
    );
    expect(await streamTypes(eventId)).toEqual(['serious_incident.declared', 'serious_incident.report_submitted']);
    const [row] = await h.dataSource.query('SELECT reminders_sent, escalated_at, overdue_at FROM serious_incidents WHERE id = $1', [id]);
    expect(row).toEqual({ reminders_sent: 0, escalated_at: null, overdue_at: null });
    await saveServerHistoryForReplay(`serious-incident:${eventId}`, 'serious-incident-clock-submitted-in-time');
  }, 60_000);

  it('a stricter category shortens the running clock and re-arms it; a relaxed one is the governance office’s, and refused once the deadline was missed', async () => {
    const eventId = await incidentEvent('grid frequency controller oscillated');
    const declared = await post('/api/v1/serious-incidents', owner, { monitoringEventId: eventId, category: 'death', summary: 'A ventilated patient lost power at home.' });
    const id = declared.body.id as string;
    const url = `/api/v1/serious-incidents/${id}/classification`;
    // Relaxing lengthens it: the governance office may, the owner may not.
    expect((await post(url, owner, { category: 'general', reason: 'nobody died' })).status).toBe(403);
    const relaxed = await post(url, gov, { category: 'general', reason: 'The patient was moved in time; nobody died.' });
    expect(relaxed.status).toBe(201);
    expect(Date.parse(relaxed.body.deadlineAt) - Date.parse(declared.body.awareAt)).toBe(15 * 86_400_000);
    // Then worse news: widespread. The deadline is 12 s from the same awareness, already closer than before.
    const stricter = await post(url, owner, { category: 'widespread_or_critical_infrastructure', reason: 'The outage spread to three regions.' });
    expect(stricter.status).toBe(201);
    const deadline = Date.parse(stricter.body.deadlineAt);
    expect(deadline - Date.parse(declared.body.awareAt)).toBe(12 * SECOND);
    await h.mail.waitFor((m) => m.to.includes(admin.user.email) && m.text.includes(`/serious-incidents/${id}`) && m.subject.includes('] Overdue:'), 30_000);
    await waitUntil(async () => ((await get(`/api/v1/serious-incidents/${id}`, gov)).body.deadlineMissedAt ? true : undefined), 10_000, 'the missed deadline');
    const refused = await post(url, gov, { category: 'death', reason: 'it was not widespread after all' });
    expect({ status: refused.status, field: refused.body.field }).toEqual({ status: 409, field: 'category' });
    expect(refused.body.message).toMatch(/missed/);
    expect(await streamTypes(eventId)).toEqual(
      expect.arrayContaining(['serious_incident.declared', 'serious_incident.reclassified', 'serious_incident.escalated', 'serious_incident.deadline_missed']),
    );
    const types = await streamTypes(eventId);
    expect(types.filter((t) => t === 'serious_incident.reclassified')).toHaveLength(2);
    expect(types.at(-1)).toBe('serious_incident.deadline_missed');
    // Closed, so later tests' timers are the only ones left running.
    expect((await post(`/api/v1/serious-incidents/${id}/submission`, gov, { authority: 'ACM', reference: 'ACM-2026-19' })).status).toBe(201);
    await saveServerHistoryForReplay(`serious-incident:${eventId}`, 'serious-incident-clock-reclassified');
  }, 60_000);
});
