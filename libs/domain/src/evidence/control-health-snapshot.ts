import type { CatalogFramework } from '../catalog/control-catalog.types';
import { CONTROL_HEALTH_STATUSES, ControlHealthStatus, ControlHealthSummary } from './control-health';

/**
 * One day's organisation-wide control health, kept so trends can be charted and a management
 * review can see what changed since the last one: how many controls stand where, per framework,
 * and each control's status (keyed `framework ref`, e.g. `iso42001 A.6.2.6`).
 */
export interface ControlHealthSnapshotSummary {
  systems: number;
  totals: Record<ControlHealthStatus, number>;
  byFramework: Partial<Record<CatalogFramework, Record<ControlHealthStatus, number>>>;
  controls: Record<string, ControlHealthStatus>;
}

const zero = (): Record<ControlHealthStatus, number> => Object.fromEntries(CONTROL_HEALTH_STATUSES.map((s) => [s, 0])) as Record<ControlHealthStatus, number>;

export const controlKey = (framework: string, ref: string) => `${framework} ${ref}`;

/** The snapshot of an organisation-wide summary (see summariseControlHealth). */
export function controlHealthSnapshotOf(summary: readonly ControlHealthSummary[], systems: number): ControlHealthSnapshotSummary {
  const totals = zero();
  const byFramework: ControlHealthSnapshotSummary['byFramework'] = {};
  const controls: Record<string, ControlHealthStatus> = {};
  for (const row of summary) {
    totals[row.status] += 1;
    (byFramework[row.framework] ??= zero())[row.status] += 1;
    controls[controlKey(row.framework, row.ref)] = row.status;
  }
  return { systems, totals, byFramework, controls };
}

/** How control health moved between two snapshots: the change per status and each control whose status changed. */
export interface ControlHealthChange {
  totals: Record<ControlHealthStatus, number>;
  /** controls whose status changed, and controls that appeared (from null) or left the map (to null) */
  changed: Array<{ control: string; from: ControlHealthStatus | null; to: ControlHealthStatus | null }>;
  improved: number;
  worsened: number;
}

/** Better is higher: effective above no_evidence above attention; not_applicable stands apart (0). */
const RANK: Record<ControlHealthStatus, number> = { effective: 3, no_evidence: 2, attention: 1, not_applicable: 0 };

export function compareControlHealth(previous: ControlHealthSnapshotSummary, current: ControlHealthSnapshotSummary): ControlHealthChange {
  const totals = zero();
  for (const s of CONTROL_HEALTH_STATUSES) totals[s] = current.totals[s] - previous.totals[s];
  const keys = [...new Set([...Object.keys(previous.controls), ...Object.keys(current.controls)])];
  const changed: ControlHealthChange['changed'] = [];
  let improved = 0;
  let worsened = 0;
  for (const control of keys) {
    const from = previous.controls[control] ?? null;
    const to = current.controls[control] ?? null;
    if (from === to) continue;
    changed.push({ control, from, to });
    if (from && to && to !== 'not_applicable' && from !== 'not_applicable') {
      if (RANK[to] > RANK[from]) improved += 1;
      else worsened += 1;
    }
  }
  return { totals, changed, improved, worsened };
}
