import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { ErrorState } from '../../components/ErrorState';
import { RadioChoices, TextArea, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ClockMarker } from './ClockMarker';
import {
  milderThan,
  reportUrl,
  seriousIncidentQuery,
  stricterThan,
  useReclassify,
  useSubmit,
  type SeriousIncidentCategory,
  type SeriousIncidentDetail,
} from './serious-incident-queries';
import './serious-incidents.css';

/**
 * /serious-incidents/:id: one serious incident: its classification, the clock (deadline, time
 * left, reminders, escalation, a missed deadline), the draft report to download as PDF or JSON,
 * and for those who may, the forms to reclassify it and to record the report's submission.
 */
export default function SeriousIncidentPage() {
  const { id = '' } = useParams();
  const incident = useQuery(seriousIncidentQuery(id));
  useDocumentTitle(incident.data ? `Serious incident: ${incident.data.systemName}` : 'Serious incident');
  if (incident.isPending) return <LoadingState label="Loading the serious incident…" />;
  if (incident.isError) return <ErrorState error={incident.error} what="serious incident" onRetry={() => void incident.refetch()} />;
  const i = incident.data;
  return (
    <article className="page incident-page" aria-labelledby="incident-title">
      <p className="breadcrumb">
        <Link to="/serious-incidents">Serious incidents</Link>
      </p>
      <h1 id="incident-title">Serious incident: {i.systemName}</h1>
      <p className="page__lead">
        {i.categoryLabel}. <Link to={`/systems/${i.aiSystemId}?tab=monitoring`}>Open the system’s monitoring</Link>
      </p>
      <Clock incident={i} />
      <Classification incident={i} />
      <Report incident={i} />
      {i.status === 'open' && i.allowedActions.includes('submit') ? <SubmissionForm incident={i} /> : null}
      {i.status === 'open' && (i.allowedActions.includes('reclassify') || i.allowedActions.includes('relax')) ? <ReclassifyForm incident={i} /> : null}
      <History incident={i} />
    </article>
  );
}

function Clock({ incident: i }: { incident: SeriousIncidentDetail }) {
  return (
    <section className="panel" aria-labelledby="clock-title">
      <h2 id="clock-title">Reporting clock</h2>
      <p className="clock">
        <span className="clock__due">Report due {formatDateTime(i.deadlineAt)}</span> <ClockMarker incident={i} />
      </p>
      <p className="panel__meta">{i.deadlineBasis}</p>
      <dl className="facts">
        <Fact term="Aware since">{formatDateTime(i.awareAt)} (the clock runs from here)</Fact>
        <Fact term="Reminders sent">{i.remindersSent === 0 ? 'none yet' : `${i.remindersSent}, the last ${formatDateTime(i.lastRemindedAt)}`}</Fact>
        <Fact term="Escalated">{i.escalatedAt ? formatDateTime(i.escalatedAt) : 'no'}</Fact>
        <Fact term="Deadline missed">{i.deadlineMissedAt ? `yes, marked ${formatDateTime(i.deadlineMissedAt)}` : i.missedDeadline ? 'yes' : 'no'}</Fact>
        {i.submission ? (
          <Fact term="Submitted">
            {formatDateTime(i.submission.submittedAt)} to {i.submission.authority} (reference {i.submission.reference}) by {i.submission.submittedBy?.name ?? 'unknown'}
            {i.submission.late ? ', after the deadline' : ''}
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}

function Classification({ incident: i }: { incident: SeriousIncidentDetail }) {
  return (
    <section className="panel" aria-labelledby="classification-title">
      <h2 id="classification-title">Classification</h2>
      <dl className="facts">
        <Fact term="Category">{i.categoryLabel}</Fact>
        <Fact term="What happened">{i.summary}</Fact>
        <Fact term="Event">
          {humanize(i.event.severity)} {i.event.kind} event{i.event.metric ? ` on ${i.event.metric}` : ''}, {formatDateTime(i.event.occurredAt)}
          {i.event.source ? ` from ${i.event.source}` : ''}
          {i.event.description ? `: ${i.event.description}` : ''}
        </Fact>
        <Fact term="Version in operation">{i.versionInOperation ?? 'none recorded'}</Fact>
        <Fact term="Marked serious">
          {formatDateTime(i.declaredAt)} by {i.declaredBy?.name ?? 'unknown'}
        </Fact>
      </dl>
    </section>
  );
}

function Report({ incident: i }: { incident: SeriousIncidentDetail }) {
  const draft = i.status === 'open';
  return (
    <section className="panel" aria-labelledby="report-title">
      <h2 id="report-title">{draft ? 'Draft report' : 'Report as submitted'}</h2>
      <p>
        {draft
          ? 'Drafted from what the engine holds: the system and its version, the event, what was done since (rollback, suspension, reviews, tasks) and the timeline. Check it, complete it where the authority asks for more, and submit it.'
          : `Frozen when the submission was recorded. SHA-256 ${i.submission?.reportSha256 ?? ''}`}
      </p>
      <p className="incident-downloads">
        <a className="button" href={reportUrl(i.id, 'pdf')} download>
          Download the {draft ? 'draft ' : ''}report (PDF)
        </a>
        <a className="button button--secondary" href={reportUrl(i.id, 'json')} download>
          Download the {draft ? 'draft ' : ''}report (JSON)
        </a>
      </p>
    </section>
  );
}

function SubmissionForm({ incident: i }: { incident: SeriousIncidentDetail }) {
  const submit = useSubmit(i.id);
  const [authority, setAuthority] = useState('');
  const [reference, setReference] = useState('');
  const [submittedAt, setSubmittedAt] = useState('');
  const [note, setNote] = useState('');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit.mutate({
      authority,
      reference,
      ...(submittedAt ? { submittedAt: new Date(submittedAt).toISOString() } : {}),
      ...(note.trim() ? { note } : {}),
    });
  }
  const other = submit.error && !fieldError(submit.error, 'authority', 'reference', 'submittedAt', 'note') ? submit.error : null;
  return (
    <form className="panel panel--action incident-form" onSubmit={onSubmit} noValidate aria-labelledby="submission-title">
      <h2 id="submission-title">Record the submission</h2>
      <p className="panel__meta">Once the report has reached the market surveillance authority: this stops the clock. After the deadline it is recorded as late.</p>
      <FormProblem error={other} />
      <TextField label="Market surveillance authority" value={authority} maxLength={300} onChange={(e) => setAuthority(e.target.value)} error={fieldError(submit.error, 'authority')} />
      <TextField label="Authority’s reference" hint="The case number or receipt the authority gave." value={reference} maxLength={200} onChange={(e) => setReference(e.target.value)} error={fieldError(submit.error, 'reference')} />
      <TextField
        label="Submitted at"
        hint="Leave empty for now; set it when the report was sent earlier."
        type="datetime-local"
        value={submittedAt}
        onChange={(e) => setSubmittedAt(e.target.value)}
        error={fieldError(submit.error, 'submittedAt')}
      />
      <TextArea label="Note (optional)" rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(submit.error, 'note')} />
      <button type="submit" className="button" disabled={submit.isPending}>
        {submit.isPending ? 'Recording…' : 'Record the submission'}
      </button>
    </form>
  );
}

function ReclassifyForm({ incident: i }: { incident: SeriousIncidentDetail }) {
  const reclassify = useReclassify(i.id);
  const choices = [...(i.allowedActions.includes('reclassify') ? stricterThan(i.category) : []), ...(i.allowedActions.includes('relax') ? milderThan(i.category) : [])];
  const [category, setCategory] = useState<SeriousIncidentCategory | ''>('');
  const [reason, setReason] = useState('');
  if (choices.length === 0) return null;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reclassify.mutate({ category: category as SeriousIncidentCategory, reason }, { onSuccess: () => setReason('') });
  }
  const other = reclassify.error && !fieldError(reclassify.error, 'category', 'reason') ? reclassify.error : null;
  return (
    <form className="panel incident-form" onSubmit={onSubmit} noValidate aria-labelledby="reclassify-title">
      <h2 id="reclassify-title">Reclassify</h2>
      <p className="panel__meta">
        A stricter category shortens the deadline, counted from the same awareness time. A milder one lengthens it: only the governance office may, and not once the deadline was missed.
      </p>
      <FormProblem error={other} />
      <fieldset aria-describedby={fieldError(reclassify.error, 'category') ? 'category-error' : undefined}>
        <legend>New category</legend>
        {fieldError(reclassify.error, 'category') ? (
          <p id="category-error" className="field__error">
            {fieldError(reclassify.error, 'category')}
          </p>
        ) : null}
        <RadioChoices name="category" choices={choices} value={category} onChange={setCategory} />
      </fieldset>
      <TextArea label="Reason" hint="Recorded in the audit trail." rows={3} maxLength={4000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(reclassify.error, 'reason')} />
      <button type="submit" className="button button--secondary" disabled={reclassify.isPending}>
        {reclassify.isPending ? 'Reclassifying…' : 'Reclassify'}
      </button>
    </form>
  );
}

const HISTORY_TEXT: Record<string, (p: Record<string, unknown>) => string> = {
  'serious_incident.declared': (p) => `Marked serious (${humanize(String(p.category))})`,
  'serious_incident.reclassified': (p) => `Reclassified from ${humanize(String(p.from))} to ${humanize(String(p.to))} (${p.direction}): ${p.reason}`,
  'serious_incident.reminded': (p) => `Reminder sent (${p.before} before the deadline)`,
  'serious_incident.escalated': () => 'Escalated',
  'serious_incident.deadline_missed': () => 'Deadline missed',
  'serious_incident.report_submitted': (p) => `Submission recorded: ${p.authority}, reference ${p.reference}${p.late ? ' (late)' : ''}`,
};

function History({ incident: i }: { incident: SeriousIncidentDetail }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol className="incident-history">
        {i.history.map((h, n) => (
          <li key={n}>
            <span className="panel__meta">{formatDateTime(h.at)}</span> {(HISTORY_TEXT[h.eventType] ?? (() => h.eventType))(h.payload)}
            {h.by ? <span className="panel__meta"> · {h.by}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
