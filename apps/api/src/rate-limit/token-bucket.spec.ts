import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000;
  });

  it('lets a burst of `capacity` through, then says how long to wait for the next token', () => {
    const buckets = new TokenBuckets({ capacity: 3, windowMs: 3_000, maxKeys: 10, now: clock });
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterMs: 1_000 });
    now += 400;
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterMs: 600 });
    now += 600;
    expect(buckets.take('a')).toEqual({ allowed: true, remaining: 0 });
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const buckets = new TokenBuckets({ capacity: 1, windowMs: 60_000, maxKeys: 10, now: clock });
    expect(buckets.take('10.0.0.1').allowed).toBe(true);
    expect(buckets.take('10.0.0.1').allowed).toBe(false);
    expect(buckets.take('10.0.0.2').allowed).toBe(true);
  });

  it('refills no further than its capacity however long it waits', () => {
    const buckets = new TokenBuckets({ capacity: 2, windowMs: 1_000, maxKeys: 10, now: clock });
    buckets.take('a');
    now += 3_600_000;
    expect(buckets.take('a')).toEqual({ allowed: true, remaining: 1 });
    expect(buckets.take('a')).toEqual({ allowed: true, remaining: 0 });
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('does not let refused requests dig a deeper hole (a client that keeps trying waits the same)', () => {
    const buckets = new TokenBuckets({ capacity: 1, windowMs: 1_000, maxKeys: 10, now: clock });
    buckets.take('a');
    for (let i = 0; i < 50; i++) expect(buckets.take('a')).toEqual({ allowed: false, retryAfterMs: 1_000 });
    now += 1_000;
    expect(buckets.take('a').allowed).toBe(true);
  });

  it('remembers at most maxKeys keys, forgetting the least recently used', () => {
    const buckets = new TokenBuckets({ capacity: 1, windowMs: 60_000, maxKeys: 3, now: clock });
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    buckets.take('a'); // a is now the most recently used
    buckets.take('d'); // b goes
    expect(buckets.size).toBe(3);
    expect(buckets.take('b').allowed).toBe(true); // forgotten: a fresh bucket (c goes)
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('d').allowed).toBe(false);
  });

  it('forgets idle keys whose bucket is full again', () => {
    const buckets = new TokenBuckets({ capacity: 2, windowMs: 1_000, maxKeys: 100_000, now: clock });
    for (let i = 0; i < 1_000; i++) buckets.take(`client-${i}`);
    expect(buckets.size).toBe(1_000);
    now += 10_000;
    buckets.take('late');
    expect(buckets.size).toBe(1);
  });

  it('keeps a key that is still paying back, across a sweep', () => {
    const buckets = new TokenBuckets({ capacity: 10, windowMs: 100_000, maxKeys: 100, now: clock });
    for (let i = 0; i < 10; i++) buckets.take('busy');
    now += 10_000; // one token back of ten
    buckets.take('other');
    expect(buckets.size).toBe(2);
    expect(buckets.take('busy')).toEqual({ allowed: true, remaining: 0 });
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => new TokenBuckets({ capacity: 0, windowMs: 1, maxKeys: 1 })).toThrow(/capacity/);
    expect(() => new TokenBuckets({ capacity: 1, windowMs: 0, maxKeys: 1 })).toThrow(/windowMs/);
  });
});
