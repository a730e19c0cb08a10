import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime, humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { TextArea } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { PersonName } from '../people/PersonSelect';
import { RatingBadge } from './RatingBadge';
import { RiskHeatMap } from './RiskHeatMap';
import { acceptanceRoundsQuery, riskMatrixQuery, riskQuery, SOURCE_LABELS, useRequestAcceptance, useUpdateRisk, type Risk, type RiskMatrix } from './risk-queries';
import '../management-system/management-system.css';

/**
 * /risks/:id: a risk with its rating on the policy's matrix, treatment and controls, and its
 * acceptance: within the appetite its owner (or the governance office, a risk officer) accepts
 * it, above it only through an approval round; whoever rated it never accepts it (the API's
 * 403 is shown).
 */
export default function RiskPage() {
  const { id = '' } = useParams();
  const risk = useQuery(riskQuery(id));
  const matrix = useQuery(riskMatrixQuery);
  useDocumentTitle(risk.data?.title ?? 'Risk');
  if (risk.isPending) return <LoadingState label="Loading the risk…" />;
  if (risk.isError) return <ErrorState error={risk.error} what="risk" onRetry={() => void risk.refetch()} />;
  const r = risk.data;
  return (
    <article className="page ms-page" aria-labelledby="risk-title">
      <p className="breadcrumb">
        <Link to="/risks">Risk register</Link>
      </p>
      <div className="page__header">
        <h1 id="risk-title">{r.title}</h1>
        <RiskActions risk={r} />
      </div>
      <p>
        <StatusBadge value={r.status} /> {matrix.data ? <RatingBadge matrix={matrix.data} rating={r.currentRating} /> : null}
        {r.acceptance ? (
          <>
            {' '}
            <StatusBadge value={r.acceptance} label={`Acceptance: ${humanize(r.acceptance)}`} />
          </>
        ) : null}
      </p>
      <div className="two-columns">
        <RiskFacts risk={r} />
        <section className="panel" aria-labelledby="rating-title">
          <h2 id="rating-title">Rating</h2>
          {matrix.isPending ? (
            <LoadingState label="Loading the matrix…" />
          ) : matrix.isError ? (
            <ErrorState error={matrix.error} />
          ) : (
            <RatingOnMatrix risk={r} matrix={matrix.data} />
          )}
        </section>
      </div>
      {r.status !== 'closed' && matrix.data ? <AcceptanceActions risk={r} matrix={matrix.data} /> : null}
      <AcceptanceRounds risk={r} />
    </article>
  );
}

function RiskActions({ risk }: { risk: Risk }) {
  const { user } = useSession();
  if (risk.status === 'closed' || !may(user, 'risk.edit', { ownerId: risk.ownerId })) return null;
  return (
    <Link className="button button--secondary" to={`/risks/${risk.id}/edit`}>
      Rate and treat
    </Link>
  );
}

function RiskFacts({ risk }: { risk: Risk }) {
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">The risk</h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>Description</dt>
          <dd>{risk.description}</dd>
        </div>
        <div className="facts__row">
          <dt>Source</dt>
          <dd>{SOURCE_LABELS[risk.source] ?? risk.source}</dd>
        </div>
        <div className="facts__row">
          <dt>Threat or harm</dt>
          <dd>{risk.threat}</dd>
        </div>
        <div className="facts__row">
          <dt>AI systems</dt>
          <dd>{risk.aiSystemIds.length ? risk.aiSystemIds.map((id) => <Link key={id} className="chip" to={`/systems/${id}`}>{`System ${id.slice(0, 8)}`}</Link>) : 'Organisation-wide'}</dd>
        </div>
        <div className="facts__row">
          <dt>Assets</dt>
          <dd>{risk.assets.join(', ') || '—'}</dd>
        </div>
        <div className="facts__row">
          <dt>Affected parties</dt>
          <dd>{risk.affectedParties.join(', ') || '—'}</dd>
        </div>
        <div className="facts__row">
          <dt>Treatment</dt>
          <dd>{risk.treatment ? humanize(risk.treatment) : 'Not decided'}</dd>
        </div>
        <div className="facts__row">
          <dt>Controls</dt>
          <dd>
            {risk.controls.length
              ? risk.controls.map((c) => (
                  <Link key={`${c.framework} ${c.ref}`} className="chip" to={`/controls/${c.framework}/${encodeURIComponent(c.ref)}`}>
                    {c.framework} {c.ref}
                  </Link>
                ))
              : '—'}
          </dd>
        </div>
        <div className="facts__row">
          <dt>PDCA actions</dt>
          <dd>{risk.pdcaItemIds.length ? risk.pdcaItemIds.map((id) => <span key={id} className="chip">{id.slice(0, 8)}</span>) : '—'}</dd>
        </div>
        <div className="facts__row">
          <dt>Owner</dt>
          <dd>
            <PersonName id={risk.ownerId} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>Rated by</dt>
          <dd>
            {risk.ratedById ? (
              <>
                <PersonName id={risk.ratedById} /> · {formatDateTime(risk.ratedAt)}
              </>
            ) : (
              'Not rated yet'
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Next review</dt>
          <dd>{formatDate(risk.nextReviewAt)}</dd>
        </div>
        {risk.origin ? (
          <div className="facts__row">
            <dt>Proposed by</dt>
            <dd>
              The impact assessment (version {risk.origin.assessmentVersion}): {risk.origin.text} <span className="reasons__ref">{risk.origin.reference}</span>
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function RatingOnMatrix({ risk, matrix }: { risk: Risk; matrix: RiskMatrix }) {
  const marks = [
    ...(risk.inherent ? [{ likelihood: risk.inherent.likelihood, impact: risk.inherent.impact, label: 'Inherent' }] : []),
    ...(risk.residual ? [{ likelihood: risk.residual.likelihood, impact: risk.residual.impact, label: 'Residual' }] : []),
  ];
  return (
    <>
      <dl className="facts">
        <div className="facts__row">
          <dt>Inherent</dt>
          <dd>
            {risk.inherent ? (
              <>
                {humanize(risk.inherent.likelihood)} × {humanize(risk.inherent.impact)} = {risk.inherent.score} <RatingBadge matrix={matrix} rating={risk.inherent.rating} />
              </>
            ) : (
              'Not rated'
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Residual</dt>
          <dd>
            {risk.residual ? (
              <>
                {humanize(risk.residual.likelihood)} × {humanize(risk.residual.impact)} = {risk.residual.score} <RatingBadge matrix={matrix} rating={risk.residual.rating} />
              </>
            ) : (
              'Not rated'
            )}
          </dd>
        </div>
      </dl>
      {marks.length ? <RiskHeatMap matrix={matrix} basis="residual" highlight={marks} caption="Where this risk sits (counts: every open risk, residual rating)" /> : null}
    </>
  );
}

/** Whether the residual rating is above the appetite, from the matrix cell it is in. */
function aboveAppetite(risk: Risk, matrix: RiskMatrix): boolean | null {
  if (!risk.residual) return null;
  const cell = matrix.cells.find((c) => c.likelihood === risk.residual!.likelihood && c.impact === risk.residual!.impact);
  return cell ? cell.aboveAppetite : null;
}

function AcceptanceActions({ risk, matrix }: { risk: Risk; matrix: RiskMatrix }) {
  const { user } = useSession();
  const above = aboveAppetite(risk, matrix);
  const update = useUpdateRisk(risk.id);
  const request = useRequestAcceptance(risk.id);
  const [justification, setJustification] = useState('');
  const canAccept = may(user, 'risk.accept', { ownerId: risk.ownerId });
  const canRequest = may(user, 'risk.request_acceptance', { ownerId: risk.ownerId });
  const canEdit = may(user, 'risk.edit', { ownerId: risk.ownerId });
  if (risk.acceptance === 'in_approval') {
    return (
      <section className="panel" aria-labelledby="accept-title">
        <h2 id="accept-title">Acceptance</h2>
        <p>Accepting this risk is in its approval round; a new rating, treatment or closing waits for its outcome.</p>
      </section>
    );
  }
  if (!canAccept && !canRequest && !canEdit) return null;

  function onRequest(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate(justification);
  }

  return (
    <section className="panel panel--action" aria-labelledby="accept-title">
      <h2 id="accept-title">Acceptance and closing</h2>
      <FormProblem error={update.error} />
      {risk.status === 'accepted' ? <p>The residual risk is accepted{risk.acceptedAt ? ` (${formatDate(risk.acceptedAt)})` : ''}.</p> : null}
      {above === null && risk.status !== 'accepted' ? <p>Rate the residual risk before it can be accepted.</p> : null}
      {above === false && canAccept && risk.status !== 'accepted' ? (
        <p>
          <button type="button" className="button button--secondary" disabled={update.isPending} onClick={() => update.mutate({ treatment: 'accept' })}>
            Accept the residual risk
          </button>{' '}
          <span className="panel__meta">It is within the appetite ({humanize(matrix.appetite)}); whoever rated it may not accept it.</span>
        </p>
      ) : null}
      {above === true && canRequest && risk.status !== 'accepted' ? (
        <form onSubmit={onRequest} noValidate className="ms-form">
          <p>The residual rating is above the appetite ({humanize(matrix.appetite)}): accepting it needs an approval round.</p>
          <FormProblem error={request.error && !fieldError(request.error, 'justification') ? request.error : null} />
          {request.isSuccess ? (
            <p role="status" className="notice notice--ok">
              Round {request.data.round} has started: the approvers are asked.
            </p>
          ) : null}
          <TextArea
            label="Why accept it rather than treat it further"
            hint="Shown to the approvers and kept in the audit trail."
            rows={3}
            maxLength={4000}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            error={fieldError(request.error, 'justification')}
          />
          <button type="submit" className="button" disabled={request.isPending}>
            {request.isPending ? 'Asking…' : 'Ask for acceptance'}
          </button>
        </form>
      ) : null}
      {canEdit ? (
        <p>
          <button type="button" className="button button--quiet" disabled={update.isPending} onClick={() => update.mutate({ status: 'closed' })}>
            Close the risk
          </button>
        </p>
      ) : null}
    </section>
  );
}

function AcceptanceRounds({ risk }: { risk: Risk }) {
  const rounds = useQuery(acceptanceRoundsQuery(risk.id));
  if (rounds.isPending) return null;
  if (rounds.isError) return <ErrorState error={rounds.error} />;
  if (rounds.data.items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="rounds-title">
      <h2 id="rounds-title">Acceptance rounds</h2>
      {rounds.data.items.length === 0 ? (
        <EmptyState title="None" />
      ) : (
        <ol className="timeline">
          {rounds.data.items.map((round) => (
            <li key={round.round}>
              <p className="timeline__title">
                Round {round.round}: {round.outcome ? humanize(round.outcome) : 'running'} <span className="panel__meta">· {formatDateTime(round.requestedAt)}</span>
              </p>
              <p>
                Asked by <PersonName id={round.requestedById} /> for a {humanize(round.residualRating)} residual rating (appetite {humanize(round.appetite)}): “{round.justification}”
              </p>
              {round.reason ? <p>Reason: “{round.reason}”</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
