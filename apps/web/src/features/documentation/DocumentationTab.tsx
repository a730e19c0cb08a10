import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { documentHref, documentationQuery, type DocumentCompleteness, type DocumentationSummary } from './documentation-queries';
import { StatementEditor } from './StatementEditor';
import '../management-system/management-system.css';
import '../monitoring-plan/monitoring-plan.css';
import './documentation.css';

/**
 * Documentation on demand for a high-risk system: the Annex IV technical documentation and the
 * Art. 27 fundamental rights impact assessment, each with how complete it is, every missing
 * item with who can supply it, and PDF and JSON downloads (each download is audited); then the
 * statements the organisation writes to complete them.
 */
export function DocumentationTab({ systemId }: { systemId: string }) {
  const summary = useQuery(documentationQuery(systemId));
  return (
    <section aria-labelledby="documentation-title" className="documentation">
      <h2 id="documentation-title">Documentation on demand</h2>
      {summary.isPending ? (
        <LoadingState label="Compiling the documentation…" />
      ) : summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : !summary.data.applicable ? (
        <EmptyState title="Compiled for high-risk systems only">
          <p>{summary.data.reason}</p>
        </EmptyState>
      ) : (
        <Documents summary={summary.data} systemId={systemId} />
      )}
    </section>
  );
}

function Documents({ summary, systemId }: { summary: DocumentationSummary; systemId: string }) {
  return (
    <>
      <p className="panel__meta">Compiled from the engine’s records each time they are opened or downloaded. Downloads are recorded in the audit trail with their SHA-256.</p>
      {summary.documents.map((doc) => (
        <DocumentPanel key={doc.kind} doc={doc} systemId={systemId} />
      ))}
      <section aria-labelledby="statements-title" className="panel">
        <h3 id="statements-title">Statements</h3>
        <p className="panel__meta">What the documents need and the engine cannot derive from its records, in the organisation’s own words. Each save is a new version.</p>
        <ul className="plain-list statement-list">
          {summary.statements.map((statement) => (
            <StatementEditor key={statement.key} systemId={systemId} statement={statement} canEdit={summary.canEditStatements} />
          ))}
        </ul>
      </section>
    </>
  );
}

function DocumentPanel({ doc, systemId }: { doc: DocumentCompleteness; systemId: string }) {
  const titleId = `doc-${doc.kind}`;
  const incomplete = doc.sections.filter((s) => !s.complete).length;
  return (
    <section aria-labelledby={titleId} className="panel document">
      <h3 id={titleId}>
        {doc.title} <span className="panel__meta">({doc.basis})</span>
      </h3>
      <p className={doc.complete ? 'document__status document__status--complete' : 'document__status document__status--missing'}>
        {doc.complete ? 'Complete' : `${doc.missingCount} item${doc.missingCount === 1 ? '' : 's'} missing in ${incomplete} of ${doc.sections.length} sections`}
      </p>
      <ul className="link-row">
        <li>
          <a className="button button--secondary button--small" href={documentHref(systemId, doc.path, 'pdf')} download aria-label={`${doc.title}: download as PDF`}>
            PDF
          </a>
        </li>
        <li>
          <a className="button button--secondary button--small" href={documentHref(systemId, doc.path, 'json')} download aria-label={`${doc.title}: download as JSON`}>
            JSON
          </a>
        </li>
      </ul>
      <ol className="plain-list document__sections" aria-label={`${doc.title}: sections`}>
        {doc.sections.map((s) => (
          <li key={s.id} className="document__section">
            <p>
              <span className={s.complete ? 'section-mark section-mark--complete' : 'section-mark section-mark--missing'}>{s.complete ? 'Complete' : `${s.missing.length} missing`}</span>{' '}
              <strong>{s.reference}</strong> {s.heading}
            </p>
            {s.missing.length ? (
              <ul className="document__missing">
                {s.missing.map((m, i) => (
                  <li key={i}>
                    <p>{m.what}</p>
                    <p className="panel__meta">
                      Who: {m.suppliedBy}.{' '}
                      {m.statementKey ? (
                        <a href={`#statement-${m.statementKey}`}>Write the statement below</a>
                      ) : (
                        <>How: {m.how}.</>
                      )}
                    </p>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
