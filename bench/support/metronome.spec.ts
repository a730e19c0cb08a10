import { Metronome } from './metronome';

/** One schedule on the metronome: each count it gave, and when this thread heard it. */
function keep(metronome: Metronome, start: number, interval: number, total: number): Promise<Array<{ upTo: number; at: number }>> {
  const seen: Array<{ upTo: number; at: number }> = [];
  return new Promise((done) =>
    metronome.run(start, interval, total, (upTo) => {
      seen.push({ upTo, at: performance.now() });
      if (upTo === total) done(seen);
    }),
  );
}

describe('the metronome (what keeps the open-loop schedule)', () => {
  let metronome: Metronome;
  beforeAll(async () => {
    metronome = await Metronome.boot();
  });
  afterAll(() => metronome.close());

  it('tells, never early, how many requests are due, growing to the total', async () => {
    const start = performance.now() + 20;
    const seen = await keep(metronome, start, 2, 100);
    const counts = seen.map((s) => s.upTo);
    expect(counts[counts.length - 1]).toBe(100);
    expect(counts.every((n, k) => k === 0 || n > counts[k - 1]!)).toBe(true);
    // Request upTo - 1 was due when the main thread heard of it (a few microseconds of two clocks' reading allowed).
    for (const { upTo, at } of seen) expect(at).toBeGreaterThanOrEqual(start + (upTo - 1) * 2 - 0.05);
  });

  it('keeps one schedule after another on the same thread, and refuses a second one at once', async () => {
    const first = keep(metronome, performance.now() + 5, 1, 30);
    expect(() => metronome.run(performance.now(), 1, 10, () => undefined)).toThrow('already keeping a schedule');
    expect((await first).at(-1)!.upTo).toBe(30);
    const start = performance.now() + 5;
    const second = await keep(metronome, start, 1, 20);
    expect(second.at(-1)!.upTo).toBe(20);
    expect(second[0]!.at).toBeGreaterThanOrEqual(start - 0.05);
  });
});
