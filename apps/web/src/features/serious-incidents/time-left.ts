/** "3 d 4 h left", "missed 2 h ago": a deadline as people read it on a clock. */
export function timeLeft(msLeft: number): string {
  const abs = Math.abs(msLeft);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const span = d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min` : `${s} s`;
  return msLeft >= 0 ? `${span} left` : `missed ${span} ago`;
}
