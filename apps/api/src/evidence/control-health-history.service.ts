import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { controlHealthHistory } from '@aigov/persistence/evidence/control-health-snapshots';
import { badRequest } from '../common/api-error';
import type { ControlHealthHistoryQuery, ControlHealthHistoryView } from './control-health-history.dto';

const DAY_MS = 86_400_000;
/** the longest range one request reads: about three years of daily snapshots */
export const MAX_HISTORY_DAYS = 1100;
const DEFAULT_DAYS = 90;

/** A day as given, checked against the calendar (2026-02-30 is not one). */
function dayOf(value: string, field: string): number {
  const at = Date.parse(`${value}T00:00:00Z`);
  const year = Number(value.slice(0, 4));
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value || year < 1970 || year > 9999) {
    throw badRequest(`${field} must be a day (YYYY-MM-DD) between 1970 and 9999`, field);
  }
  return at;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The daily control-health snapshots over a range of days, for charts. */
@Injectable()
export class ControlHealthHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async history(q: ControlHealthHistoryQuery): Promise<ControlHealthHistoryView> {
    const to = q.to !== undefined ? dayOf(q.to, 'to') : Date.parse(`${day(this.clock.now().getTime())}T00:00:00Z`);
    const from = q.from !== undefined ? dayOf(q.from, 'from') : to - (DEFAULT_DAYS - 1) * DAY_MS;
    if (from > to) throw badRequest('from must not be after to', 'from');
    if ((to - from) / DAY_MS + 1 > MAX_HISTORY_DAYS) throw badRequest(`at most ${MAX_HISTORY_DAYS} days at once`, 'from');
    const items = await controlHealthHistory(this.dataSource.manager, day(from), day(to));
    return { from: day(from), to: day(to), items: items.map(({ controls: _controls, ...rest }) => rest) };
  }
}
