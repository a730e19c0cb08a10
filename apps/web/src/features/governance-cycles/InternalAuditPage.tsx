import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime, humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { TextArea } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { PersonName } from '../people/PersonSelect';
import { asFollowUps, auditQuery, useReportAudit, type AuditReport, type InternalAudit } from './cycle-queries';
import { FollowUpItems, type FollowUpInput } from './FollowUpItems';
import { toFollowUps } from './follow-ups';
import '../management-system/management-system.css';

const FINDING_KINDS = ['nonconformity', 'improvement'] as const;

interface ScopedSystem {
  id?: string;
  name?: string;
  stage?: string;
  riskTier?: string | null;
}

/** /internal-audits/:id: scope, auditors, and the report with its findings (auditors and the governance office report it). */
export default function InternalAuditPage() {
  const { id = '' } = useParams();
  const audit = useQuery(auditQuery(id));
  useDocumentTitle(audit.data?.openedAt ? `Internal audit of ${formatDate(audit.data.openedAt)}` : 'Internal audit');
  if (audit.isPending) return <LoadingState label="Loading the audit…" />;
  if (audit.isError) return <ErrorState error={audit.error} what="internal audit" onRetry={() => void audit.refetch()} />;
  const a = audit.data;
  const scope = a.scope as ScopedSystem[];
  return (
    <article className="page ms-page" aria-labelledby="audit-title">
      <p className="breadcrumb">
        <Link to="/internal-audits">Internal audits</Link>
      </p>
      <h1 id="audit-title">
        Internal audit of {formatDate(a.openedAt)} <StatusBadge value={a.status} />
      </h1>
      <p className="page__lead">
        Report due {formatDate(a.dueAt)}
        {a.remindedAt ? ` · auditors reminded ${formatDateTime(a.remindedAt)}` : ''}
      </p>
      <section className="panel" aria-labelledby="auditors-title">
        <h2 id="auditors-title">Auditors</h2>
        <ul className="chip-list">
          {a.auditors.map((p) => (
            <li key={p.id} className="chip" title={p.email}>
              {p.name}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="scope-title">
        <h2 id="scope-title">Scope: {scope.length === 1 ? 'one AI system' : `${scope.length} AI systems`}</h2>
        {scope.length ? (
          <ul className="count-list">
            {scope.map((s, i) => (
              <li key={s.id ?? i}>
                {s.id ? <Link to={`/systems/${s.id}`}>{s.name ?? s.id}</Link> : s.name} <span className="panel__meta">({[s.stage, s.riskTier].filter(Boolean).map((v) => humanize(v!)).join(', ')})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>No AI system was registered when it opened.</p>
        )}
      </section>
      {a.status === 'completed' ? <AuditReport audit={a} /> : <ReportAction audit={a} />}
    </article>
  );
}

function AuditReport({ audit }: { audit: InternalAudit }) {
  const findings = asFollowUps(audit.findings);
  return (
    <section className="panel" aria-labelledby="report-title">
      <h2 id="report-title">Report</h2>
      <p className="panel__meta">
        Completed {formatDateTime(audit.completedAt)} by <PersonName id={audit.completedById} />
      </p>
      <p className="prewrap">{audit.summary}</p>
      <h3>Findings</h3>
      {findings.length === 0 ? (
        <p>No finding.</p>
      ) : (
        <ol className="decisions">
          {findings.map((f, i) => (
            <li key={f.pdcaItemId ?? i}>
              <strong>{f.title}</strong> ({humanize(f.kind ?? '')}) — owner <PersonName id={f.ownerId} />, due {formatDate(f.dueAt)}
              {f.description ? <p>{f.description}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ReportAction({ audit }: { audit: InternalAudit }) {
  const { user } = useSession();
  if (!may(user, 'internal_audit.report')) {
    return (
      <section className="panel" aria-labelledby="report-title">
        <h2 id="report-title">Report</h2>
        <p>Not reported yet.</p>
      </section>
    );
  }
  return <ReportForm audit={audit} />;
}

function ReportForm({ audit }: { audit: InternalAudit }) {
  const { user } = useSession();
  const report = useReportAudit(audit.id);
  const [summary, setSummary] = useState('');
  const [findings, setFindings] = useState<FollowUpInput[]>([]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    report.mutate({ summary, findings: toFollowUps(findings) as AuditReport['findings'] });
  }
  const other = report.error && !fieldError(report.error, 'summary', 'findings') ? report.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-labelledby="report-form-title">
      <h2 id="report-form-title">Report the audit</h2>
      <FormProblem error={other} />
      <TextArea label="Summary" rows={5} maxLength={20000} value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldError(report.error, 'summary')} />
      <FollowUpItems name="findings" noun="finding" kinds={FINDING_KINDS} items={findings} onChange={setFindings} error={report.error} defaultOwnerId={user.id} />
      <button type="submit" className="button" disabled={report.isPending}>
        {report.isPending ? 'Reporting…' : 'Report the audit'}
      </button>
    </form>
  );
}
