import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDate, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { LoadingState } from '../../components/LoadingState';
import { Pager } from '../../components/Pager';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { exportHref, filterOptionsQuery, inventoryPageQuery, type FilterOptions, type InventorySystem } from './inventory-queries';
import { PAGE_SIZE, readParams, sortBy, STAGES, TIER_FILTERS, withFilter, writeParams, type InventoryParams, type Sort } from './inventory-params';
import './inventory.css';

const TIER_LABELS: Record<string, string> = { minimal: 'Minimal', limited: 'Limited', high: 'High', prohibited: 'Prohibited', none: 'Not assessed' };

/** /inventory: every AI system the person may see, filtered, sorted and paged by the API, exported as CSV or XLSX, and (for the governance office) imported. */
export default function InventoryPage() {
  useDocumentTitle('Inventory');
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const params = readParams(search);
  const list = useQuery(inventoryPageQuery(params));
  const options = useQuery(filterOptionsQuery);
  // Each change builds on the last one asked for, not on the address, which the router updates a
  // moment later: two changes in quick succession (a filter chosen while a search is sent) both count.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = readParams(search);
  }, [search]);
  const go = (change: (current: InventoryParams) => InventoryParams) => {
    latest.current = change(latest.current);
    setSearch(writeParams(latest.current));
  };
  const filtered = Boolean(params.stage || params.riskTier || params.ownerId || params.businessUnit || params.q || params.reviewOverdue);

  return (
    <section aria-labelledby="inventory-title" className="page inventory">
      <div className="inventory__header">
        <h1 id="inventory-title">Inventory</h1>
        {may(user, 'ai_system.import') ? (
          <Link className="button button--secondary" to="/inventory/import">
            Import systems
          </Link>
        ) : null}
      </div>
      <p className="page__lead">Every AI system, where it stands in its lifecycle and who is accountable for it.</p>
      <Filters params={params} options={options.data} onChange={(change) => go((current) => withFilter(current, change))} />
      {list.isPending ? (
        <LoadingState label="Loading the inventory…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <div className="inventory__summary">
            <p role="status" className="inventory__count">
              {list.data.total === 1 ? 'One AI system' : `${list.data.total.toLocaleString()} AI systems`}
              {filtered ? (list.data.total === 1 ? ' matches these filters' : ' match these filters') : ''}.
            </p>
            {list.data.total > 0 ? (
              <span className="inventory__downloads">
                <a className="button button--secondary" href={exportHref(params)} download>
                  Download CSV
                </a>
                <a className="button button--secondary" href={exportHref(params, 'xlsx')} download>
                  Download XLSX
                </a>
              </span>
            ) : null}
          </div>
          {list.data.items.length === 0 ? (
            filtered ? (
              <EmptyState title="No AI systems match these filters">
                <p>
                  <Link to="/inventory">Clear the filters</Link> to see every system.
                </p>
              </EmptyState>
            ) : (
              <EmptyState title="No AI systems registered yet">
                <p>Product owners register their AI systems; each appears here from its first day in design.</p>
              </EmptyState>
            )
          ) : (
            <>
              <SystemsTable systems={list.data.items} params={params} owners={options.data?.owners} busy={list.isPlaceholderData} onSort={(sort) => go((current) => sortBy(current, sort))} />
              <Pager page={params.page} pageSize={PAGE_SIZE} total={list.data.total} onPage={(page) => go((current) => ({ ...current, page }))} />
            </>
          )}
        </>
      )}
    </section>
  );
}

type FilterChange = Parameters<typeof withFilter>[1];

function Filters({ params, options, onChange }: { params: InventoryParams; options?: FilterOptions; onChange: (change: FilterChange) => void }) {
  const [text, setText] = useState(params.q ?? '');
  // the search as the address has it (Clear filters, a link, back); typing is kept while other filters change
  useEffect(() => setText(params.q ?? ''), [params.q]);
  const set = onChange;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set({ q: text.trim() || undefined });
  };
  // an owner or unit in the address but not among the options (no longer owning anything) still shows as chosen
  const owners = options?.owners ?? [];
  const units = options?.businessUnits ?? [];
  return (
    <form className="panel inventory__filters" role="search" aria-label="Filter the inventory" onSubmit={submit}>
      <div className="inventory__search">
        <TextField label="Search name and purpose" name="q" type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
        <button type="submit" className="button">
          Search
        </button>
      </div>
      <div className="inventory__selects">
        <SelectField label="Stage" value={params.stage ?? ''} onChange={(e) => set({ stage: (e.target.value || undefined) as InventoryParams['stage'] })}>
          <option value="">Any stage</option>
          {STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {humanize(stage)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Risk tier" value={params.riskTier ?? ''} onChange={(e) => set({ riskTier: (e.target.value || undefined) as InventoryParams['riskTier'] })}>
          <option value="">Any tier</option>
          {TIER_FILTERS.map((tier) => (
            <option key={tier} value={tier}>
              {TIER_LABELS[tier]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Accountable owner" value={params.ownerId ?? ''} onChange={(e) => set({ ownerId: e.target.value || undefined })}>
          <option value="">Anyone</option>
          {params.ownerId && !owners.some((o) => o.id === params.ownerId) ? <option value={params.ownerId}>The chosen person</option> : null}
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name} ({owner.systems})
            </option>
          ))}
        </SelectField>
        <SelectField label="Business unit" value={params.businessUnit ?? ''} onChange={(e) => set({ businessUnit: e.target.value || undefined })}>
          <option value="">Any unit</option>
          {params.businessUnit && !units.some((u) => u.name === params.businessUnit) ? <option value={params.businessUnit}>{params.businessUnit}</option> : null}
          {units.map((unit) => (
            <option key={unit.name} value={unit.name}>
              {unit.name} ({unit.systems})
            </option>
          ))}
        </SelectField>
      </div>
      <div className="inventory__toggles">
        <label className="inventory__check">
          <input type="checkbox" checked={params.reviewOverdue === 'true'} onChange={(e) => set({ reviewOverdue: e.target.checked ? 'true' : undefined })} /> Only systems with a periodic
          review overdue
        </label>
        <Link to="/inventory">Clear filters</Link>
      </div>
    </form>
  );
}

const COLUMNS: Array<{ label: string; sort?: Sort }> = [
  { label: 'Name', sort: 'name' },
  { label: 'Stage', sort: 'stage' },
  { label: 'Risk tier', sort: 'riskTier' },
  { label: 'Business unit', sort: 'businessUnit' },
  { label: 'Accountable owner' },
  { label: 'In stage since', sort: 'stageEnteredAt' },
  { label: 'Next review', sort: 'nextReviewAt' },
  { label: 'Registered', sort: 'createdAt' },
];

function SystemsTable({
  systems,
  params,
  owners,
  busy,
  onSort,
}: {
  systems: InventorySystem[];
  params: InventoryParams;
  owners?: FilterOptions['owners'];
  busy: boolean;
  onSort: (sort: Sort) => void;
}) {
  const ownerName = (id: string) => owners?.find((o) => o.id === id)?.name ?? '…';
  const sortedBy = COLUMNS.find((c) => c.sort === params.sort)?.label ?? 'Registered';
  return (
    <div className="table-scroll" role="region" aria-labelledby="inventory-caption" tabIndex={0}>
      <table className="inventory__table" aria-busy={busy || undefined}>
        <caption id="inventory-caption" className="visually-hidden">
          AI systems, sorted by {sortedBy.toLowerCase()}, {params.order === 'asc' ? 'ascending' : 'descending'}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.sort === params.sort;
              return (
                <th key={column.label} scope="col" aria-sort={active ? (params.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {column.sort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.sort!)}>
                      {column.label}
                      <span className="sort-button__mark" aria-hidden="true">
                        {active ? (params.order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {systems.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link to={`/systems/${s.id}`}>{s.name}</Link>
              </th>
              <td>{humanize(s.stage)}</td>
              <td>{s.riskTier ? <span className={`tier tier--${s.riskTier}`}>{humanize(s.riskTier)}</span> : 'Not assessed'}</td>
              <td>{s.businessUnit}</td>
              <td>{ownerName(s.accountableOwnerId)}</td>
              <td>{formatDate(s.stageEnteredAt)}</td>
              <td>
                {s.nextReviewAt ? formatDate(s.nextReviewAt) : '—'}
                {s.stage === 'operation' && s.nextReviewAt && new Date(s.nextReviewAt).getTime() < Date.now() ? <span className="marker marker--overdue inventory__overdue">Overdue</span> : null}
              </td>
              <td>{formatDate(s.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

