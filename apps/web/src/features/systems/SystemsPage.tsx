import { useDeferredValue, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../app/format';
import { holds, OVERSIGHT_ROLES } from '../../app/roles';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Pager } from '../../components/Pager';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StageBadge, TierBadge } from './SystemBadges';
import { systemListQuery, type AiSystem } from './system-queries';
import './systems.css';

/**
 * /systems: a product owner's systems (the API lists those they own or registered), every
 * system for the roles that oversee them; searchable by name and purpose.
 */
export default function SystemsPage() {
  const { user } = useSession();
  const mine = !holds(user.roles, [...OVERSIGHT_ROLES, 'approver', 'risk_officer', 'security_officer', 'privacy_officer']);
  const title = mine ? 'My AI systems' : 'AI systems';
  useDocumentTitle(title);
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDeferredValue(search.trim());
  const page = Math.max(1, Number(params.get('page')) || 1);
  const systems = useQuery(systemListQuery({ q, page }));
  const mayRegister = holds(user.roles, ['product_owner', 'governance_office']);

  function onSearch(value: string) {
    setSearch(value);
    setParams(value.trim() ? { q: value.trim() } : {}, { replace: true });
  }

  return (
    <section aria-labelledby="systems-title" className="page">
      <div className="page-head">
        <h1 id="systems-title">{title}</h1>
        {mayRegister ? (
          <Link to="/systems/new" className="button">
            Register an AI system
          </Link>
        ) : null}
      </div>
      <div className="field systems-search" role="search">
        <label htmlFor="systems-q" className="field__label">
          Search
        </label>
        <input id="systems-q" className="input" type="search" placeholder="Name or purpose" value={search} onChange={(event) => onSearch(event.target.value)} maxLength={200} />
      </div>
      {systems.isPending ? (
        <LoadingState label="Loading the systems…" />
      ) : systems.isError ? (
        <ErrorState error={systems.error} onRetry={() => void systems.refetch()} />
      ) : systems.data.items.length === 0 ? (
        q ? (
          <EmptyState title={`No system matches “${q}”`}>
            <p>Search looks in the names and purposes.</p>
          </EmptyState>
        ) : (
          <EmptyState title={mine ? 'You have no AI systems yet' : 'No AI systems are registered yet'}>
            <p>Register a system before it is built or bought: the impact assessment decides its risk tier and who approves it.</p>
            {mayRegister ? (
              <p>
                <Link to="/systems/new" className="button">
                  Register an AI system
                </Link>
              </p>
            ) : null}
          </EmptyState>
        )
      ) : (
        <>
          <p className="page__lead" aria-live="polite">
            {systems.data.total === 1 ? 'One system' : `${systems.data.total} systems`}, the newest first.
          </p>
          <ul className="system-list">
            {systems.data.items.map((system) => (
              <SystemCard key={system.id} system={system} />
            ))}
          </ul>
          <Pager page={page} pageSize={systems.data.pageSize} total={systems.data.total} onPage={(next) => setParams({ ...(q ? { q } : {}), page: String(next) })} />
        </>
      )}
    </section>
  );
}

function SystemCard({ system }: { system: AiSystem }) {
  return (
    <li className="system-card">
      <h2 className="system-card__title">
        <Link to={`/systems/${system.id}`}>{system.name}</Link>
      </h2>
      <p className="system-card__badges">
        <StageBadge stage={system.stage} /> <TierBadge tier={system.riskTier} />
      </p>
      <p className="system-card__purpose">{system.purpose}</p>
      <p className="panel__meta">
        {system.businessUnit} · registered {formatDate(system.createdAt)}
        {system.currentVersion ? ` · version ${system.currentVersion} running` : ''}
      </p>
    </li>
  );
}

