import { join } from 'node:path';
import { seriousIncidentReportSha256 } from '@aigov/persistence/serious-incident-report';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { pdfPages } from '../../support/pdf-text';
import { waitUntil } from '../../support/wait-until';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const model = { name: 'triage-net', version: '3.1', checksum: `sha256:${'c'.repeat(64)}` };

/**
 * Serious incidents (EU AI Act Art. 73) through the API on the real stack, with the Act's own
 * deadlines (test/fixtures/policies/serious-incidents-policy.yaml has no seriousIncidents
 * section): marking an incident serious and every refusal of it (writing nothing), the deadline
 * from awareness and category, reclassification both ways, the report drafted from the engine's
 * data as JSON and PDF (read back with pdf-parse), the submission that freezes it, the audit
 * chain, the lists, the dashboard and the management review's agenda, and a missed deadline.
 */
describe('serious incidents (EU AI Act Art. 73)', () => {
  let h: Harness;
  let gov: HarnessUser;
  let owner: HarnessUser;
  let stranger: HarnessUser;
  let auditor: HarnessUser;
  let system: { id: string; path: string; name: string };
  const events: Record<'drift' | 'incidentA' | 'incidentB' | 'incidentLate' | 'critical', string> = {} as never;

  const post = (path: string, by: HarnessUser, body: unknown = {}) => h.api('POST', path, { token: by.token, body });
  const get = (path: string, by: HarnessUser) => h.api('GET', path, { token: by.token });
  /** every table the harness counts, and this feature's own */
  const counts = async () => ({
    ...(await h.rowCounts()),
    serious_incidents: (await h.dataSource.query('SELECT count(*)::int AS n FROM serious_incidents'))[0].n as number,
  });
  const refusedWritingNothing = async (request: () => Promise<{ status: number; body: any }>, status: number, field: string | undefined) => {
    const before = await counts();
    const answer = await request();
    expect({ status: answer.status, field: answer.body.field }).toEqual({ status, field });
    expect(answer.body.message).toEqual(expect.any(String));
    expect(await counts()).toEqual(before);
    return answer.body;
  };

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/serious-incidents-policy.yaml') });
    gov = await h.createUser(['governance_office'], { name: 'Gina Governance' });
    owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    stranger = await h.createUser(['product_owner'], { name: 'Sam Stranger' });
    auditor = await h.createUser(['auditor']);
    await h.createUser(['admin']);
    system = await registerForApproval(h, owner, 'minimal', { name: 'Emergency triage' });
    const task = await openTaskOf(h, system.id, gov);
    expect((await post(`/api/v1/tasks/${task.id}/decision`, gov, { decision: 'approve' })).status).toBe(200);
    await waitUntil(async () => ((await get(system.path, owner)).body.stage === 'deployment' ? true : undefined), 30_000, 'the approval');
    expect((await post(`${system.path}/deployments`, owner, { version: '1.0.0', environment: 'production', model })).body.stage).toBe('operation');
    const event = async (body: Record<string, unknown>) => {
      const answer = await post(`${system.path}/monitoring-events`, owner, body);
      expect(answer.status).toBe(201);
      return answer.body.eventId as string;
    };
    events.drift = await event({ kind: 'drift', severity: 'low', metric: 'psi', observedValue: 0.05, threshold: 0.2 });
    events.incidentA = await event({ kind: 'incident', severity: 'high', source: 'ward-3', description: 'triage score far too low for a chest-pain patient' });
    events.incidentB = await event({ kind: 'incident', severity: 'high', source: 'ward-5', description: 'a second wrong score' });
    events.incidentLate = await event({ kind: 'incident', severity: 'high', source: 'ward-1', description: 'reported by a nurse two weeks ago' });
    // Critical: the tier suspends the system at once and opens an incident review.
    const critical = await post(`${system.path}/monitoring-events`, owner, { kind: 'incident', severity: 'critical', source: 'ward-3', description: 'patient harmed' });
    expect(critical.body).toMatchObject({ response: 'suspend', stage: 'rollback' });
    events.critical = critical.body.eventId;
    await waitUntil(async () => ((await h.dataSource.query(`SELECT 1 FROM pdca_items WHERE source_id = $1`, [events.critical])).length ? true : undefined), 10_000, 'the incident review');
    await h.mail.waitFor((m) => m.to.includes(owner.user.email) && /Suspended after a critical incident event/.test(m.subject), 10_000);
  }, 180_000);
  afterAll(async () => h?.stop());

  const declare = (by: HarnessUser, body: Record<string, unknown>) => post('/api/v1/serious-incidents', by, body);

  it('refuses bad input, a non-incident, an unknown event, the wrong people, and writes nothing', async () => {
    const good = { monitoringEventId: events.critical, category: 'general', summary: 'A patient was harmed after a wrong triage score.' };
    await refusedWritingNothing(() => declare(owner, { ...good, category: 'catastrophic' }), 400, 'category');
    const future = await refusedWritingNothing(() => declare(owner, { ...good, awareAt: new Date(Date.now() + HOUR).toISOString() }), 400, 'awareAt');
    expect(future.message).toMatch(/future/);
    await refusedWritingNothing(() => declare(owner, { ...good, awareAt: 'yesterday' }), 400, 'awareAt');
    await refusedWritingNothing(() => declare(owner, { ...good, summary: '' }), 400, 'summary');
    await refusedWritingNothing(() => declare(owner, { ...good, monitoringEventId: 'not-a-uuid' }), 400, 'monitoringEventId');
    await refusedWritingNothing(() => declare(owner, { ...good, extra: true }), 400, 'extra');
    const drift = await refusedWritingNothing(() => declare(owner, { ...good, monitoringEventId: events.drift }), 422, 'monitoringEventId');
    expect(drift.message).toMatch(/low drift event is not an incident/);
    await refusedWritingNothing(() => declare(owner, { ...good, monitoringEventId: '00000000-0000-4000-8000-000000000000' }), 404, 'monitoringEventId');
    await refusedWritingNothing(() => declare(stranger, good), 403, undefined); // may not even see the system
    await refusedWritingNothing(() => declare(auditor, good), 403, 'monitoringEventId');
  });

  let incident: any;

  it('marks an incident serious from an earlier awareness time: the deadline is 15 days from it, the clock starts, the owner and the governance office are told', async () => {
    const awareAt = new Date(Date.now() - 2 * HOUR).toISOString();
    const answer = await declare(owner, { monitoringEventId: events.critical, category: 'general', awareAt, summary: 'A patient was harmed after a wrong triage score.' });
    expect(answer.status).toBe(201);
    incident = answer.body;
    expect(incident).toMatchObject({
      monitoringEventId: events.critical,
      aiSystemId: system.id,
      systemName: 'Emergency triage',
      category: 'general',
      status: 'open',
      awareAt,
      deadlineAt: new Date(Date.parse(awareAt) + 15 * DAY).toISOString(),
      missedDeadline: false,
      versionInOperation: '1.0.0',
      declaredBy: { id: owner.user.id },
      submission: null,
      allowedActions: ['reclassify', 'submit'],
      event: { kind: 'incident', severity: 'critical', source: 'ward-3' },
    });
    expect(incident.msLeft).toBeGreaterThan(15 * DAY - 3 * HOUR);
    expect(incident.deadlineBasis).toMatch(/15 days/);
    expect(incident.history.map((e: { eventType: string }) => e.eventType)).toEqual(['serious_incident.declared']);
    for (const who of [owner, gov]) {
      const mail = await h.mail.waitFor((m) => m.to.includes(who.user.email) && m.subject.includes('Serious incident: report due by'), 10_000);
      expect(mail.subject).toContain('[Emergency triage]');
      expect(mail.text).toContain(`/serious-incidents/${incident.id}`);
    }
    // The governance office sees it with the right to relax it too.
    expect((await get(`/api/v1/serious-incidents/${incident.id}`, gov)).body.allowedActions).toEqual(['reclassify', 'submit']);
  });

  it('refuses marking the same incident twice (409) and writes nothing', async () => {
    await refusedWritingNothing(() => declare(gov, { monitoringEventId: events.critical, category: 'death', summary: 'again' }), 409, 'monitoringEventId');
  });

  it('reclassifies: stricter by the owner shortens the deadline from the same awareness; relaxing is for the governance office, with a reason', async () => {
    const url = `/api/v1/serious-incidents/${incident.id}/classification`;
    await refusedWritingNothing(() => post(url, owner, { category: 'general', reason: 'no change' }), 409, 'category');
    await refusedWritingNothing(() => post(url, owner, { category: 'death', reason: '' }), 400, 'reason');
    await refusedWritingNothing(() => post(url, owner, { category: 'fatal', reason: 'x' }), 400, 'category');
    await refusedWritingNothing(() => post(url, stranger, { category: 'death', reason: 'x' }), 403, undefined);
    const stricter = await post(url, owner, { category: 'death', reason: 'The hospital says the patient may have died.' });
    expect(stricter.status).toBe(201);
    expect(stricter.body).toMatchObject({ category: 'death', deadlineAt: new Date(Date.parse(incident.awareAt) + 10 * DAY).toISOString() });
    expect(stricter.body.history.at(-1)).toMatchObject({
      eventType: 'serious_incident.reclassified',
      by: owner.user.email,
      payload: { from: 'general', to: 'death', direction: 'stricter', previousDeadlineAt: incident.deadlineAt },
    });
    // The owner may not relax it back: that would lengthen the deadline.
    const relaxByOwner = await refusedWritingNothing(() => post(url, owner, { category: 'general', reason: 'not so bad' }), 403, 'category');
    expect(relaxByOwner.message).toMatch(/only the governance office/);
    const relaxed = await post(url, gov, { category: 'general', reason: 'The patient survived: confirmed by the hospital.' });
    expect(relaxed.status).toBe(201);
    expect(relaxed.body).toMatchObject({ category: 'general', deadlineAt: incident.deadlineAt });
    expect(relaxed.body.history.at(-1).payload).toMatchObject({ direction: 'relaxed', reason: 'The patient survived: confirmed by the hospital.' });
    await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.includes('Serious incident reclassified (Serious incident)'), 10_000);
  });

  it('drafts the report from the engine’s data as JSON: system, version and model, events, the suspension, the incident review, a timeline', async () => {
    const answer = await get(`/api/v1/serious-incidents/${incident.id}/report`, owner);
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report).toMatchObject({
      kind: 'serious_incident_report',
      legalBasis: expect.stringContaining('Art. 73'),
      draft: true,
      submission: null,
      incident: { id: incident.id, category: 'general', summary: 'A patient was harmed after a wrong triage score.' },
      system: { id: system.id, name: 'Emergency triage', riskTier: 'minimal', versionInOperation: '1.0.0', model, currentVersion: null, accountableOwner: { id: owner.user.id } },
    });
    expect(report.events.find((e: { marked: boolean }) => e.marked)).toMatchObject({ id: events.critical, kind: 'incident', severity: 'critical', description: 'patient harmed' });
    expect(report.actionsTaken.stageChanges).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'operation', to: 'rollback', action: 'rollback' })]));
    expect(report.actionsTaken.pdcaItems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'nonconformity', incidentReview: true })]));
    const times = report.timeline.map((t: { at: string }) => t.at);
    expect(times).toEqual([...times].sort());
    expect(report.timeline.map((t: { what: string }) => t.what)).toEqual(
      expect.arrayContaining(['The organisation became aware of the incident', expect.stringMatching(/^Marked a serious incident/), expect.stringMatching(/^Reclassified from death to general/)]),
    );
    // Nobody but those who may see the system reads it.
    expect((await get(`/api/v1/serious-incidents/${incident.id}/report`, stranger)).status).toBe(403);
    expect((await get(`/api/v1/serious-incidents/00000000-0000-4000-8000-000000000000/report`, gov)).status).toBe(404);
    expect((await get(`/api/v1/serious-incidents/${incident.id}/report?format=docx`, gov)).body.field).toBe('format');
  });

  it('drafts the report as a PDF whose text carries the same facts, marked DRAFT', async () => {
    const response = await fetch(`${h.baseUrl}/api/v1/serious-incidents/${incident.id}/report?format=pdf`, { headers: { authorization: `Bearer ${gov.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="serious-incident-.*-draft\.pdf"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPages(bytes)).join('\n');
    for (const expected of ['Serious incident report', 'Art. 73', 'DRAFT: not yet submitted', 'Emergency triage', 'Version in operation', '1.0.0', 'triage-net 3.1', 'patient harmed', 'Timeline', 'incident review']) {
      expect(text).toContain(expected);
    }
  });

  it('refuses a submission by the wrong people, in the future or before awareness, and writes nothing', async () => {
    const url = `/api/v1/serious-incidents/${incident.id}/submission`;
    const body = { authority: 'Bundesnetzagentur', reference: 'MSA-2026-0042' };
    await refusedWritingNothing(() => post(url, auditor, body), 403, 'authority');
    await refusedWritingNothing(() => post(url, stranger, body), 403, undefined);
    await refusedWritingNothing(() => post(url, gov, { ...body, submittedAt: new Date(Date.now() + HOUR).toISOString() }), 400, 'submittedAt');
    await refusedWritingNothing(() => post(url, gov, { ...body, submittedAt: new Date(Date.parse(incident.awareAt) - HOUR).toISOString() }), 400, 'submittedAt');
    await refusedWritingNothing(() => post(url, gov, { reference: 'x' }), 400, 'authority');
  });

  it('records the submission (who, when, authority, reference), freezes the report with its SHA-256 in the audit trail, stops the clock, and refuses a second one', async () => {
    const url = `/api/v1/serious-incidents/${incident.id}/submission`;
    const answer = await post(url, gov, { authority: 'Bundesnetzagentur', reference: 'MSA-2026-0042', note: 'Sent through the authority portal.' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: 'submitted',
      msLeft: null,
      missedDeadline: false,
      allowedActions: [],
      submission: { authority: 'Bundesnetzagentur', reference: 'MSA-2026-0042', late: false, submittedBy: { id: gov.user.id }, note: 'Sent through the authority portal.' },
    });
    const sha = answer.body.submission.reportSha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await h.dataSource.query(`SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'serious_incident.report_submitted'`, [`serious-incident:${events.critical}`]);
    expect(audit.payload).toMatchObject({ reportSha256: sha, late: false, authority: 'Bundesnetzagentur' });

    const frozen = (await get(`/api/v1/serious-incidents/${incident.id}/report`, owner)).body;
    expect(frozen).toMatchObject({ draft: false, submission: { authority: 'Bundesnetzagentur', reference: 'MSA-2026-0042', late: false } });
    expect(seriousIncidentReportSha256(frozen)).toBe(sha);
    expect(frozen.timeline.at(-1).what).toMatch(/^Report submitted to Bundesnetzagentur/);
    const pdf = await fetch(`${h.baseUrl}/api/v1/serious-incidents/${incident.id}/report?format=pdf`, { headers: { authorization: `Bearer ${owner.token}` } });
    const text = (await pdfPages(Buffer.from(await pdf.arrayBuffer()))).join('\n');
    expect(text).toContain(sha.slice(0, 32));
    expect(text).not.toContain('DRAFT');

    // The clock has ended with the submission.
    await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject.includes('Serious incident report submitted to Bundesnetzagentur'), 10_000);
    await refusedWritingNothing(() => post(url, gov, { authority: 'Again', reference: 'twice' }), 409, 'submittedAt');
    await refusedWritingNothing(() => post(`/api/v1/serious-incidents/${incident.id}/classification`, gov, { category: 'death', reason: 'late news' }), 409, 'category');

    // Everything is in the system's hash-chained audit trail, and the chain verifies.
    const trail = (await get(`${system.path}/audit-trail`, gov)).body;
    expect(trail.verification.ok).toBe(true);
    expect(trail.events.filter((e: { streamId: string }) => e.streamId === `serious-incident:${events.critical}`).map((e: { eventType: string }) => e.eventType)).toEqual([
      'serious_incident.declared',
      'serious_incident.reclassified',
      'serious_incident.reclassified',
      'serious_incident.report_submitted',
    ]);
  });

  let open: any;

  it('lists incidents to those who may see the system, open ones first, and shows open ones with their time left on the dashboard', async () => {
    open = (await declare(gov, { monitoringEventId: events.incidentA, category: 'death', summary: 'A second patient may have died.' })).body;
    expect(open).toMatchObject({ category: 'death', declaredBy: { id: gov.user.id }, status: 'open' });
    const mine = (await get('/api/v1/serious-incidents', owner)).body;
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([open.id, incident.id]);
    expect((await get('/api/v1/serious-incidents', stranger)).body.items).toEqual([]);
    expect((await get('/api/v1/serious-incidents?status=submitted', auditor)).body.items.map((i: { id: string }) => i.id)).toEqual([incident.id]);
    expect((await get('/api/v1/serious-incidents?status=sometimes', gov)).body.field).toBe('status');

    const dashboard = (await get('/api/v1/reports/dashboard', gov)).body;
    expect(dashboard.seriousIncidents).toMatchObject({ open: 1, openPastDeadline: 0, submittedLate: 0 });
    expect(dashboard.seriousIncidents.items).toEqual([expect.objectContaining({ id: open.id, systemName: 'Emergency triage', category: 'death', status: 'open', missedDeadline: false })]);
    expect(dashboard.seriousIncidents.items[0].msLeft).toBeGreaterThan(9 * DAY);
  });

  it('a deadline already passed at awareness is marked missed at once (admins told), visible on the dashboard and the agenda; a late submission is accepted and recorded as late', async () => {
    const awareAt = new Date(Date.now() - 16 * DAY).toISOString();
    const late = (await declare(owner, { monitoringEventId: events.incidentLate, category: 'general', awareAt, summary: 'Reported by a nurse two weeks ago; found in the ward log today.' })).body;
    expect(late).toMatchObject({ status: 'open', missedDeadline: true });
    expect(late.msLeft).toBeLessThan(0);
    const marked = await waitUntil(async () => {
      const read = (await get(`/api/v1/serious-incidents/${late.id}`, gov)).body;
      return read.deadlineMissedAt ? read : undefined;
    }, 15_000, 'the missed deadline');
    expect(marked.history.map((e: { eventType: string }) => e.eventType)).toEqual(['serious_incident.declared', 'serious_incident.deadline_missed']);
    expect(marked.allowedActions).toEqual(['reclassify', 'submit']); // relaxing is refused once missed
    await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.includes('Overdue: serious incident reporting deadline'), 10_000);
    const relax = await post(`/api/v1/serious-incidents/${late.id}/classification`, gov, { category: 'general', reason: 'x' });
    expect(relax.status).toBe(409); // same category
    const stricter = await post(`/api/v1/serious-incidents/${late.id}/classification`, owner, { category: 'death', reason: 'a patient may have died' });
    expect(stricter.status).toBe(201);
    await refusedWritingNothing(
      () => post(`/api/v1/serious-incidents/${late.id}/classification`, gov, { category: 'general', reason: 'we think it was fine after all' }),
      409,
      'category',
    );

    const dashboard = (await get('/api/v1/reports/dashboard', gov)).body;
    expect(dashboard.seriousIncidents).toMatchObject({ open: 2, openPastDeadline: 1 });
    expect(dashboard.seriousIncidents.items[0]).toMatchObject({ id: late.id, missedDeadline: true });
    const agenda = (await get('/api/v1/reports/management-system', gov)).body;
    expect(agenda.seriousIncidents).toMatchObject({ declaredSince: 3, submittedSince: 1, submittedLateSince: 0, open: 2, openPastDeadline: 1 });
    expect(agenda.seriousIncidents.items[0]).toMatchObject({ id: late.id, systemName: 'Emergency triage', missedDeadline: true, status: 'open' });

    const submitted = await post(`/api/v1/serious-incidents/${late.id}/submission`, owner, { authority: 'Bundesnetzagentur', reference: 'MSA-2026-0043' });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', missedDeadline: true, submission: { late: true } });
    await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject.includes('Serious incident report submitted late'), 10_000);
    const after = (await get('/api/v1/reports/dashboard', gov)).body.seriousIncidents;
    expect(after).toMatchObject({ open: 1, openPastDeadline: 0, submittedLate: 1 });
    expect((await get('/api/v1/serious-incidents?status=missed', gov)).body.items.map((i: { id: string }) => i.id)).toEqual([late.id]);
    const laterAgenda = (await get('/api/v1/reports/management-system', gov)).body.seriousIncidents;
    expect(laterAgenda).toMatchObject({ submittedSince: 2, submittedLateSince: 1 });
    expect(laterAgenda.items.find((i: { id: string }) => i.id === late.id)).toMatchObject({ status: 'submitted', missedDeadline: true });
  });

  it('puts serious incidents and missed deadlines on a convened management review’s agenda and in its invitation', async () => {
    const convenedAfter = Date.now();
    expect((await post('/api/v1/management-reviews', gov)).status).toBe(201);
    const review = await waitUntil(async () => {
      const list = (await get('/api/v1/management-reviews', gov)).body as Array<{ id: string; convenedAt: string }>;
      return list.find((r) => new Date(r.convenedAt).getTime() >= convenedAfter - 1000);
    }, 20_000, 'the convened management review');
    const agenda = (await get(`/api/v1/management-reviews/${review.id}`, gov)).body.agenda;
    expect(agenda.seriousIncidents).toMatchObject({ declaredSince: 3, submittedSince: 2, submittedLateSince: 1, open: 1 });
    expect(agenda.seriousIncidents.items.filter((i: { missedDeadline: boolean }) => i.missedDeadline)).toHaveLength(1);
    const invitation = await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.startsWith('Management review on'), 10_000);
    expect(invitation.text).toMatch(/10\. Serious incidents \(EU AI Act Art\. 73\): 1 open \(0 past the reporting deadline\); 3 declared and 2 reported to date, 1 of them late/);
    expect(invitation.text).toMatch(/MISSED: Emergency triage, death, deadline .* UTC, reported late/);
  });
});
