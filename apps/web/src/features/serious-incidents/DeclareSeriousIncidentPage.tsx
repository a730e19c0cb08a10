import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { ErrorState } from '../../components/ErrorState';
import { RadioChoices, TextArea, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { NotFoundView } from '../../components/StatusPage';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { aiSystemQuery } from '../systems/system-queries';
import { CATEGORIES, useDeclare, type SeriousIncidentCategory } from './serious-incident-queries';
import './serious-incidents.css';

/**
 * /serious-incidents/new?systemId=…&eventId=…: mark an incident serious (EU AI Act Art. 73).
 * The category sets the deadline; the awareness time, now unless set earlier, starts the clock.
 */
export default function DeclareSeriousIncidentPage() {
  useDocumentTitle('Mark a serious incident');
  const [params] = useSearchParams();
  const systemId = params.get('systemId') ?? '';
  const eventId = params.get('eventId') ?? '';
  const system = useQuery({ ...aiSystemQuery(systemId), enabled: systemId !== '' });
  if (!systemId || !eventId) return <NotFoundView what="incident" />;
  if (system.isPending) return <LoadingState label="Loading the incident…" />;
  if (system.isError) return <ErrorState error={system.error} what="system" onRetry={() => void system.refetch()} />;
  const event = system.data.recentMonitoringEvents.find((e) => e.id === eventId);
  return (
    <article className="page incident-page" aria-labelledby="declare-title">
      <p className="breadcrumb">
        <Link to={`/systems/${systemId}?tab=monitoring`}>{system.data.name}</Link>
      </p>
      <h1 id="declare-title">Mark a serious incident</h1>
      <p className="page__lead">
        {event
          ? `${humanize(event.severity)} ${event.kind} event of ${formatDateTime(event.occurredAt)}${event.description ? `: ${event.description}` : ''}`
          : 'An incident of this system.'}
      </p>
      <DeclareForm eventId={eventId} />
    </article>
  );
}

function DeclareForm({ eventId }: { eventId: string }) {
  const navigate = useNavigate();
  const declare = useDeclare();
  const [category, setCategory] = useState<SeriousIncidentCategory | ''>('');
  const [awareAt, setAwareAt] = useState('');
  const [summary, setSummary] = useState('');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    declare.mutate(
      { monitoringEventId: eventId, category: category as SeriousIncidentCategory, summary, ...(awareAt ? { awareAt: new Date(awareAt).toISOString() } : {}) },
      { onSuccess: (incident) => navigate(`/serious-incidents/${incident.id}`) },
    );
  }
  const categoryError = fieldError(declare.error, 'category');
  const other = declare.error && !fieldError(declare.error, 'category', 'awareAt', 'summary') ? declare.error : null;
  return (
    <form className="panel panel--action incident-form" onSubmit={onSubmit} noValidate aria-labelledby="declare-form-title">
      <h2 id="declare-form-title">Classification</h2>
      <p className="panel__meta">
        A serious incident is reported to the market surveillance authority as soon as its link to the AI system is known, and at the latest by the deadline of its category. The owner and the
        governance office are reminded as it nears; it is escalated when close and marked missed when it passes.
      </p>
      <FormProblem error={other} />
      <fieldset aria-describedby={categoryError ? 'declare-category-error' : undefined}>
        <legend>Category</legend>
        {categoryError ? (
          <p id="declare-category-error" className="field__error">
            {categoryError}
          </p>
        ) : null}
        <RadioChoices name="category" choices={CATEGORIES} value={category} onChange={setCategory} />
      </fieldset>
      <TextField
        label="Became aware at"
        hint="Leave empty for now. Set it when the organisation knew earlier: the clock runs from this moment. It cannot lie in the future."
        type="datetime-local"
        value={awareAt}
        onChange={(e) => setAwareAt(e.target.value)}
        error={fieldError(declare.error, 'awareAt')}
      />
      <TextArea
        label="What happened"
        hint="Why it is serious, in the words the report will carry."
        rows={4}
        maxLength={4000}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        error={fieldError(declare.error, 'summary')}
      />
      <button type="submit" className="button" disabled={declare.isPending}>
        {declare.isPending ? 'Marking…' : 'Mark as serious and start the clock'}
      </button>
    </form>
  );
}
