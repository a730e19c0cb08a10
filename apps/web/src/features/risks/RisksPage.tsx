import { useState } from 'react';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/FilterBar';
import { Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { useFilters } from '../management-system/search-params';
import { PersonName } from '../people/PersonSelect';
import { RatingBadge } from './RatingBadge';
import { RiskHeatMap, type HeatBasis } from './RiskHeatMap';
import { RISK_SOURCES, RISK_STATUSES, riskMatrixQuery, risksQuery, SOURCE_LABELS, type Risk, type RiskFilters, type RiskMatrix } from './risk-queries';
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
        <FilterBar label="Filter the risks">
          <SelectFilter label="Source" value={values.source} onChange={(v) => set('source', v)} options={RISK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
          <SelectFilter label="Status" value={values.status} onChange={(v) => set('status', v)} options={RISK_STATUSES.map((s) => ({ value: s, label: humanize(s) }))} />
          <SelectFilter label="Rating" value={values.rating} onChange={(v) => set('rating', v)} options={(matrix.data?.bands ?? []).map((b) => ({ value: b.rating, label: humanize(b.rating) }))} />
          <SearchFilter value={values.q} onChange={(v) => set('q', v)} placeholder="title, threat, asset…" />
        </FilterBar>
        <QueryView
          query={risks}
          loading="Loading the risks…"
          isEmpty={(data) => data.items.length === 0}
          empty={
            <EmptyState title={Object.keys(filters).length > 2 ? 'No risk matches these filters' : 'No risk registered yet'}>
              <p>Risks registered here, and the drafts an impact assessment proposes, are listed with their rating and treatment.</p>
            </EmptyState>
          }
        >
          {(data) => (
            <>
              <p className="panel__meta">{data.total === 1 ? 'One risk' : `${data.total} risks`}</p>
              <DataTable label="Risks" columns={riskColumns(matrix.data)} rows={data.items} rowKey={(risk) => risk.id} />
              <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={(p) => set('page', p)} label="Risk register" />
            </>
          )}
        </QueryView>
      </section>
    </section>
  );
}

/** The register's columns; the rating in the matrix's colours once the matrix is read. */
function riskColumns(matrix: RiskMatrix | undefined): ReadonlyArray<Column<Risk>> {
  return [
    { header: 'Risk', rowHeader: true, cell: (risk) => <Link to={`/risks/${risk.id}`}>{risk.title}</Link> },
    { header: 'Source', cell: (risk) => SOURCE_LABELS[risk.source] ?? risk.source },
    { header: 'Rating', cell: (risk) => (matrix ? <RatingBadge matrix={matrix} rating={risk.currentRating} /> : (risk.currentRating ?? 'Not rated')) },
    { header: 'Treatment', cell: (risk) => (risk.treatment ? humanize(risk.treatment) : '—') },
    { header: 'Status', cell: (risk) => <StatusBadge value={risk.status} /> },
    { header: 'Owner', cell: (risk) => <PersonName id={risk.ownerId} /> },
    { header: 'Next review', cell: (risk) => formatDate(risk.nextReviewAt) },
  ];
}

function HeatMapPanel({ matrix }: { matrix: UseQueryResult<RiskMatrix> }) {
  const [basis, setBasis] = useState<HeatBasis>('residual');
  return (
    <section className="panel" aria-labelledby="heatmap-title">
      <h2 id="heatmap-title">Heat map</h2>
      <QueryView query={matrix} loading="Loading the heat map…">
        {(data) => (
          <>
            <fieldset className="choice-inline">
              <legend>Show</legend>
              {(['residual', 'inherent'] as const).map((b) => (
                <label key={b}>
                  <input type="radio" name="basis" value={b} checked={basis === b} onChange={() => setBasis(b)} /> {b === 'residual' ? 'Residual (after treatment)' : 'Inherent (before treatment)'}
                </label>
              ))}
            </fieldset>
            <RiskHeatMap matrix={data} basis={basis} />
          </>
        )}
      </QueryView>
    </section>
  );
}
