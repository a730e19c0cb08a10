import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { useFilters } from '../management-system/search-params';
import { TableScroll } from '../management-system/TableScroll';
import { PersonName } from '../people/PersonSelect';
import { ExportLinks } from './ExportLinks';
import { PublicationPanel } from './PublicationPanel';
import { IMPLEMENTATION_STATUSES, SOA_FRAMEWORKS, soaDraftQuery, type SoaEntry, type SoaFramework } from './soa-queries';
import '../management-system/management-system.css';

const STATUS_FILTERS = [
  { value: 'undecided', label: 'No decision yet' },
  { value: 'applicable', label: 'Applicable' },
  { value: 'excluded', label: 'Excluded' },
  ...IMPLEMENTATION_STATUSES.map((s) => ({ value: s, label: humanize(s) })),
];

function matches(entry: SoaEntry, status: string, text: string): boolean {
  if (status === 'undecided' && entry.decided) return false;
  if (status === 'applicable' && entry.applicable !== true) return false;
  if (status === 'excluded' && entry.applicable !== false) return false;
  if ((IMPLEMENTATION_STATUSES as readonly string[]).includes(status) && entry.implementationStatus !== status) return false;
  const needle = text.trim().toLowerCase();
  return !needle || `${entry.ref} ${entry.title} ${entry.justification ?? ''}`.toLowerCase().includes(needle);
}

/**
 * /soa: the Statement of Applicability's draft (what is published now, until someone edits),
 * every control of both Annexes with its decision; the draft's state and publication round;
 * exports of the current version and the draft. The governance office edits and submits; everyone
 * else reads.
 */
export default function SoaPage() {
  useDocumentTitle('Statement of Applicability');
  const { user } = useSession();
  const { values, set } = useFilters(['framework', 'status', 'q'] as const);
  const framework = SOA_FRAMEWORKS.some((f) => f.value === values.framework) ? (values.framework as SoaFramework) : undefined;
  const draft = useQuery(soaDraftQuery);
  // In its publication round the draft is frozen (the API answers 409): no edit controls then.
  const canEdit = may(user, 'soa.edit') && draft.data?.draft.status !== 'in_approval';

  return (
    <section className="page ms-page" aria-labelledby="soa-title">
      <h1 id="soa-title">Statement of Applicability</h1>
      <p className="page__lead">
        Every control of ISO/IEC 42001 and ISO/IEC 27001 Annex A: whether it applies and why, how far it is implemented, who owns it, the risks it treats and
        where its evidence is. Edits make a draft; publishing it needs an approval round. <Link to="/soa/versions">Versions and changes</Link>
      </p>
      {draft.isPending ? (
        <LoadingState label="Loading the Statement of Applicability…" />
      ) : draft.isError ? (
        <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />
      ) : (
        <>
          <PublicationPanel draft={draft.data} />
          <section className="panel" aria-labelledby="soa-exports">
            <h2 id="soa-exports">Download</h2>
            {draft.data.currentVersion ? (
              <ExportLinks version={draft.data.currentVersion} label={`Version ${draft.data.currentVersion} (published)`} />
            ) : (
              <p>No version is published yet.</p>
            )}
            {draft.data.draft.id && draft.data.draft.status !== 'published' ? <ExportLinks version="draft" label={`Draft of version ${draft.data.draft.version}`} /> : null}
          </section>

          <section aria-labelledby="soa-entries">
            <h2 id="soa-entries">Controls</h2>
            <form className="filters" role="search" aria-label="Filter the controls" onSubmit={(e) => e.preventDefault()}>
              <SelectField label="Framework" value={values.framework} onChange={(e) => set('framework', e.target.value)}>
                <option value="">Both Annexes</option>
                {SOA_FRAMEWORKS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Status" value={values.status} onChange={(e) => set('status', e.target.value)}>
                <option value="">Any</option>
                {STATUS_FILTERS.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </SelectField>
              <TextField label="Search" type="search" value={values.q} onChange={(e) => set('q', e.target.value)} placeholder="A.6.2.6, logging…" />
            </form>
            <EntriesTable entries={draft.data.items.filter((e) => (!framework || e.framework === framework) && matches(e, values.status, values.q))} canEdit={canEdit} total={draft.data.total} />
          </section>
        </>
      )}
    </section>
  );
}

function EntriesTable({ entries, canEdit, total }: { entries: SoaEntry[]; canEdit: boolean; total: number }) {
  if (entries.length === 0) {
    return (
      <EmptyState title="No control matches these filters">
        <p>Clear a filter to see more of the {total} controls.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="panel__meta" aria-live="polite">
        {entries.length === total ? `${total} controls` : `${entries.length} of ${total} controls`}
      </p>
      <TableScroll label="Statement of Applicability entries">
        <table className="ms-table soa-table">
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Applicable</th>
              <th scope="col">Justification</th>
              <th scope="col">Implementation</th>
              <th scope="col">Owner</th>
              <th scope="col">Risks</th>
              <th scope="col">Evidence</th>
              {canEdit ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={`${entry.framework} ${entry.ref}`}>
                <th scope="row">
                  <span className="soa-table__ref">{entry.ref}</span> <span className="soa-table__framework">{entry.framework === 'iso42001' ? '42001' : '27001'}</span>
                  <span className="soa-table__title">{entry.title}</span>
                </th>
                <td>{!entry.decided ? <StatusBadge value={null} label="Not decided" /> : entry.applicable ? 'Yes' : 'Excluded'}</td>
                <td className="soa-table__text">{entry.justification ?? '—'}</td>
                <td>{entry.implementationStatus ? <StatusBadge value={entry.implementationStatus} /> : '—'}</td>
                <td>
                  <PersonName id={entry.ownerId} />
                </td>
                <td>{entry.riskIds.length ? entry.riskIds.map((r) => <RiskRef key={r} id={r} />) : '—'}</td>
                <td className="soa-table__text">
                  {entry.evidenceNotes ? <span>{entry.evidenceNotes} </span> : null}
                  <Link to={`/controls/${entry.framework}/${encodeURIComponent(entry.ref)}`} aria-label={`Live evidence of ${entry.ref}`}>
                    Live evidence
                  </Link>
                </td>
                {canEdit ? (
                  <td>
                    <Link className="button button--secondary button--small" to={`/soa/${entry.framework}/${encodeURIComponent(entry.ref)}`} aria-label={`Edit ${entry.framework === 'iso42001' ? 'ISO/IEC 42001' : 'ISO/IEC 27001'} ${entry.ref}`}>
                      Edit
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A risk the entry names: a link when it is a risk of the register (a UUID), else the reference as written. */
function RiskRef({ id }: { id: string }) {
  return UUID.test(id) ? (
    <Link className="chip" to={`/risks/${id}`}>
      Risk {id.slice(0, 8)}
    </Link>
  ) : (
    <span className="chip">{id}</span>
  );
}

export function VersionStamp({ publishedAt, sha256 }: { publishedAt: string | null; sha256: string | null }) {
  if (!publishedAt) return null;
  return (
    <span className="panel__meta">
      published {formatDateTime(publishedAt)}
      {sha256 ? (
        <>
          {' '}
          · SHA-256 <code title={sha256}>{sha256.slice(0, 12)}…</code>
        </>
      ) : null}
    </span>
  );
}
