import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@aigov/config/app-config';
import { SystemClock } from '@aigov/config/clock';
import { GovernanceGauges } from './governance-gauges';
import { MetricsController } from './metrics.controller';

function fakeDataSource(answers: Array<Record<string, unknown> | Error>) {
  const calls: unknown[][] = [];
  const query = jest.fn(async (_sql: string, params: unknown[]) => {
    calls.push(params);
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return [next];
  });
  return { dataSource: { query } as unknown as DataSource, calls };
}

const ROW = { approvals_open: 3, reviews_overdue: 2, outbox_pending: 1, outbox_oldest_pending_seconds: 42.5 };

describe('governance gauges', () => {
  it('reads the four figures in one statement and reuses the reading within 5 s', async () => {
    const registry = new Registry();
    const { dataSource, calls } = fakeDataSource([ROW]);
    new GovernanceGauges(registry, dataSource, new SystemClock());
    const text = await registry.metrics();
    expect(text).toMatch(/^aigov_approvals_open 3$/m);
    expect(text).toMatch(/^aigov_reviews_overdue 2$/m);
    expect(text).toMatch(/^aigov_email_outbox_pending 1$/m);
    expect(text).toMatch(/^aigov_email_outbox_oldest_pending_seconds 42.5$/m);
    await registry.metrics();
    expect(calls).toHaveLength(1);
  });

  it('leaves the figures out of a scrape when the database fails, and asks again at the next', async () => {
    const registry = new Registry();
    const { dataSource, calls } = fakeDataSource([new Error('connection refused'), ROW]);
    new GovernanceGauges(registry, dataSource, new SystemClock());
    const failed = await registry.metrics();
    expect(failed).toContain('# TYPE aigov_approvals_open gauge');
    expect(failed).not.toMatch(/^aigov_approvals_open /m);
    expect(await registry.metrics()).toMatch(/^aigov_approvals_open 3$/m);
    expect(calls).toHaveLength(2);
  });
});

describe('GET /metrics', () => {
  const reply = () => {
    const sent: { headers: Record<string, string>; body?: string; type?: string } = { headers: {} };
    const r = {
      header: (k: string, v: string) => ((sent.headers[k] = v), r),
      type: (t: string) => ((sent.type = t), r),
      send: (b: string) => ((sent.body = b), r),
    };
    return { r: r as never, sent };
  };
  const controller = (metricsToken: string | null) => {
    const registry = new Registry();
    return new MetricsController(registry, { metricsToken } as AppConfig);
  };

  it('does not exist without METRICS_TOKEN', async () => {
    await expect(controller(null).metrics('Bearer anything-at-all', reply().r)).rejects.toMatchObject({ status: 404 });
  });

  it('asks for the token, and serves the text format with it', async () => {
    const wrong = reply();
    await expect(controller('metrics-token-0123456789').metrics('Bearer nope-nope-nope-nope', wrong.r)).rejects.toMatchObject({ status: 401 });
    expect(wrong.sent.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    const right = reply();
    await controller('metrics-token-0123456789').metrics('Bearer metrics-token-0123456789', right.r);
    expect(right.sent.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(typeof right.sent.body).toBe('string');
  });
});
