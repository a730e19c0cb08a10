import { RepeatedWarning } from './repeated-warning';

describe('RepeatedWarning (a failure on every request, written once per run and minute)', () => {
  let lines: string[];
  let warning: RepeatedWarning;
  const failFor = (ms: number, everyMs: number, message: string) => {
    for (let t = 0; t < ms; t += everyMs) {
      warning.failed(message);
      jest.advanceTimersByTime(everyMs);
    }
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-12-02T08:00:00.000Z') });
    lines = [];
    const sink = { warn: (m: string) => lines.push(`warn ${m}`), log: (m: string) => lines.push(`log ${m}`) };
    warning = new RepeatedWarning('lane passed on after an error', sink);
  });
  afterEach(() => jest.useRealTimers());

  it('writes the first failure at once and nothing more for the rest of that minute', () => {
    warning.failed('connection terminated');
    failFor(59_000, 50, 'connection refused');
    expect(lines).toEqual(['warn lane passed on after an error: connection terminated (more of these are counted and written once a minute while they go on)']);
  });

  it('writes one line a minute while failures go on, with the count since the last line and the last message', () => {
    warning.failed('first');
    failFor(60_000, 100, 'second');
    failFor(60_000, 1_000, 'third');
    expect(lines.slice(1)).toEqual([
      'warn lane passed on after an error: 600 more in the last minute, the last: second',
      'warn lane passed on after an error: 60 more in the last minute, the last: third',
    ]);
  });

  it('ends a run after a minute without failures: how long it lasted and how many failed in all', () => {
    warning.failed('a');
    jest.advanceTimersByTime(30_000);
    warning.failed('b');
    jest.advanceTimersByTime(30_000);
    expect(lines.slice(1)).toEqual(['warn lane passed on after an error: 1 more in the last minute, the last: b']);
    jest.advanceTimersByTime(60_000);
    expect(lines.slice(2)).toEqual([
      'log lane passed on after an error: no longer failing; 2 failures in all from 2026-12-02T08:00:00.000Z to 2026-12-02T08:00:30.000Z (30 s), the last: b',
    ]);
  });

  it('keeps one run through failures that come and go within the minute (a flapping connection), then starts a new one', () => {
    for (let i = 0; i < 100; i++) {
      warning.failed(`flap ${i}`);
      jest.advanceTimersByTime(500);
    }
    expect(lines.slice(1)).toEqual([]);
    jest.advanceTimersByTime(2 * 60_000);
    expect(lines.slice(1)).toEqual([
      'warn lane passed on after an error: 99 more in the last minute, the last: flap 99',
      'log lane passed on after an error: no longer failing; 100 failures in all from 2026-12-02T08:00:00.000Z to 2026-12-02T08:00:49.500Z (49.5 s), the last: flap 99',
    ]);
    warning.failed('again');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^warn lane passed on after an error: again \(more of these/);
  });
});
