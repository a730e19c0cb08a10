import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/FilterBar';
import { FilteredCount } from '../../components/FilteredCount';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { useFilters } from '../management-system/search-params';
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
      <QueryView query={draft} loading="Loading the Statement of Applicability…">
        {(data) => {
          const entries = data.items.filter((e) => (!framework || e.framework === framework) && matches(e, values.status, values.q));
          return (
            <>
              <PublicationPanel draft={data} />
              <section className="panel" aria-labelledby="soa-exports">
                <h2 id="soa-exports">Download</h2>
                {data.currentVersion ? <ExportLinks version={data.currentVersion} label={`Version ${data.currentVersion} (published)`} /> : <p>No version is published yet.</p>}
                {data.draft.id && data.draft.status !== 'published' ? <ExportLinks version="draft" label={`Draft of version ${data.draft.version}`} /> : null}
              </section>

              <section aria-labelledby="soa-entries">
                <h2 id="soa-entries">Controls</h2>
                <FilterBar label="Filter the controls">
                  <SelectFilter label="Framework" value={values.framework} onChange={(v) => set('framework', v)} options={SOA_FRAMEWORKS} anyLabel="Both Annexes" />
                  <SelectFilter label="Status" value={values.status} onChange={(v) => set('status', v)} options={STATUS_FILTERS} />
                  <SearchFilter value={values.q} onChange={(v) => set('q', v)} placeholder="A.6.2.6, logging…" />
                </FilterBar>
                <FilteredCount shown={entries.length} total={data.total} noun={['control', 'controls']}>
                  <DataTable label="Statement of Applicability entries" className="ms-table soa-table" columns={entryColumns(canEdit)} rows={entries} rowKey={(e) => `${e.framework} ${e.ref}`} />
                </FilteredCount>
              </section>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

const frameworkName = (entry: SoaEntry) => (entry.framework === 'iso42001' ? 'ISO/IEC 42001' : 'ISO/IEC 27001');

/** The entries' columns; an Edit link each for those who may edit the draft now. */
function entryColumns(canEdit: boolean): ReadonlyArray<Column<SoaEntry> | false> {
  return [
    {
      header: 'Control',
      rowHeader: true,
      cell: (entry) => (
        <>
          <span className="soa-table__ref">{entry.ref}</span> <span className="soa-table__framework">{entry.framework === 'iso42001' ? '42001' : '27001'}</span>
          <span className="soa-table__title">{entry.title}</span>
        </>
      ),
    },
    { header: 'Applicable', cell: (entry) => (!entry.decided ? <StatusBadge value={null} label="Not decided" /> : entry.applicable ? 'Yes' : 'Excluded') },
    { header: 'Justification', className: 'soa-table__text', cell: (entry) => entry.justification ?? '—' },
    { header: 'Implementation', cell: (entry) => (entry.implementationStatus ? <StatusBadge value={entry.implementationStatus} /> : '—') },
    { header: 'Owner', cell: (entry) => <PersonName id={entry.ownerId} /> },
    { header: 'Risks', cell: (entry) => (entry.riskIds.length ? entry.riskIds.map((r) => <RiskRef key={r} id={r} />) : '—') },
    {
      header: 'Evidence',
      className: 'soa-table__text',
      cell: (entry) => (
        <>
          {entry.evidenceNotes ? <span>{entry.evidenceNotes} </span> : null}
          <Link to={`/controls/${entry.framework}/${encodeURIComponent(entry.ref)}`} aria-label={`Live evidence of ${entry.ref}`}>
            Live evidence
          </Link>
        </>
      ),
    },
    canEdit && {
      header: 'Actions',
      hideHeader: true,
      cell: (entry) => (
        <Link className="button button--secondary button--small" to={`/soa/${entry.framework}/${encodeURIComponent(entry.ref)}`} aria-label={`Edit ${frameworkName(entry)} ${entry.ref}`}>
          Edit
        </Link>
      ),
    },
  ];
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
