import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { SelectField } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { TableScroll } from '../../components/TableScroll';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { reassessmentsQuery, versionsQuery, type ReassessmentState } from './questionnaire-queries';
import { ReassessmentMarkers, tierOutlook } from './ReassessmentMarkers';
import '../management-system/management-system.css';
import './questionnaire.css';

const STATES: ReadonlyArray<{ value: ReassessmentState | ''; label: string }> = [
  { value: '', label: 'Every state' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'open', label: 'Open (not yet due)' },
  { value: 'completed', label: 'Completed' },
  { value: 'superseded', label: 'Superseded by a newer version' },
  { value: 'cancelled', label: 'Cancelled (system out of service)' },
];

/**
 * /questionnaire/reassessments: every re-assessment a published version asked for, filtered by
 * state and version (the overdue list is ?state=overdue), open ones first, soonest due first.
 */
export default function ReassessmentsPage() {
  useDocumentTitle('Re-assessments');
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? '') as ReassessmentState | '';
  const version = params.get('version') ?? '';
  const page = Number(params.get('page')) || 1;
  const versions = useQuery(versionsQuery);
  const list = useQuery(reassessmentsQuery({ state: state || undefined, version: version || undefined, page }));
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <section className="page ms-page questionnaire" aria-labelledby="reassessments-title">
      <p className="breadcrumb">
        <Link to="/questionnaire">Questionnaire</Link>
      </p>
      <h1 id="reassessments-title">{state === 'overdue' ? 'Overdue re-assessments' : 'Re-assessments'}</h1>
      <form className="panel filters" aria-label="Filter the re-assessments" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="State" value={state} onChange={(e) => set('state', e.target.value)}>
          {STATES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Questionnaire version" value={version} onChange={(e) => set('version', e.target.value)}>
          <option value="">Every version</option>
          {(versions.data?.items ?? [])
            .filter((v) => v.reassessments.requested > 0)
            .map((v) => (
              <option key={v.id} value={v.version}>
                {v.version}
              </option>
            ))}
        </SelectField>
      </form>
      <QueryView
        query={list}
        loading="Loading the re-assessments…"
        isEmpty={(d) => d.total === 0}
        empty={
          <EmptyState title={state === 'overdue' ? 'Nothing is overdue' : 'No re-assessment here'}>
            <p>Publishing a questionnaire version asks the owners of the systems whose tier it could change to re-assess; their requests appear here.</p>
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <p className="page__lead">{data.total === 1 ? 'One re-assessment' : `${data.total} re-assessments`}.</p>
            <TableScroll label="Re-assessments">
              <table className="ms-table">
                <caption className="visually-hidden">Re-assessments, open ones first, soonest due first</caption>
                <thead>
                  <tr>
                    <th scope="col">System</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Version</th>
                    <th scope="col">Tier</th>
                    <th scope="col">Due</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link to={`/systems/${r.aiSystemId}`}>{r.aiSystemName}</Link>
                        <span className="panel__meta"> · {humanize(r.stage)}</span>
                      </th>
                      <td>{r.ownerName}</td>
                      <td>{r.questionnaireVersion}</td>
                      <td>{r.resultTier ? `${humanize(r.fromTier ?? 'not assessed')} → ${humanize(r.resultTier)}` : tierOutlook(r)}</td>
                      <td>{formatDateTime(r.dueAt)}</td>
                      <td>
                        <ReassessmentMarkers request={r} />
                        {r.closeReason ? <span className="panel__meta">{r.closeReason}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => set('page', String(p))} label="Re-assessments" />
          </>
        )}
      </QueryView>
    </section>
  );
}
