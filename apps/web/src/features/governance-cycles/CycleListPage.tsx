import type { UseQueryResult } from '@tanstack/react-query';
import { may, type WebAction } from '../../app/access';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FormProblem } from '../../components/FormProblem';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useConvene } from './cycle-queries';
import '../management-system/management-system.css';

const WORDS = {
  review: { permission: 'management_review.convene', action: 'Convene a review now', pending: 'Convening…', done: 'The review is being convened; it appears here in a moment.' },
  audit: { permission: 'internal_audit.open', action: 'Open an audit now', pending: 'Opening…', done: 'The audit is being opened; it appears here in a moment.' },
} as const satisfies Record<string, { permission: WebAction; action: string; pending: string; done: string }>;

/**
 * The list of management reviews or internal audits, newest first: its heading with the button
 * that starts one now (off its schedule) for those who may, its refusal, and a word that it is on
 * its way; then the records in a table, or what an empty list means.
 */
export function CycleListPage<T extends { id: string }>({
  kind,
  title,
  lead,
  query,
  loading,
  empty,
  columns,
}: {
  kind: 'review' | 'audit';
  title: string;
  lead: string;
  query: UseQueryResult<T[]>;
  loading: string;
  empty: { title: string; text: string };
  columns: ReadonlyArray<Column<T>>;
}) {
  useDocumentTitle(title);
  return (
    <section className="page ms-page" aria-labelledby="cycle-list-title">
      <CycleListHeader kind={kind} title={title} lead={lead} />
      <QueryView
        query={query}
        loading={loading}
        isEmpty={(data) => data.length === 0}
        empty={
          <EmptyState title={empty.title}>
            <p>{empty.text}</p>
          </EmptyState>
        }
      >
        {(data) => <DataTable label={title} columns={columns} rows={data} rowKey={(row) => row.id} />}
      </QueryView>
    </section>
  );
}

function CycleListHeader({ kind, title, lead }: { kind: 'review' | 'audit'; title: string; lead: string }) {
  const { user } = useSession();
  const convene = useConvene(kind);
  const words = WORDS[kind];
  return (
    <>
      <div className="page__header">
        <h1 id="cycle-list-title">{title}</h1>
        {may(user, words.permission) ? (
          <button type="button" className="button button--secondary" onClick={() => convene.mutate()} disabled={convene.isPending}>
            {convene.isPending ? words.pending : words.action}
          </button>
        ) : null}
      </div>
      <p className="page__lead">{lead}</p>
      <FormProblem error={convene.error} />
      {convene.isSuccess ? (
        <p role="status" className="notice notice--ok">
          {words.done}
        </p>
      ) : null}
    </>
  );
}
