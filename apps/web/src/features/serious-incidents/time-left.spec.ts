import { timeLeft } from './time-left';

describe('time left on a serious incident clock', () => {
  it('says how long is left, or how long ago the deadline was missed', () => {
    expect(timeLeft(3 * 86_400_000 + 4 * 3_600_000 + 1)).toBe('3 d 4 h left');
    expect(timeLeft(90 * 60_000)).toBe('1 h 30 min left');
    expect(timeLeft(12_500)).toBe('12 s left');
    expect(timeLeft(-2 * 3_600_000)).toBe('missed 2 h 0 min ago');
  });
});
