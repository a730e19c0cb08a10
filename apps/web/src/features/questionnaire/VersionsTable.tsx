import { Link } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { TableScroll } from '../../components/TableScroll';
import { StatusBadge } from '../management-system/Badge';
import type { VersionSummary } from './questionnaire-queries';

/** Every version, newest first: its status, size, when it was published, its hash and the re-assessments it asked for. */
export function VersionsTable({ versions }: { versions: VersionSummary[] }) {
  return (
    <TableScroll label="Questionnaire versions">
      <table className="ms-table">
        <caption className="visually-hidden">Questionnaire versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Questions</th>
            <th scope="col">Published</th>
            <th scope="col">Re-assessments</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {v.version}
                {v.note ? <span className="questionnaire__note">{v.note}</span> : null}
              </th>
              <td>
                <StatusBadge value={v.status} />
                {v.lastOutcome && v.status === 'draft' ? <span className="panel__meta"> last round {humanize(v.lastOutcome.outcome)}</span> : null}
              </td>
              <td>{v.questionCount || '—'}</td>
              <td>{formatDateTime(v.publishedAt)}</td>
              <td>
                {v.reassessments.requested ? (
                  <Link to={`/questionnaire/reassessments?version=${encodeURIComponent(v.version)}`}>
                    {v.reassessments.requested} asked, {v.reassessments.open} open{v.reassessments.overdue ? `, ${v.reassessments.overdue} overdue` : ''}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td>{v.sha256 ? <code title={v.sha256}>{v.sha256.slice(0, 12)}…</code> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
