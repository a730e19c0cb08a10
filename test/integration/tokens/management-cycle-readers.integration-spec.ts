import { randomUUID } from 'node:crypto';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';

/**
 * Management reviews and internal audits are read by those who read the management-system
 * report (governance office, auditors, admins) and nobody else: the review's agenda is that
 * report and an audit's scope is the whole management system. Before issue 16 these four GETs
 * had no role check, and a product owner invited to a review read the organisation's agenda.
 */
describe('who reads management reviews and internal audits', () => {
  let h: Harness;
  let owner: HarnessUser;
  let riskOfficer: HarnessUser;
  let office: HarnessUser;
  let auditor: HarnessUser;
  const reviewId = randomUUID();
  const auditId = randomUUID();

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false });
    owner = await h.createUser(['product_owner']);
    riskOfficer = await h.createUser(['risk_officer']);
    office = await h.createUser(['governance_office']);
    auditor = await h.createUser(['auditor']);
    // A review the owner and the risk officer were invited to, an audit they were appointed to (as the policy may do).
    const invited = JSON.stringify([owner, riskOfficer].map((u) => ({ id: u.user.id, name: u.user.name, email: u.user.email })));
    await h.dataSource.query(
      `INSERT INTO management_reviews (id, workflow_id, status, convened_at, meeting_at, agenda, participants)
       VALUES ($1, $2, 'scheduled', now(), now() + interval '14 days', '{"note":"organisation-wide agenda"}', $3)`,
      [reviewId, `management-review:${reviewId}`, invited],
    );
    await h.dataSource.query(
      `INSERT INTO internal_audits (id, workflow_id, status, opened_at, due_at, scope, auditors)
       VALUES ($1, $2, 'open', now(), now() + interval '30 days', '{"note":"whole management system"}', $3)`,
      [auditId, `internal-audit:${auditId}`, invited],
    );
  });
  afterAll(async () => h?.stop());

  const paths = () => ['/api/v1/management-reviews', `/api/v1/management-reviews/${reviewId}`, '/api/v1/internal-audits', `/api/v1/internal-audits/${auditId}`];

  it('refuses a product owner and a risk officer (403) even when invited, as GET /reports/management-system does', async () => {
    for (const who of [owner, riskOfficer]) {
      expect((await h.api('GET', '/api/v1/reports/management-system', { token: who.token })).status).toBe(403);
      for (const path of paths()) {
        const r = await h.api('GET', path, { token: who.token });
        expect({ path, status: r.status, message: r.body.message }).toEqual({ path, status: 403, message: 'this needs one of the roles: governance_office, auditor, admin' });
      }
      // an unknown id is the same 403, so the refusal tells nothing about what exists
      expect((await h.api('GET', `/api/v1/management-reviews/${randomUUID()}`, { token: who.token })).status).toBe(403);
    }
  });

  it('lets the governance office, auditors and admins read them', async () => {
    for (const who of [office, auditor, h.admin]) {
      for (const path of paths()) expect({ path, status: (await h.api('GET', path, { token: who.token })).status }).toEqual({ path, status: 200 });
    }
    expect((await h.api('GET', '/api/v1/management-reviews', { token: auditor.token })).body.map((r: { id: string }) => r.id)).toContain(reviewId);
  });
});
