import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../app/format';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { RadioChoices, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { SourceSecret } from './SourceSecret';
import { SystemChoices, type SystemScope } from './SystemChoices';
import {
  useCreateWebhookSource,
  useDisableWebhookSource,
  useRotateWebhookSecret,
  useUpdateWebhookSource,
  webhookSourcesQuery,
  type WebhookSource,
  type WebhookSourceWithSecret,
} from './webhook-sources-queries';
import '../management-system/management-system.css';

/** What a source sends, as the API's `kind` says it. */
const KINDS = [
  { value: 'standard', label: 'Monitoring events', hint: 'Drift, bias, performance and incident events, signed in the Standard Webhooks scheme.' },
  { value: 'mlflow', label: 'MLflow model registry', hint: 'MLflow 3.3+ webhooks on registered models, versions and aliases, signed as MLflow signs them.' },
] as const;
type SourceKind = (typeof KINDS)[number]['value'];
const KIND_LABEL: Record<string, string> = Object.fromEntries(KINDS.map((k) => [k.value, k.label]));

/** How long the old secret keeps working after a rotation, so the tool can switch without a refused delivery. */
const ROTATION_OVERLAP_MINUTES = 24 * 60;

/**
 * /webhook-sources (admins): the monitoring tools allowed to send events, each with its own
 * signing secret (shown once, when made or rotated) and the AI systems it may act on.
 */
export default function WebhookSourcesPage() {
  useDocumentTitle('Webhook sources');
  const [page, setPage] = useState(1);
  const sources = useQuery(webhookSourcesQuery(page));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ title: string; made: WebhookSourceWithSecret } | null>(null);
  const columns: ReadonlyArray<Column<WebhookSource>> = [
    { header: 'Source', rowHeader: true, cell: (s) => s.name },
    { header: 'Sends', cell: (s) => KIND_LABEL[s.kind] ?? s.kind },
    { header: 'May act on', cell: (s) => (s.allSystems ? 'Every AI system' : s.aiSystems.map((a) => a.name).join(', ')) },
    { header: 'Status', cell: (s) => <StatusBadge value={s.active ? 'valid' : 'withdrawn'} label={s.active ? 'Active' : 'Disabled'} /> },
    {
      header: 'Secret',
      cell: (s) =>
        s.previousSecretExpiresAt ? `Rotated ${formatDateTime(s.secretCreatedAt)}; the old one works until ${formatDateTime(s.previousSecretExpiresAt)}` : `Since ${formatDateTime(s.secretCreatedAt)}`,
    },
    {
      header: 'Actions',
      hideHeader: true,
      className: 'actions-cell',
      cell: (s) =>
        s.active ? (
          <SourceActions
            source={s}
            editing={editing === s.id}
            onEdit={() => setEditing(editing === s.id ? null : s.id)}
            onRotated={(made) => setSecret({ title: `New secret for ${s.name}`, made })}
          />
        ) : null,
    },
  ];
  return (
    <section className="page ms-page" aria-labelledby="webhook-sources-title">
      <div className="page__header">
        <h1 id="webhook-sources-title">Webhook sources</h1>
        {!adding && !secret ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add a source
          </button>
        ) : null}
      </div>
      <p className="page__lead">
        Monitoring tools that may report drift, bias, performance and incidents, and MLflow model registries that report new model versions and aliases. Each
        signs its deliveries with its own secret and may act only on the AI systems named here: a critical event can roll a system back by itself.
      </p>
      {secret ? (
        <SourceSecret title={secret.title} secret={secret.made.secret} deliveryPath={secret.made.source.deliveryPath} kind={secret.made.source.kind} onDone={() => setSecret(null)} />
      ) : null}
      {adding ? (
        <NewSourceForm
          onClose={() => setAdding(false)}
          onCreated={(made) => {
            setAdding(false);
            setSecret({ title: `${made.source.name} is added`, made });
          }}
        />
      ) : null}
      <QueryView
        query={sources}
        loading="Loading webhook sources…"
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState title="No webhook source yet">Add one for each monitoring tool that should report events.</EmptyState>}
      >
        {(data) => (
          <>
            <DataTable
              label="Webhook sources"
              columns={columns}
              rows={data.items}
              rowKey={(s) => s.id}
              details={(s) => (editing === s.id && s.active ? <ScopeForm source={s} onDone={() => setEditing(null)} /> : null)}
            />
            <Pager page={page} pageSize={data.pageSize} total={data.total} onPage={setPage} label="Webhook sources" />
          </>
        )}
      </QueryView>
    </section>
  );
}

function SourceActions({ source, editing, onEdit, onRotated }: { source: WebhookSource; editing: boolean; onEdit: () => void; onRotated: (made: WebhookSourceWithSecret) => void }) {
  const rotate = useRotateWebhookSecret(source.id);
  const disable = useDisableWebhookSource(source.id);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <FormProblem error={rotate.error ?? disable.error} />
      <button type="button" className="button button--secondary button--small" onClick={onEdit} aria-expanded={editing} aria-label={`Change systems of ${source.name}`}>
        Change systems
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={rotate.isPending}
        onClick={() => rotate.mutate(ROTATION_OVERLAP_MINUTES, { onSuccess: onRotated })}
        aria-label={`Rotate secret of ${source.name}`}
      >
        Rotate secret
      </button>
      {confirming ? (
        <>
          <button type="button" className="button button--secondary button--small" disabled={disable.isPending} onClick={() => disable.mutate(undefined)} aria-label={`Yes, disable ${source.name} for good`}>
            Yes, disable
          </button>
          <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(true)} aria-label={`Disable ${source.name}`}>
          Disable
        </button>
      )}
    </>
  );
}

/** The systems a source may act on, changed from its row. */
function ScopeForm({ source, onDone }: { source: WebhookSource; onDone: () => void }) {
  const update = useUpdateWebhookSource(source.id);
  const [scope, setScope] = useState<SystemScope>({ allSystems: source.allSystems, aiSystemIds: source.aiSystems.map((s) => s.id) });
  return (
    <form
      className="ms-form"
      aria-label={`Systems of ${source.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(scope.allSystems ? { allSystems: true } : { allSystems: false, aiSystemIds: scope.aiSystemIds }, { onSuccess: onDone });
      }}
    >
      <FormProblem error={update.error && !fieldError(update.error, 'aiSystemIds') ? update.error : null} />
      <SystemChoices legend={`What ${source.name} may act on`} value={scope} onChange={setScope} error={fieldError(update.error, 'aiSystemIds')} />
      <button type="submit" className="button button--secondary" disabled={update.isPending}>
        Save systems
      </button>
    </form>
  );
}

function NewSourceForm({ onClose, onCreated }: { onClose: () => void; onCreated: (made: WebhookSourceWithSecret) => void }) {
  const create = useCreateWebhookSource();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SourceKind>('standard');
  const [scope, setScope] = useState<SystemScope>({ allSystems: false, aiSystemIds: [] });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: name.trim(), kind, ...(scope.allSystems ? { allSystems: true } : { allSystems: false, aiSystemIds: scope.aiSystemIds }) }, { onSuccess: onCreated });
  }
  const other = create.error && !fieldError(create.error, 'name', 'aiSystemIds', 'kind') ? create.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-labelledby="new-source-title">
      <h2 id="new-source-title">Add a webhook source</h2>
      <FormProblem error={other} />
      <TextField label="Name" hint="The monitoring tool or MLflow server, as people will recognise it." value={name} maxLength={100} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name')} />
      <fieldset>
        <legend>What it sends</legend>
        {fieldError(create.error, 'kind') ? <p className="field__error">{fieldError(create.error, 'kind')}</p> : null}
        <RadioChoices name="kind" choices={KINDS} value={kind} onChange={setKind} />
      </fieldset>
      <SystemChoices legend="What it may act on" value={scope} onChange={setScope} error={fieldError(create.error, 'aiSystemIds')} />
      <div className="button-row">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add'}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
