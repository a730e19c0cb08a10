import { formatDate, formatDateTime } from '../../app/format';
import type { Column } from '../../components/DataTable';
import { FormProblem } from '../../components/FormProblem';
import { Badge, type Tone } from '../management-system/Badge';

/** What personal and gateway tokens share: a status, dates, and rotate and revoke while active. */
export interface TokenRow {
  id: string;
  status: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt?: string | null;
}

const STATUS_TONE: Record<string, Tone> = { active: 'good', expired: 'warn', revoked: 'neutral' };

/** The sentence shown with a rotated token's new secret. */
export const rotationNote = (previousExpiresAt: string) => `The old token keeps working until ${formatDateTime(previousExpiresAt)}, unless you revoke it sooner.`;

/**
 * The columns after a token's name: status, created, expires, last used, and for an active token
 * Rotate and Revoke (which opens RevokeTokenConfirm beneath the row). `label` names the token in
 * the buttons: rotated tokens share a name, their prefixes tell them apart.
 */
export function tokenColumns<T extends TokenRow>(opts: {
  label: (t: T) => string;
  rotating: boolean;
  onRotate: (t: T) => void;
  revoking: string | null;
  onToggleRevoke: (id: string) => void;
}): Array<Column<T>> {
  return [
    { header: 'Status', cell: (t) => <Badge value={t.status} tone={STATUS_TONE[t.status]} /> },
    { header: 'Created', cell: (t) => formatDate(t.createdAt) },
    { header: 'Expires', cell: (t) => formatDateTime(t.expiresAt) },
    { header: 'Last used', cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never') },
    {
      header: 'Actions',
      hideHeader: true,
      className: 'actions-cell',
      cell: (t) =>
        t.status === 'active' ? (
          <>
            <button type="button" className="button button--secondary button--small" disabled={opts.rotating} aria-label={`Rotate ${opts.label(t)}`} onClick={() => opts.onRotate(t)}>
              Rotate
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              aria-expanded={opts.revoking === t.id}
              aria-label={`Revoke ${opts.label(t)}`}
              onClick={() => opts.onToggleRevoke(t.id)}
            >
              Revoke
            </button>
          </>
        ) : null,
    },
  ];
}

/** Asks before revoking: `question` says who is cut off; the refusal, if any, above it. */
export function RevokeTokenConfirm({ label, question, pending, error, onRevoke, onDone }: { label: string; question: string; pending: boolean; error: unknown; onRevoke: () => void; onDone: () => void }) {
  return (
    <div className="tokens-page__confirm" role="group" aria-label={`Revoke ${label}?`}>
      <FormProblem error={error} />
      <p>{question}</p>
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={pending} onClick={onRevoke}>
          Revoke token
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Keep it
        </button>
      </div>
    </div>
  );
}
