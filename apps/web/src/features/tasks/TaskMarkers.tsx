import { formatDateTime, relativeTime } from '../../app/format';
import type { Task } from './task-queries';

/**
 * Due, reminded and escalated markers of an open task, as text (not colour alone): overdue
 * tasks say so, a sent reminder and an escalation name when they happened.
 */
export function TaskMarkers({ task, now = new Date() }: { task: Task; now?: Date }) {
  const overdue = task.dueAt !== null && new Date(task.dueAt) < now;
  return (
    <ul className="markers" aria-label="Status">
      {task.dueAt ? (
        <li className={overdue ? 'marker marker--overdue' : 'marker marker--due'}>
          <span className="marker__label">{overdue ? 'Overdue' : 'Due'}</span>{' '}
          <time dateTime={task.dueAt} title={formatDateTime(task.dueAt)}>
            {relativeTime(task.dueAt, now)}
          </time>
        </li>
      ) : (
        <li className="marker">No due date</li>
      )}
      {task.remindedAt ? (
        <li className="marker marker--reminded">
          <span className="marker__label">Reminded</span>{' '}
          <time dateTime={task.remindedAt} title={formatDateTime(task.remindedAt)}>
            {relativeTime(task.remindedAt, now)}
          </time>
        </li>
      ) : null}
      {task.escalatedAt ? (
        <li className="marker marker--escalated">
          <span className="marker__label">Escalated</span>{' '}
          <time dateTime={task.escalatedAt} title={formatDateTime(task.escalatedAt)}>
            {relativeTime(task.escalatedAt, now)}
          </time>
        </li>
      ) : null}
    </ul>
  );
}
