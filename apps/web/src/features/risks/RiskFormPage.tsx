import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { RATING_FIELDS, RatingFields } from './RatingFields';
import { createBody, ratingInputsOf, updateBody, type RatingInputs } from './risk-form';
import { RISK_SOURCES, riskMatrixQuery, riskQuery, SOURCE_LABELS, systemChoicesQuery, useCreateRisk, useUpdateRisk, type Risk, type RiskMatrix } from './risk-queries';
import '../management-system/management-system.css';

/** /risks/new: register a risk. */
export function NewRiskPage() {
  useDocumentTitle('Register a risk');
  const matrix = useQuery(riskMatrixQuery);
  return (
    <article className="page ms-page" aria-labelledby="new-risk-title">
      <p className="breadcrumb">
        <Link to="/risks">Risk register</Link>
      </p>
      <h1 id="new-risk-title">Register a risk</h1>
      {matrix.isPending ? <LoadingState label="Loading the risk matrix…" /> : matrix.isError ? <ErrorState error={matrix.error} /> : <NewRiskForm matrix={matrix.data} />}
    </article>
  );
}

const CREATE_FIELDS = ['title', 'description', 'source', 'threat', 'aiSystemIds', 'assets', 'affectedParties'];

function NewRiskForm({ matrix }: { matrix: RiskMatrix }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const create = useCreateRisk();
  const systems = useQuery(systemChoicesQuery);
  const [base, setBase] = useState({ title: '', description: '', source: 'ai', threat: '', aiSystemIds: [] as string[], assets: '', affectedParties: '' });
  const [rating, setRating] = useState<RatingInputs>(ratingInputsOf(null, user.id));
  const set = (key: keyof typeof base) => (event: { target: { value: string } }) => setBase({ ...base, [key]: event.target.value });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(createBody(base, rating), { onSuccess: (risk) => navigate(`/risks/${risk.id}`) });
  }

  const other = create.error && !fieldError(create.error, ...CREATE_FIELDS, ...RATING_FIELDS) ? create.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-label="The risk">
      <FormProblem error={other} />
      <TextField label="Title" maxLength={200} value={base.title} onChange={set('title')} error={fieldError(create.error, 'title')} />
      <TextArea label="Description" rows={3} maxLength={4000} value={base.description} onChange={set('description')} error={fieldError(create.error, 'description')} />
      <SelectField label="Source" value={base.source} onChange={set('source')} error={fieldError(create.error, 'source')}>
        {RISK_SOURCES.map((s) => (
          <option key={s} value={s}>
            {SOURCE_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <TextArea label="Threat or harm" rows={2} maxLength={2000} value={base.threat} onChange={set('threat')} error={fieldError(create.error, 'threat')} />
      <fieldset>
        <legend>AI systems it concerns</legend>
        {fieldError(create.error, 'aiSystemIds') ? <p className="field__error">{fieldError(create.error, 'aiSystemIds')}</p> : null}
        {systems.isPending ? (
          <LoadingState label="Loading the AI systems…" />
        ) : systems.data?.items.length ? (
          <ul className="check-list">
            {systems.data.items.map((s) => (
              <li key={s.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={base.aiSystemIds.includes(s.id)}
                    onChange={(e) => setBase({ ...base, aiSystemIds: e.target.checked ? [...base.aiSystemIds, s.id] : base.aiSystemIds.filter((id) => id !== s.id) })}
                  />{' '}
                  {s.name}
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="panel__meta">No AI system to choose from; leave it for an organisation-wide risk.</p>
        )}
      </fieldset>
      <TextArea label="Assets" hint="One a line." rows={2} value={base.assets} onChange={set('assets')} error={fieldError(create.error, 'assets')} />
      <TextArea label="Affected parties" hint="One a line: who could be harmed." rows={2} value={base.affectedParties} onChange={set('affectedParties')} error={fieldError(create.error, 'affectedParties')} />
      <RatingFields matrix={matrix} value={rating} onChange={setRating} error={create.error} />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Registering…' : 'Register the risk'}
      </button>
    </form>
  );
}

/** /risks/:id/edit: rate, treat, link controls, change owner or next review. */
export function EditRiskPage() {
  const { id = '' } = useParams();
  const risk = useQuery(riskQuery(id));
  const matrix = useQuery(riskMatrixQuery);
  useDocumentTitle(risk.data ? `Edit: ${risk.data.title}` : 'Edit a risk');
  if (risk.isPending || matrix.isPending) return <LoadingState label="Loading the risk…" />;
  if (risk.isError) return <ErrorState error={risk.error} what="risk" onRetry={() => void risk.refetch()} />;
  if (matrix.isError) return <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />;
  return (
    <article className="page ms-page" aria-labelledby="edit-risk-title">
      <p className="breadcrumb">
        <Link to={`/risks/${risk.data.id}`}>{risk.data.title}</Link>
      </p>
      <h1 id="edit-risk-title">Rate and treat: {risk.data.title}</h1>
      <EditRiskForm risk={risk.data} matrix={matrix.data} />
    </article>
  );
}

function EditRiskForm({ risk, matrix }: { risk: Risk; matrix: RiskMatrix }) {
  const navigate = useNavigate();
  const update = useUpdateRisk(risk.id);
  const [rating, setRating] = useState<RatingInputs>(ratingInputsOf(risk, risk.ownerId));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate(updateBody(risk, rating), { onSuccess: () => navigate(`/risks/${risk.id}`) });
  }
  const other = update.error && !fieldError(update.error, ...RATING_FIELDS) ? update.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-label="Rating and treatment">
      <FormProblem error={other} />
      <RatingFields matrix={matrix} value={rating} onChange={setRating} error={update.error} />
      <button type="submit" className="button" disabled={update.isPending}>
        {update.isPending ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
