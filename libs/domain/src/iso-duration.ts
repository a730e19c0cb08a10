/** ISO-8601 durations (`P1Y2M10DT2H30M`, `P2W`, `PT0.5S`), as written in the policy file. */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseIsoDuration(text: string): IsoDuration {
  if (typeof text !== 'string') throw new Error('a duration must be a string such as P2D or PT30S');
  const match = PATTERN.exec(text.trim());
  if (!match) throw new Error(`'${text}' is not an ISO-8601 duration such as P2D, PT12H or P3M`);
  if (/T$/.test(text.trim())) throw new Error(`'${text}' has a time designator T with no time part`);
  const n = (i: number) => (match[i] === undefined ? 0 : Number(match[i].replace(',', '.')));
  const d: IsoDuration = { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
  if (match.slice(1).every((part) => part === undefined)) throw new Error(`'${text}' names no amount of time`);
  return d;
}

export function isIsoDuration(text: unknown): boolean {
  try {
    parseIsoDuration(text as string);
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;

function timePartMs(d: IsoDuration): number {
  return (d.weeks * 7 + d.days) * DAY_MS + d.hours * 3_600_000 + d.minutes * 60_000 + Math.round(d.seconds * 1000);
}

/**
 * Calendar arithmetic in UTC: years and months move the calendar date (clamped to the end of
 * a shorter month, so Jan 31 + P1M is the last day of February); the rest is exact time.
 */
export function addIsoDuration(epochMs: number, text: string): number {
  const d = parseIsoDuration(text);
  let result = epochMs;
  if (d.years || d.months) {
    const date = new Date(epochMs);
    const totalMonths = date.getUTCFullYear() * 12 + date.getUTCMonth() + d.years * 12 + d.months;
    const year = Math.floor(totalMonths / 12);
    const month = totalMonths % 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    result = Date.UTC(
      year,
      month,
      Math.min(date.getUTCDate(), lastDay),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    );
  }
  return result + timePartMs(d);
}

/** Approximate length (a year of 365 days, a month of 30), for ordering and for timers in ms. */
export function isoDurationToApproxMs(text: string): number {
  const d = parseIsoDuration(text);
  return (d.years * 365 + d.months * 30) * DAY_MS + timePartMs(d);
}
