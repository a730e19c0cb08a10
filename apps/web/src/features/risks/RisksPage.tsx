import { useState } from 'react';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { Pager } from '../management-system/Pager';
import { useFilters } from '../management-system/search-params';
import { TableScroll } from '../management-system/TableScroll';
import { PersonName } from '../people/PersonSelect';
import { RatingBadge } from './RatingBadge';
import { RiskHeatMap, type HeatBasis } from './RiskHeatMap';
import { RISK_SOURCES, RISK_STATUSES, riskMatrixQuery, risksQuery, SOURCE_LABELS, type RiskFilters, type RiskMatrix } from './risk-queries';
import '../management-system/management-system.css';

const PAGE_SIZE = 50;

/** /risks: the risk register (information security and AI in one), its heat map, and registering a risk. */
export default function RisksPage() {
  useDocumentTitle('Risk register');
  const { user } = useSession();
  const { values, page, set } = useFilters(['source', 'status', 'rating', 'q'] as const);
  const filters: RiskFilters = {
    page,
    pageSize: PAGE_SIZE,
    ...(values.source ? { source: values.source as RiskFilters['source'] } : {}),
    ...(values.status ? { status: values.status as RiskFilters['status'] } : {}),
    ...(values.rating ? { rating: values.rating } : {}),
    ...(values.q.trim() ? { q: values.q.trim() } : {}),
  };
  const risks = useQuery(risksQuery(filters));
  const matrix = useQuery(riskMatrixQuery);

  return (
    <section className="page ms-page" aria-labelledby="risks-title">
      <div className="page__header">
        <h1 id="risks-title">Risk register</h1>
        {may(user, 'risk.create') ? (
          <Link className="button" to="/risks/new">
            Register a risk
          </Link>
        ) : null}
      </div>
      <p className="page__lead">One register for information-security and AI risks, rated on the policy’s matrix, with their treatment and the controls that treat them.</p>

      <HeatMapPanel matrix={matrix} />

      <section aria-labelledby="register-title">
        <h2 id="register-title">Risks</h2>
        <form className="filters" role="search" aria-label="Filter the risks" onSubmit={(e) => e.preventDefault()}>
          <SelectField label="Source" value={values.source} onChange={(e) => set('source', e.target.value)}>
            <option value="">Any</option>
            {RISK_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Status" value={values.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any</option>
            {RISK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </SelectField>
          <SelectField label="Rating" value={values.rating} onChange={(e) => set('rating', e.target.value)}>
            <option value="">Any</option>
            {(matrix.data?.bands ?? []).map((b) => (
              <option key={b.rating} value={b.rating}>
                {humanize(b.rating)}
              </option>
            ))}
          </SelectField>
          <TextField label="Search" type="search" value={values.q} onChange={(e) => set('q', e.target.value)} placeholder="title, threat, asset…" />
        </form>
        {risks.isPending ? (
          <LoadingState label="Loading the risks…" />
        ) : risks.isError ? (
          <ErrorState error={risks.error} onRetry={() => void risks.refetch()} />
        ) : risks.data.items.length === 0 ? (
          <EmptyState title={Object.keys(filters).length > 2 ? 'No risk matches these filters' : 'No risk registered yet'}>
            <p>Risks registered here, and the drafts an impact assessment proposes, are listed with their rating and treatment.</p>
          </EmptyState>
        ) : (
          <>
            <p className="panel__meta">{risks.data.total === 1 ? 'One risk' : `${risks.data.total} risks`}</p>
            <TableScroll label="Risks">
              <table className="ms-table">
                <thead>
                  <tr>
                    <th scope="col">Risk</th>
                    <th scope="col">Source</th>
                    <th scope="col">Rating</th>
                    <th scope="col">Treatment</th>
                    <th scope="col">Status</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Next review</th>
                  </tr>
                </thead>
                <tbody>
                  {risks.data.items.map((risk) => (
                    <tr key={risk.id}>
                      <th scope="row">
                        <Link to={`/risks/${risk.id}`}>{risk.title}</Link>
                      </th>
                      <td>{SOURCE_LABELS[risk.source] ?? risk.source}</td>
                      <td>{matrix.data ? <RatingBadge matrix={matrix.data} rating={risk.currentRating} /> : (risk.currentRating ?? 'Not rated')}</td>
                      <td>{risk.treatment ? humanize(risk.treatment) : '—'}</td>
                      <td>
                        <StatusBadge value={risk.status} />
                      </td>
                      <td>
                        <PersonName id={risk.ownerId} />
                      </td>
                      <td>{formatDate(risk.nextReviewAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pager page={page} pageSize={PAGE_SIZE} total={risks.data.total} onPage={(p) => set('page', p)} label="Risk register" />
          </>
        )}
      </section>
    </section>
  );
}

function HeatMapPanel({ matrix }: { matrix: UseQueryResult<RiskMatrix> }) {
  const [basis, setBasis] = useState<HeatBasis>('residual');
  return (
    <section className="panel" aria-labelledby="heatmap-title">
      <h2 id="heatmap-title">Heat map</h2>
      {matrix.isPending ? (
        <LoadingState label="Loading the heat map…" />
      ) : matrix.isError ? (
        <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : (
        <>
          <fieldset className="choice-inline">
            <legend>Show</legend>
            {(['residual', 'inherent'] as const).map((b) => (
              <label key={b}>
                <input type="radio" name="basis" value={b} checked={basis === b} onChange={() => setBasis(b)} /> {b === 'residual' ? 'Residual (after treatment)' : 'Inherent (before treatment)'}
              </label>
            ))}
          </fieldset>
          <RiskHeatMap matrix={matrix.data} basis={basis} />
        </>
      )}
    </section>
  );
}
