import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime, humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { TextArea } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { PersonName } from '../people/PersonSelect';
import { Agenda } from './Agenda';
import { asFollowUps, reviewQuery, useRecordMinutes, type ManagementReview } from './cycle-queries';
import { FollowUpItems, type FollowUpInput } from './FollowUpItems';
import { toFollowUps } from './follow-ups';
import '../management-system/management-system.css';

const DECISION_KINDS = ['improvement', 'corrective_action', 'nonconformity'] as const;

/** /management-reviews/:id: the agenda, who takes part, and the minutes with decisions (recorded by the governance office). */
export default function ManagementReviewPage() {
  const { id = '' } = useParams();
  const review = useQuery(reviewQuery(id));
  useDocumentTitle(review.data?.convenedAt ? `Management review of ${formatDate(review.data.convenedAt)}` : 'Management review');
  if (review.isPending) return <LoadingState label="Loading the review…" />;
  if (review.isError) return <ErrorState error={review.error} what="management review" onRetry={() => void review.refetch()} />;
  const r = review.data;
  return (
    <article className="page ms-page" aria-labelledby="review-title">
      <p className="breadcrumb">
        <Link to="/management-reviews">Management reviews</Link>
      </p>
      <h1 id="review-title">
        Management review of {formatDate(r.convenedAt)} <StatusBadge value={r.status} />
      </h1>
      <p className="page__lead">
        Meeting {formatDateTime(r.meetingAt)}
        {r.remindedAt ? ` · participants reminded ${formatDateTime(r.remindedAt)}` : ''}
      </p>
      <section className="panel" aria-labelledby="participants-title">
        <h2 id="participants-title">Participants</h2>
        <ul className="chip-list">
          {r.participants.map((p) => (
            <li key={p.id} className="chip" title={p.email}>
              {p.name}
              {r.attendeeIds.includes(p.id) ? ' (attended)' : ''}
            </li>
          ))}
        </ul>
      </section>
      <Agenda agenda={r.agenda} />
      {r.status === 'held' ? <MinutesRecord review={r} /> : <MinutesAction review={r} />}
    </article>
  );
}

function MinutesRecord({ review }: { review: ManagementReview }) {
  const decisions = asFollowUps(review.decisions);
  return (
    <section className="panel" aria-labelledby="minutes-title">
      <h2 id="minutes-title">Minutes</h2>
      <p className="panel__meta">
        Recorded {formatDateTime(review.recordedAt)} by <PersonName id={review.recordedById} />
      </p>
      <p className="prewrap">{review.minutes}</p>
      <h3>Decisions</h3>
      {decisions.length === 0 ? (
        <p>No decision.</p>
      ) : (
        <ol className="decisions">
          {decisions.map((d, i) => (
            <li key={d.pdcaItemId ?? i}>
              <strong>{d.title}</strong> ({humanize(d.kind ?? '')}) — owner <PersonName id={d.ownerId} />, due {formatDate(d.dueAt)}
              {d.description ? <p>{d.description}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function MinutesAction({ review }: { review: ManagementReview }) {
  const { user } = useSession();
  if (!may(user, 'management_review.minutes')) {
    return (
      <section className="panel" aria-labelledby="minutes-title">
        <h2 id="minutes-title">Minutes</h2>
        <p>Not recorded yet.</p>
      </section>
    );
  }
  return <MinutesForm review={review} />;
}

function MinutesForm({ review }: { review: ManagementReview }) {
  const { user } = useSession();
  const record = useRecordMinutes(review.id);
  const [minutes, setMinutes] = useState('');
  const [attendees, setAttendees] = useState<string[]>([]);
  const [decisions, setDecisions] = useState<FollowUpInput[]>([]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    record.mutate({ minutes, attendeeIds: attendees, decisions: toFollowUps(decisions) });
  }
  const other = record.error && !fieldError(record.error, 'minutes', 'attendeeIds', 'decisions') ? record.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-labelledby="record-title">
      <h2 id="record-title">Record the minutes</h2>
      <FormProblem error={other} />
      <TextArea label="Minutes" rows={6} maxLength={20000} value={minutes} onChange={(e) => setMinutes(e.target.value)} error={fieldError(record.error, 'minutes')} />
      <fieldset>
        <legend>Who attended</legend>
        {fieldError(record.error, 'attendeeIds') ? <p className="field__error">{fieldError(record.error, 'attendeeIds')}</p> : null}
        <ul className="check-list">
          {review.participants.map((p) => (
            <li key={p.id}>
              <label>
                <input type="checkbox" checked={attendees.includes(p.id)} onChange={(e) => setAttendees(e.target.checked ? [...attendees, p.id] : attendees.filter((a) => a !== p.id))} /> {p.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <FollowUpItems name="decisions" noun="decision" kinds={DECISION_KINDS} items={decisions} onChange={setDecisions} error={record.error} defaultOwnerId={user.id} />
      <button type="submit" className="button" disabled={record.isPending}>
        {record.isPending ? 'Recording…' : 'Record the minutes'}
      </button>
    </form>
  );
}
