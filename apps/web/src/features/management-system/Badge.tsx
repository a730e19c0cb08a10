import { humanize } from '../../app/format';

/**
 * A status as a labelled chip: the value in words, coloured by its tone (never colour alone:
 * the words carry the meaning). Tones are classes in management-system.css.
 */
export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'neutral';

export function Badge({ value, tone = 'neutral', label }: { value: string; tone?: Tone; label?: string }) {
  return <span className={`badge badge--${tone}`}>{label ?? humanize(value)}</span>;
}

const TONES: Record<string, Tone> = {
  // control health
  effective: 'good',
  attention: 'warn',
  no_evidence: 'bad',
  not_applicable: 'neutral',
  // SoA implementation and versions
  implemented: 'good',
  partial: 'info',
  planned: 'warn',
  not_started: 'neutral',
  published: 'good',
  superseded: 'neutral',
  draft: 'info',
  in_approval: 'warn',
  // risks
  open: 'info',
  accepted: 'good',
  closed: 'neutral',
  needs_approval: 'warn',
  approved: 'good',
  rejected: 'bad',
  // evidence expiry
  valid: 'good',
  expiring: 'warn',
  expired: 'bad',
  withdrawn: 'neutral',
  // governance cycles
  scheduled: 'info',
  held: 'good',
  completed: 'good',
};

/** A badge whose tone follows from the value (statuses used across these screens). */
export function StatusBadge({ value, label }: { value: string | null | undefined; label?: string }) {
  if (!value) return <span className="badge badge--neutral">{label ?? 'None'}</span>;
  return <Badge value={value} tone={TONES[value] ?? 'neutral'} label={label} />;
}
