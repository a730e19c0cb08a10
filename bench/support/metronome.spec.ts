import { startMetronome } from './metronome';

describe('the metronome (what keeps the open-loop schedule)', () => {
  it('tells, never early, how many requests are due, growing to the total, then its thread ends', async () => {
    const start = performance.now() + 20;
    const seen: Array<{ upTo: number; at: number }> = [];
    await new Promise<void>((done) =>
      startMetronome(start, 2, 100, (upTo) => {
        seen.push({ upTo, at: performance.now() });
        if (upTo === 100) done();
      }),
    );
    const counts = seen.map((s) => s.upTo);
    expect(counts[counts.length - 1]).toBe(100);
    expect(counts.every((n, k) => k === 0 || n > counts[k - 1]!)).toBe(true);
    // Request upTo - 1 was due when the main thread heard of it (a few microseconds of two clocks' reading allowed).
    for (const { upTo, at } of seen) expect(at).toBeGreaterThanOrEqual(start + (upTo - 1) * 2 - 0.05);
  });
});
