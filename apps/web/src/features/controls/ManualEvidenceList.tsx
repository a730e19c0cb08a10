import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { StatusBadge } from '../management-system/Badge';
import { Pager } from '../../components/Pager';
import { PersonName } from '../people/PersonSelect';
import { controlPath, manualEvidenceQuery, useWithdrawManualEvidence, type ManualEvidence } from './control-queries';

/** Manual evidence (documents and links), soonest expiry first; for one control when given. */
export function ManualEvidenceList({ control, status = 'current', highlight }: { control?: string; status?: 'current' | 'withdrawn'; highlight?: string }) {
  const [page, setPage] = useState(1);
  const items = useQuery(manualEvidenceQuery({ page, status, ...(control ? { control } : {}) }));
  if (items.isPending) return <LoadingState label="Loading the evidence…" />;
  if (items.isError) return <ErrorState error={items.error} onRetry={() => void items.refetch()} />;
  if (items.data.items.length === 0) {
    return (
      <EmptyState title={status === 'withdrawn' ? 'Nothing withdrawn' : 'No manual evidence'}>
        <p>Documents and links kept as evidence, with an owner reminded before they lapse.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="card-list">
        {items.data.items.map((item) => (
          <EvidenceCard key={item.id} item={item} highlighted={item.id === highlight} />
        ))}
      </ul>
      <Pager page={page} pageSize={items.data.pageSize} total={items.data.total} onPage={setPage} label="Manual evidence" />
    </>
  );
}

function EvidenceCard({ item, highlighted }: { item: ManualEvidence; highlighted: boolean }) {
  const { user } = useSession();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useWithdrawManualEvidence(item.id);
  return (
    <li className={highlighted ? 'card card--highlight' : 'card'}>
      <p className="card__kind">
        {item.form === 'document' ? 'Document' : 'Link'} · version {item.version} · <StatusBadge value={item.status === 'withdrawn' ? 'withdrawn' : item.expiry} />
      </p>
      <h3 className="card__title">
        {item.form === 'document' && item.contentLink ? (
          <a href={item.contentLink} download>
            {item.title}
          </a>
        ) : item.url ? (
          <a href={item.url} rel="noreferrer noopener" target="_blank">
            {item.title}
          </a>
        ) : (
          item.title
        )}
      </h3>
      {item.description ? <p>{item.description}</p> : null}
      <p className="panel__meta">
        {item.controls.map((c, i) => (
          <span key={`${c.framework} ${c.ref}`}>
            {i ? ', ' : ''}
            <Link to={controlPath(c.framework, c.ref)}>
              {c.framework} {c.ref}
            </Link>
          </span>
        ))}
        {' · '}
        {item.aiSystemIds.length ? `${item.aiSystemIds.length} AI system(s)` : 'organisation-wide'} · owner <PersonName id={item.ownerId} /> · expires {formatDate(item.expiresAt)}
        {item.sha256 ? (
          <>
            {' '}
            · SHA-256 <code title={item.sha256}>{item.sha256.slice(0, 12)}…</code>
          </>
        ) : null}
      </p>
      {item.withdrawnAt ? (
        <p>
          Withdrawn {formatDateTime(item.withdrawnAt)}: {item.withdrawalReason}
        </p>
      ) : null}
      {item.status !== 'withdrawn' && may(user, 'evidence.manage') && !withdrawing ? (
        <Link className="button button--secondary button--small" to={`/evidence/${item.id}/edit`} aria-label={`Edit ${item.title}`}>
          Edit
        </Link>
      ) : null}
      {item.status !== 'withdrawn' && may(user, 'evidence.manage') ? (
        withdrawing ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              withdraw.mutate(reason.trim(), { onSuccess: () => setWithdrawing(false) });
            }}
          >
            <FormProblem error={withdraw.error} />
            <label htmlFor={`withdraw-${item.id}`}>Why it no longer counts</label>
            <input id={`withdraw-${item.id}`} className="input" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
            <button type="submit" className="button button--secondary" disabled={withdraw.isPending || !reason.trim()}>
              Withdraw
            </button>
          </form>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setWithdrawing(true)}>
            Withdraw…
          </button>
        )
      ) : null}
    </li>
  );
}
