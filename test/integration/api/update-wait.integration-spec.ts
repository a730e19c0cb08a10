import { createWorkerApp, RunningWorker } from '@aigov/worker/bootstrap';
import { Harness, startGovernanceHarness } from '../../support/governance-harness';
import { registrationBody } from '../../support/governance-flows';

/**
 * The API waits a bounded time for a workflow Update (TEMPORAL_UPDATE_WAIT_SECONDS): with no
 * worker to run it, a registration answers 503 "may still complete" within that time instead of
 * holding the request open, and the same request resent with its Idempotency-Key once a worker
 * runs joins the same workflow and Update: one system, registered once.
 */
describe('bounded wait for a workflow Update', () => {
  let h: Harness;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false, env: { TEMPORAL_UPDATE_WAIT_SECONDS: '2' } });
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  it('answers 503 after the wait, and the resent request registers the system once a worker runs', async () => {
    const owner = await h.createUser(['product_owner']);
    const body = registrationBody(`Waited for ${Date.now()}`);
    const send = () => h.api('POST', '/api/v1/ai-systems', { token: owner.token, body, headers: { 'idempotency-key': 'register-while-no-worker' } });

    const started = Date.now();
    const refused = await send();
    const waited = Date.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/did not answer in time; the action may still complete/);
    expect(waited).toBeGreaterThanOrEqual(1_900);
    expect(waited).toBeLessThan(20_000);

    worker = await createWorkerApp(h.config, { logger: ['error', 'warn'] });
    const registered = await send();
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ name: body.name, stage: 'design' });
    const [{ n }] = await h.dataSource.query('SELECT count(*)::int AS n FROM ai_systems WHERE name = $1', [body.name]);
    expect(n).toBe(1);
    const [{ events }] = await h.dataSource.query(`SELECT count(*)::int AS events FROM audit_events WHERE event_type = 'ai_system.registered' AND payload->>'name' = $1`, [body.name]);
    expect(events).toBe(1);
  }, 60_000);
});
