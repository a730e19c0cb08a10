import type { EntityManager } from 'typeorm';
import { compareControlHealth, ControlHealthChange } from '@aigov/domain/evidence/control-health-snapshot';
import { controlHealthSnapshotAt, ControlHealthSnapshot } from './control-health-snapshots';

/** How many changed controls the agenda lists by name (the counts cover them all). */
const LISTED_CHANGES = 50;

type SnapshotHeadline = Omit<ControlHealthSnapshot, 'controls'>;

/**
 * Control health on a management review's agenda (ISO/IEC 42001 and 27001 9.3.2, performance
 * and monitoring results): the newest daily snapshot, and what changed since the snapshot the
 * previous review would have seen (the newest taken on or before it was convened).
 */
export interface ControlHealthAgenda {
  /** the newest snapshot on or before the agenda's compilation; null before the first */
  current: SnapshotHeadline | null;
  /** the newest snapshot on or before the previous review; null before the first review or snapshot */
  atLastReview: SnapshotHeadline | null;
  /** current against atLastReview; null when either is missing */
  change: (Omit<ControlHealthChange, 'changed'> & { changedCount: number; changed: ControlHealthChange['changed'] }) | null;
}

const headline = ({ controls: _controls, ...rest }: ControlHealthSnapshot): SnapshotHeadline => rest;

export async function compileControlHealthAgenda(m: Pick<EntityManager, 'query'>, now: Date, since: Date | null): Promise<ControlHealthAgenda> {
  const current = await controlHealthSnapshotAt(m, now);
  const previous = since ? await controlHealthSnapshotAt(m, since) : null;
  const change = current && previous ? compareControlHealth(previous, current) : null;
  return {
    current: current && headline(current),
    atLastReview: previous && headline(previous),
    change: change && { ...change, changedCount: change.changed.length, changed: change.changed.slice(0, LISTED_CHANGES) },
  };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The agenda line of the invitation mail. */
export function controlHealthAgendaText(c: ControlHealthAgenda | undefined): string {
  if (!c?.current) return 'no control-health snapshot taken yet';
  const t = c.current.totals;
  const now = `controls effective ${t.effective}, attention ${t.attention}, no evidence ${t.no_evidence}, not applicable ${t.not_applicable} (snapshot of ${c.current.day}, ${c.current.systems} systems)`;
  if (!c.change || !c.atLastReview) return `${now}; no snapshot from the last review to compare with`;
  const d = c.change.totals;
  return (
    `${now}; since the last review (snapshot of ${c.atLastReview.day}): effective ${signed(d.effective)}, attention ${signed(d.attention)}, ` +
    `no evidence ${signed(d.no_evidence)}, not applicable ${signed(d.not_applicable)}; ${c.change.improved} controls improved, ${c.change.worsened} worsened`
  );
}
