import { timeLeft } from './time-left';

/** Where an incident's clock stands, as a marker: time left, missed, or reported (on time or late). */
export function ClockMarker({ incident }: { incident: { status: 'open' | 'submitted'; msLeft: number | null; missedDeadline: boolean } }) {
  if (incident.status === 'submitted') {
    return incident.missedDeadline ? <span className="marker marker--overdue">Reported late</span> : <span className="marker">Reported on time</span>;
  }
  const ms = incident.msLeft ?? 0;
  if (ms < 0) return <span className="marker marker--overdue">Deadline {timeLeft(ms)}</span>;
  return <span className={ms < 86_400_000 ? 'marker marker--escalated' : 'marker marker--reminded'}>{timeLeft(ms)}</span>;
}
