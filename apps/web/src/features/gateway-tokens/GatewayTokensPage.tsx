import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { humanize } from '../../app/format';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { SelectField, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { QueryView } from '../../components/QueryView';
import { SecretShownOnce } from '../../components/SecretShownOnce';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { RevokeTokenConfirm, rotationNote, tokenColumns } from '../tokens/token-table-parts';
import { gatewayTokensQuery, useIssueGatewayToken, useRevokeGatewayToken, useRotateGatewayToken, type GatewayToken, type GatewayTokenRequest } from './gateway-token-queries';
import '../management-system/management-system.css';
import '../tokens/tokens.css';

const KINDS: ReadonlyArray<{ value: GatewayTokenRequest['gatewayKind']; label: string }> = [
  { value: 'ai_gateway', label: 'AI gateway (a proxy in front of models)' },
  { value: 'agent_runtime', label: 'Agent runtime (tools and actions)' },
];
const LIFETIMES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days (default)' },
  { days: 365, label: '1 year (the longest allowed by default)' },
];
const label = (t: GatewayToken) => `${t.gatewayName} (${t.prefix}…)`;

/**
 * /gateway-tokens (admins): machine tokens of AI gateways and agent runtimes. A gateway token may
 * call POST /api/v1/authorize and nothing else; issued, rotated (both secrets work during the
 * overlap) and revoked (refused from its next request) here. A secret is shown once.
 */
export default function GatewayTokensPage() {
  useDocumentTitle('Gateway tokens');
  const tokens = useQuery(gatewayTokensQuery);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; value: string; note?: string } | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const rotate = useRotateGatewayToken();
  const columns: ReadonlyArray<Column<GatewayToken>> = [
    {
      header: 'Gateway',
      rowHeader: true,
      cell: (t) => (
        <>
          {t.gatewayName}
          <span className="soa-table__title mono">{t.prefix}…</span>
        </>
      ),
    },
    { header: 'Kind', cell: (t) => humanize(t.gatewayKind) },
    ...tokenColumns<GatewayToken>({
      label,
      rotating: rotate.isPending,
      onRotate: (t) => rotate.mutate(t.id, { onSuccess: (r) => setSecret({ name: r.token.gatewayName, value: r.secret, note: rotationNote(r.previous.expiresAt) }) }),
      revoking,
      onToggleRevoke: (id) => setRevoking(revoking === id ? null : id),
    }),
  ];
  return (
    <section className="page ms-page tokens-page" aria-labelledby="gateway-tokens-title">
      <div className="page__header">
        <h1 id="gateway-tokens-title">Gateway tokens</h1>
        {!creating ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setCreating(true);
              setSecret(null);
            }}
          >
            New gateway token
          </button>
        ) : null}
      </div>
      <p className="page__lead">
        AI gateways and agent runtimes ask <code>POST /api/v1/authorize</code> before a system uses data, calls a tool or takes a decision, with{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. A gateway token can do nothing else. Every token expires; rotate to switch without a gap, revoke to cut a gateway off
        at once.
      </p>
      {secret ? (
        <SecretShownOnce title={`Copy the token of “${secret.name}” now`} label={`Gateway token ${secret.name}`} secret={secret.value} copyLabel="Copy token" onDone={() => setSecret(null)}>
          <p>This is the only time it is shown. Put it in the gateway’s secret store.</p>
          {secret.note ? <p>{secret.note}</p> : null}
        </SecretShownOnce>
      ) : null}
      {creating ? (
        <NewGatewayTokenForm
          onIssued={(name, value) => {
            setCreating(false);
            setSecret({ name, value });
          }}
          onClose={() => setCreating(false)}
        />
      ) : null}
      <FormProblem error={rotate.error} />
      <QueryView
        query={tokens}
        loading="Loading gateway tokens…"
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title="No gateway tokens yet">Issue one with “New gateway token” for each gateway that enforces approved scopes.</EmptyState>}
      >
        {(data) => (
          <DataTable
            label="Gateway tokens"
            columns={columns}
            rows={data}
            rowKey={(t) => t.id}
            details={(t) => (revoking === t.id && t.status === 'active' ? <RevokeConfirm token={t} onDone={() => setRevoking(null)} /> : null)}
          />
        )}
      </QueryView>
    </section>
  );
}

function NewGatewayTokenForm({ onIssued, onClose }: { onIssued: (name: string, secret: string) => void; onClose: () => void }) {
  const issue = useIssueGatewayToken();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<GatewayTokenRequest['gatewayKind']>('ai_gateway');
  const [days, setDays] = useState('90');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    issue.mutate({ gatewayName: name.trim(), gatewayKind: kind, expiresInDays: Number(days) }, { onSuccess: (r) => onIssued(r.token.gatewayName, r.secret) });
  }
  const other = issue.error && !fieldError(issue.error, 'gatewayName', 'gatewayKind', 'expiresInDays') ? issue.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-labelledby="new-gateway-token-title">
      <h2 id="new-gateway-token-title">New gateway token</h2>
      <FormProblem error={other} />
      <TextField label="Gateway name" hint="A machine name, e.g. payments-llm-gateway" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} error={fieldError(issue.error, 'gatewayName')} autoComplete="off" />
      <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as GatewayTokenRequest['gatewayKind'])} error={fieldError(issue.error, 'gatewayKind')}>
        {KINDS.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Expires after" value={days} onChange={(e) => setDays(e.target.value)} error={fieldError(issue.error, 'expiresInDays')}>
        {LIFETIMES.map((l) => (
          <option key={l.days} value={String(l.days)}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <div className="button-row">
        <button type="submit" className="button" disabled={issue.isPending}>
          {issue.isPending ? 'Issuing…' : 'Issue token'}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RevokeConfirm({ token, onDone }: { token: GatewayToken; onDone: () => void }) {
  const revoke = useRevokeGatewayToken();
  return (
    <RevokeTokenConfirm
      label={label(token)}
      question={`Revoke the token of “${token.gatewayName}”? The gateway is refused from its next request. This cannot be undone.`}
      pending={revoke.isPending}
      error={revoke.error}
      onRevoke={() => revoke.mutate(token.id, { onSuccess: onDone })}
      onDone={onDone}
    />
  );
}
