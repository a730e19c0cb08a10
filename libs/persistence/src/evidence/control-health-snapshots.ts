import type { EntityManager } from 'typeorm';
import type { ControlHealthStatus } from '@aigov/domain/evidence/control-health';
import { compareControlHealth, controlHealthSnapshotOf, ControlHealthSnapshotSummary } from '@aigov/domain/evidence/control-health-snapshot';
import { recordWebhookEvents } from '../webhook-outbox';
import type { ControlHealthStore } from './control-health-store';

export interface ControlHealthSnapshot extends ControlHealthSnapshotSummary {
  /** YYYY-MM-DD (UTC) */
  day: string;
  takenAt: string;
  soaVersion: number | null;
  evidenceMapRevision: number;
}

type Row = {
  day: string;
  taken_at: Date;
  systems: number;
  totals: Record<ControlHealthStatus, number>;
  by_framework: ControlHealthSnapshotSummary['byFramework'];
  controls: ControlHealthSnapshotSummary['controls'];
  soa_version: number | null;
  evidence_map_revision: number;
};

const COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, taken_at, systems, totals, by_framework, controls, soa_version, evidence_map_revision`;

function snapshotOf(r: Row, withControls = true): ControlHealthSnapshot {
  return {
    day: r.day,
    takenAt: new Date(r.taken_at).toISOString(),
    systems: r.systems,
    totals: r.totals,
    byFramework: r.by_framework,
    controls: withControls ? r.controls : {},
    soaVersion: r.soa_version,
    evidenceMapRevision: r.evidence_map_revision,
  };
}

/**
 * Takes the organisation-wide control-health snapshot of `day` unless it is already taken:
 * keyed by the day, so a retried or repeated run leaves one row (the first). Returns whether
 * this call wrote it.
 */
export async function takeControlHealthSnapshot(
  m: EntityManager,
  input: { store: ControlHealthStore; now: Date; day: string },
): Promise<{ day: string; created: boolean }> {
  const [taken] = await m.query(`SELECT 1 FROM control_health_snapshots WHERE day = $1`, [input.day]);
  if (taken) return { day: input.day, created: false };
  // brought up to date first, however long a rebuild takes (the activity allows minutes)
  const { systems, summary, applicability, evidenceMapRevision } = await input.store.current();
  const s = controlHealthSnapshotOf(summary, systems);
  // The snapshot and the webhook event saying it changed commit together (the outbox).
  return m.transaction(async (tx) => {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO control_health_snapshots (day, taken_at, systems, totals, by_framework, controls, soa_version, evidence_map_revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (day) DO NOTHING RETURNING day`,
      [input.day, input.now, s.systems, s.totals, s.byFramework, s.controls, applicability.source === 'soa' ? applicability.version : null, evidenceMapRevision],
    );
    if (inserted.length > 0) await recordControlHealthChange(tx, input.day, s, input.now);
    return { day: input.day, created: inserted.length > 0 };
  });
}

/** Controls listed in a control_health.changed event at most; `changedControls` says how many there were. */
const MAX_LISTED_CONTROLS = 200;

/** A control_health.changed webhook event when this day's snapshot differs from the one before it. */
async function recordControlHealthChange(tx: EntityManager, day: string, current: ControlHealthSnapshotSummary, at: Date): Promise<void> {
  const [previous]: Row[] = await tx.query(`SELECT ${COLUMNS} FROM control_health_snapshots WHERE day < $1::date ORDER BY day DESC LIMIT 1`, [day]);
  if (!previous) return;
  const change = compareControlHealth({ systems: previous.systems, totals: previous.totals, byFramework: previous.by_framework, controls: previous.controls }, current);
  if (change.changed.length === 0 && Object.values(change.totals).every((n) => n === 0)) return;
  await recordWebhookEvents(tx, [
    {
      type: 'control_health.changed',
      dedupeKey: `control-health:${day}`,
      aiSystemId: null,
      occurredAt: at,
      data: {
        day,
        previousDay: previous.day,
        totals: current.totals,
        previousTotals: previous.totals,
        improved: change.improved,
        worsened: change.worsened,
        changedControls: change.changed.length,
        controls: change.changed.slice(0, MAX_LISTED_CONTROLS),
      },
    },
  ]);
}

/** The newest snapshot taken on or before `at` (its UTC day), or null. */
export async function controlHealthSnapshotAt(m: Pick<EntityManager, 'query'>, at: Date): Promise<ControlHealthSnapshot | null> {
  const [row]: Row[] = await m.query(`SELECT ${COLUMNS} FROM control_health_snapshots WHERE day <= $1::date ORDER BY day DESC LIMIT 1`, [at.toISOString().slice(0, 10)]);
  return row ? snapshotOf(row) : null;
}

/** The snapshots of the days from `from` to `to` (inclusive, YYYY-MM-DD), oldest first; per control only when asked. */
export async function controlHealthHistory(m: Pick<EntityManager, 'query'>, from: string, to: string, withControls = false): Promise<ControlHealthSnapshot[]> {
  const rows: Row[] = await m.query(`SELECT ${COLUMNS} FROM control_health_snapshots WHERE day BETWEEN $1::date AND $2::date ORDER BY day`, [from, to]);
  return rows.map((r) => snapshotOf(r, withControls));
}
