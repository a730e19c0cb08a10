/**
 * The dashboard's time axes, in UTC, computed once here so the SQL's cut-offs and the series
 * the charts draw (every month and week, empty ones included) agree.
 */

const DAY_MS = 86_400_000;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of the month `count - 1` months before `now`'s, and the `count` months from it (YYYY-MM, oldest first). */
export function lastMonths(now: Date, count = 12): { from: Date; months: string[] } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1), 1));
  const months = Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1));
    return isoDay(d).slice(0, 7);
  });
  return { from, months };
}

/** The Monday (00:00 UTC) `count - 1` weeks before the one `now` is in, and the `count` Mondays from it (YYYY-MM-DD, oldest first). */
export function lastWeeks(now: Date, count = 12): { from: Date; weeks: string[] } {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  const from = new Date(midnight - (sinceMonday + 7 * (count - 1)) * DAY_MS);
  const weeks = Array.from({ length: count }, (_, i) => isoDay(new Date(from.getTime() + 7 * i * DAY_MS)));
  return { from, weeks };
}

/** How long open PDCA items have been open, in days since they were raised: [min, max). */
export const PDCA_AGE_BUCKETS = [
  { bucket: '0-30', minDays: 0, maxDays: 30 },
  { bucket: '30-90', minDays: 30, maxDays: 90 },
  { bucket: '90-180', minDays: 90, maxDays: 180 },
  { bucket: '180+', minDays: 180, maxDays: null },
] as const;

/** Seconds as days with one decimal; null stays null. */
export function toDays(seconds: number | string | null | undefined): number | null {
  if (seconds === null || seconds === undefined) return null;
  return Math.round((Number(seconds) / 86_400) * 10) / 10;
}
