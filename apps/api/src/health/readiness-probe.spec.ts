import { ReadinessProbe } from './readiness-probe';

describe('ReadinessProbe', () => {
  it('calls a dependency down when it does not answer within the timeout', async () => {
    const probe = new ReadinessProbe({ database: () => new Promise(() => undefined), temporal: async () => 'ok' }, { timeoutMs: 50 });
    const started = Date.now();
    expect(await probe.check()).toEqual({ database: 'down', temporal: 'up' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('calls a dependency down when it throws, even synchronously', async () => {
    const probe = new ReadinessProbe(
      {
        database: async () => 1,
        temporal: () => {
          throw new Error('no connection');
        },
      },
    );
    expect(await probe.check()).toEqual({ database: 'up', temporal: 'down' });
  });

  it('shares one check between concurrent callers, and asks again once it has answered', async () => {
    let calls = 0;
    const probe = new ReadinessProbe({
      database: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      temporal: async () => undefined,
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => probe.check()));
    expect(calls).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ database: 'up', temporal: 'up' })]));
    await probe.check();
    expect(calls).toBe(2);
  });
});
