import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { EVIDENCE_MAP } from '@aigov/config/evidence-map.loader';
import { ControlApplicability, ControlHealthReasonCode, ControlHealthSummary, controlsOfMap } from '@aigov/domain/evidence/control-health';
import { ControlHealthFold, emptyFold, foldRepairs, foldSystem, partReasonKey, repairExample, repairLatest, summaryOfFold, SystemHealthPart } from '@aigov/domain/evidence/control-health-fold';
import type { EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { publishedSoaApplicability } from '../soa-applicability';
import { CONTROL_HEALTH_BATCH, ComputedPart, systemParts } from './control-health-parts';
import { EvidenceQueries, OrganisationEvidence, statements } from './evidence-queries.service';
import { organisationControlHealth, summariseOrganisationControlHealth } from './organisation-control-health';

/** Raise with any change to what a part holds or how it is computed: the next refresh rebuilds. */
const STORE_FORMAT = 1;
/** Two-key advisory lock: one writer of the fold at a time, across processes. */
const LOCK = [0x63686c74, 1] as const; // 'chlt'
/** Clocks of two processes (or two reads of one) may disagree by this much; the fold's moment is then taken as now. */
const CLOCK_SKEW_MS = 60_000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const NO_BOUND = '9223372036854775807';

type ManualControls = OrganisationEvidence['manualControls'];
/** What one step did: a rebuild batch, a catch-up batch with (caught_up) or without everything up to the bound, or nothing. */
type Step = 'rebuilt' | 'refreshed' | 'caught_up' | 'idle';
/** A system marked changed, and the mark's sequence number when it was read. */
type Mark = { ai_system_id: string; seq: string };

/** What every part depends on besides its system's own evidence: when it changes, every part is recomputed. */
interface Basis {
  hash: string;
  now: Date;
  applicability: ControlApplicability;
  organisation: OrganisationEvidence;
}

interface Rebuild {
  basis: string;
  generation: number;
  /** the moment every part of the rebuild is computed for */
  now: string;
  startedAt: string;
  /** the last system done, in id order */
  cursor: string;
  done: number;
  total: number;
  applicability: ControlApplicability;
  manualControls: ManualControls;
  fold: ControlHealthFold;
}

interface State {
  generation: number;
  basis: string | null;
  applicability: ControlApplicability | null;
  evidenceMapRevision: number | null;
  manualControls: ManualControls | null;
  fold: ControlHealthFold | null;
  asOf: Date | null;
  rebuild: Rebuild | null;
}

/** Organisation-wide control health as the store holds it. */
export interface OrganisationControlHealth {
  systems: number;
  summary: ControlHealthSummary[];
  /** the applicability and map revision the figures were computed with */
  applicability: ControlApplicability;
  evidenceMapRevision: number;
  /** the moment the figures hold for */
  asOf: Date;
  /** set when the figures are not current yet: a rebuild runs, or changed systems wait to be counted */
  pending: null | { reason: 'rebuilding' | 'catching_up'; systems: number; startedAt: Date | null };
}

/**
 * Organisation-wide control health kept current in PostgreSQL (migration 1764500700000). Each
 * system's part of the summary is stored with the moment time alone could change it; the
 * summary is a fold kept by deltas (take the old part away, add the new). A request refreshes
 * only the systems whose evidence changed (marked by triggers) or whose moment has come, in
 * batches under an advisory lock, and reads the fold: about constant time when little changed.
 *
 * When the basis changes (evidence map, SoA applicability, policy cadences, the
 * organisation-wide evidence's state per control, the controls manual evidence names) every
 * part is recomputed in keyset batches, continuing across requests and processes, while the
 * previous figures are served and marked as such. Before the first rebuild has finished there
 * is nothing to serve, and a request waits for it.
 */
@Injectable()
export class ControlHealthStore implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ControlHealthStore');
  private readonly mapJson: string;
  private background: Promise<void> | null = null;
  private steps: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: EvidenceQueries,
    private readonly clock: Clock,
    @Inject(EVIDENCE_MAP) private readonly map: EvidenceMap,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {
    this.mapJson = JSON.stringify(map);
  }

  /** In a server: bring the store up to date in the background at start, so the first report finds it current. */
  onApplicationBootstrap(): void {
    this.continueInBackground();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.background;
  }

  /**
   * The organisation-wide summary, brought up to now first. Waits at most `waitMs` for that
   * (the work goes on in the background after), then serves the figures as they stand, with
   * `pending` saying what is missing; without `waitMs`, until it is done. A moment the store has
   * already passed (a clock set back) is computed afresh instead.
   */
  async current(opts: { waitMs?: number } = {}): Promise<OrganisationControlHealth> {
    const started = Date.now();
    const requested = this.clock.now();
    const [state, [{ pending }], basisNow] = await Promise.all([
      this.readState(this.dataSource.manager),
      // both as the head of an index: EXISTS let the planner scan the table (100 MB at 100,000 systems when
      // nothing had expired), and a scan of the marks reads every dead row a bulk change left
      this.dataSource.query(
        `SELECT (SELECT ai_system_id FROM control_health_dirty ORDER BY ai_system_id LIMIT 1) IS NOT NULL
             OR (SELECT valid_until FROM control_health_systems WHERE valid_until <= $1 ORDER BY valid_until LIMIT 1) IS NOT NULL AS pending`,
        [requested],
      ),
      this.basisAt(this.dataSource.manager, requested),
    ]);
    if (state.asOf && requested.getTime() < state.asOf.getTime() - CLOCK_SKEW_MS) return this.computedAt(requested);
    const at = state.asOf && requested < state.asOf ? state.asOf : requested;
    const basis = at === requested ? basisNow : await this.basisAt(this.dataSource.manager, at);
    // the usual case: nothing changed and nothing expired, so the fold holds now
    if (state.fold && !state.rebuild && state.basis === basis.hash && !pending) return this.figures(state, basis.organisation, at, null);

    const [bound] = await this.dataSource.query(`SELECT last_value::text AS seq FROM control_health_dirty_seq`);
    let complete = false;
    for (;;) {
      // the basis read at the start serves every step of this request (a step checks it against the stored one under the lock)
      const step = await this.step(bound.seq, basis);
      if (step === 'idle' || step === 'caught_up') {
        complete = true;
        break;
      }
      // out of time: serve what there is, unless there is nothing yet (before the first rebuild)
      if (opts.waitMs !== undefined && Date.now() - started >= opts.waitMs && (await this.readState(this.dataSource.manager)).fold) break;
    }
    if (!complete) this.continueInBackground();
    const now = await this.readState(this.dataSource.manager);
    return this.figures(now, basis.organisation, now.asOf!, complete ? null : await this.pendingOf(now));
  }

  /** Keeps refreshing, a batch at a time, until nothing is left (or the process stops). */
  continueInBackground(): void {
    if (this.background || this.stopped) return;
    this.background = (async () => {
      for (let step: Step = 'refreshed'; !this.stopped && step !== 'idle' && step !== 'caught_up'; ) step = await this.step(NO_BOUND);
    })()
      .catch((error: Error) => this.logger.error(`control-health refresh failed: ${error.message}`))
      .finally(() => {
        this.background = null;
      });
  }

  /** The moment to compute for: now, or the fold's moment when a clock is a little behind it. */
  private nowFor(state: State): Date {
    const now = this.clock.now();
    return state.asOf && now < state.asOf ? state.asOf : now;
  }

  /** Past the store's moment: every system computed for `at`, nothing stored. */
  private async computedAt(at: Date): Promise<OrganisationControlHealth> {
    const applicability = await publishedSoaApplicability(this.dataSource.manager);
    const { systems, summary } = await summariseOrganisationControlHealth(this.queries, this.map, applicability, at);
    return { systems, summary, applicability, evidenceMapRevision: this.map.revision, asOf: at, pending: null };
  }

  private async basisAt(m: EntityManager, now: Date): Promise<Basis> {
    const [applicability, organisation] = await statements(m, [() => publishedSoaApplicability(m), () => this.queries.organisationEvidence(m)]);
    // Each system's statuses read the organisation-wide evidence only through this: per control,
    // whether it is recorded, fresh, or stale and how (the counts and dates are added at the end).
    const { health } = organisationControlHealth(this.map, applicability, organisation, this.queries.cadencesOf(null), now);
    const organisationState = health.map((h) => (h.status === 'attention' ? h.reasons.map((r) => r.message) : h.status));
    const cadences = { tiers: Object.entries(this.policy.tiers).map(([tier, t]) => [tier, t?.review.cadence]), ...this.queries.cadencesOf(null) };
    const hash = createHash('sha256')
      .update(JSON.stringify([STORE_FORMAT, this.mapJson, applicability, cadences, organisation.manualControls, organisationState]))
      .digest('hex');
    return { hash, now, applicability, organisation };
  }

  private async readState(m: Pick<EntityManager, 'query'>): Promise<State> {
    const [row] = await m.query(`SELECT generation, basis, applicability, evidence_map_revision, controls, fold, as_of, rebuild FROM control_health_state WHERE id = 1`);
    return {
      generation: row.generation,
      basis: row.basis,
      applicability: row.applicability,
      evidenceMapRevision: row.evidence_map_revision,
      manualControls: row.controls,
      fold: row.fold,
      asOf: row.as_of ? new Date(row.as_of) : null,
      rebuild: row.rebuild,
    };
  }

  /**
   * One batch of work in its own transaction, under the lock: the next systems of a rebuild, or
   * of the changed and expired ones (marks up to `bound` only, so a stream of writes cannot keep
   * a request waiting). 'idle' when there was nothing to do.
   */
  private step(bound: string, basis?: Basis): Promise<Step> {
    // One step at a time in this process, so waiting requests hold no more than one connection between them.
    const run = this.steps.then(() => this.stepLocked(bound, basis));
    this.steps = run.catch(() => undefined);
    return run;
  }

  private stepLocked(bound: string, given?: Basis): Promise<Step> {
    // Every statement on this one connection: a step never waits for the pool while holding the lock.
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1, $2)`, [...LOCK]);
      // The facts of a batch are one UNION ALL over a dozen tables, which the planner likes to hand
      // to parallel workers; starting them costs more than the index scans they share out (measured:
      // 250-450 ms against 7 ms serial for 100 systems on two busy cores).
      await m.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
      // and no JIT: compiling a batch's statements costs more than running them
      await m.query(`SET LOCAL jit = off`);
      const state = await this.readState(m);
      // a basis read before the lock holds for the moment it was read, unless the fold has moved past that
      const basis = given && (!state.asOf || given.now >= state.asOf) ? given : await this.basisAt(m, this.nowFor(state));
      // a rebuild once begun is finished (under the basis of now): its rows and the served fold no longer agree
      if (state.rebuild || state.basis !== basis.hash || !state.fold) {
        await this.rebuildBatch(m, state, basis);
        return 'rebuilt';
      }
      return this.refreshBatch(m, state, basis, bound);
    });
  }

  private async rebuildBatch(m: EntityManager, state: State, basis: Basis): Promise<void> {
    let r = state.rebuild;
    if (!r || r.basis !== basis.hash) {
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM ai_systems`);
      const controls = controlsOfMap(this.map, basis.organisation.manualControls);
      r = {
        basis: basis.hash,
        // a generation of its own, so the rows of an abandoned rebuild are never taken for this one's
        generation: Math.max(state.generation, r?.generation ?? 0) + 1,
        now: basis.now.toISOString(),
        startedAt: this.clock.now().toISOString(),
        cursor: FIRST_ID,
        done: 0,
        total: n,
        applicability: basis.applicability,
        manualControls: basis.organisation.manualControls,
        fold: emptyFold(controls.length),
      };
      this.logger.log(`control health: rebuilding every system's part (generation ${r.generation}, ${n} systems)`);
    }
    const ids: string[] = (await m.query(`SELECT id FROM ai_systems WHERE id > $1 ORDER BY id LIMIT $2`, [r.cursor, CONTROL_HEALTH_BATCH])).map((x: { id: string }) => x.id);
    // marks read before the facts are answered by them: the catch-up after the rebuild need not repeat these systems
    const marked = await this.marksOf(m, ids);
    const now = new Date(r.now);
    const parts = await this.computeParts(m, ids, now, r.applicability, basis.organisation);
    await this.writeParts(m, parts, r.generation, now);
    for (const { part } of parts) foldSystem(r.fold, part, 1);
    r.cursor = ids.length ? ids[ids.length - 1] : r.cursor;
    r.done += ids.length;
    if (ids.length < CONTROL_HEALTH_BATCH) {
      await m.query(`DELETE FROM control_health_systems WHERE generation <> $1`, [r.generation]);
      await m.query(
        `UPDATE control_health_state SET generation = $1, basis = $2, applicability = $3, evidence_map_revision = $4, controls = $5, fold = $6, as_of = $7, rebuild = NULL WHERE id = 1`,
        [r.generation, r.basis, JSON.stringify(r.applicability), this.map.revision, JSON.stringify(r.manualControls), JSON.stringify(r.fold), now],
      );
      this.logger.log(`control health: rebuilt ${r.done} systems (generation ${r.generation})`);
    } else {
      await m.query(`UPDATE control_health_state SET rebuild = $1 WHERE id = 1`, [JSON.stringify(r)]);
    }
    await this.consumeMarks(m, marked);
  }

  private marksOf(m: EntityManager, ids: readonly string[]): Promise<Mark[]> {
    return ids.length ? m.query(`SELECT ai_system_id, seq::text AS seq FROM control_health_dirty WHERE ai_system_id = ANY($1::uuid[])`, [ids]) : Promise.resolve([]);
  }

  /**
   * Removes the marks a step has answered (read before its facts), last in its transaction and
   * skipping marks a writer holds: a writer waiting on us while we wait on it would deadlock. A
   * mark renewed since it was read keeps its system marked for the next refresh.
   */
  private async consumeMarks(m: EntityManager, marked: readonly Mark[]): Promise<void> {
    if (marked.length === 0) return;
    await m.query(
      `DELETE FROM control_health_dirty d USING (
         SELECT x.ai_system_id FROM control_health_dirty x JOIN unnest($1::uuid[], $2::bigint[]) AS u(id, seq) ON x.ai_system_id = u.id AND x.seq = u.seq
            FOR UPDATE OF x SKIP LOCKED
       ) seen WHERE d.ai_system_id = seen.ai_system_id`,
      [marked.map((d) => d.ai_system_id), marked.map((d) => d.seq)],
    );
  }

  /** Recomputes a batch of changed or expired systems and moves the fold by their deltas; false when there were none. */
  private async refreshBatch(m: EntityManager, state: State, basis: Basis, bound: string): Promise<Step> {
    // in key order: the index skips the marks earlier batches removed, where a scan of the table would read them again
    const marked: Mark[] = await m.query(
      `SELECT ai_system_id, seq::text AS seq FROM control_health_dirty WHERE seq <= $1::bigint ORDER BY ai_system_id LIMIT $2`,
      [bound, CONTROL_HEALTH_BATCH],
    );
    const expired: Array<{ ai_system_id: string }> =
      marked.length < CONTROL_HEALTH_BATCH
        ? await m.query(`SELECT ai_system_id FROM control_health_systems WHERE valid_until <= $1 ORDER BY valid_until LIMIT $2`, [basis.now, CONTROL_HEALTH_BATCH - marked.length])
        : [];
    const ids = [...new Set([...marked.map((d) => d.ai_system_id), ...expired.map((e) => e.ai_system_id)])];
    if (ids.length === 0) {
      if (state.asOf!.getTime() < basis.now.getTime()) await m.query(`UPDATE control_health_state SET as_of = $1 WHERE id = 1`, [basis.now]);
      return 'idle';
    }
    const old = new Map<string, SystemHealthPart>(
      (await m.query(`SELECT ai_system_id, part FROM control_health_systems WHERE ai_system_id = ANY($1::uuid[])`, [ids])).map((r: { ai_system_id: string; part: SystemHealthPart }) => [r.ai_system_id, r.part]),
    );
    const parts = await this.computeParts(m, ids, basis.now, basis.applicability, basis.organisation);
    const fold = state.fold!;
    for (const part of old.values()) foldSystem(fold, part, -1);
    for (const { part } of parts) foldSystem(fold, part, 1);
    await this.writeParts(m, parts, state.generation, basis.now);
    const gone = ids.filter((id) => old.has(id) && !parts.some((p) => p.id === id));
    if (gone.length) await m.query(`DELETE FROM control_health_systems WHERE ai_system_id = ANY($1::uuid[])`, [gone]);
    await this.repair(m, fold);
    await m.query(`UPDATE control_health_state SET fold = $1, as_of = $2 WHERE id = 1`, [JSON.stringify(fold), basis.now]);
    await this.consumeMarks(m, marked);
    // a batch short of both kinds took everything there was (up to the bound): no need to look again
    return marked.length < CONTROL_HEALTH_BATCH && marked.length + expired.length < CONTROL_HEALTH_BATCH ? 'caught_up' : 'refreshed';
  }

  /** Examples and newest dates whose holders changed: looked up among the stored parts (rare, and indexed for examples). */
  private async repair(m: EntityManager, fold: ControlHealthFold): Promise<void> {
    const { examples, latest } = foldRepairs(fold);
    for (const { control, code } of examples) {
      const key = partReasonKey(control, code as ControlHealthReasonCode);
      const [found] = await m.query(
        `SELECT part->'r'->>$1 AS example, count(*)::int AS n FROM control_health_systems WHERE part->'r' ? $1 GROUP BY 1 ORDER BY 1 LIMIT 1`,
        [key],
      );
      if (found) repairExample(fold, control, code, found.example, found.n);
    }
    for (const control of latest) {
      const [found] = await m.query(
        `SELECT l, count(*)::int AS n FROM (SELECT (part->'l'->>$1::int)::float8 AS l FROM control_health_systems) v WHERE l IS NOT NULL GROUP BY l ORDER BY l DESC LIMIT 1`,
        [control],
      );
      repairLatest(fold, control, found ? Number(found.l) : null, found?.n ?? 0);
    }
  }

  private async computeParts(m: EntityManager, ids: string[], now: Date, applicability: ControlApplicability, organisation: OrganisationEvidence): Promise<ComputedPart[]> {
    if (ids.length === 0) return [];
    const facts = await this.queries.healthFacts(now, ids, organisation, m);
    return systemParts(facts.systems, { now, map: this.map, applicability, controls: controlsOfMap(this.map, organisation.manualControls) });
  }

  private async writeParts(m: EntityManager, parts: readonly ComputedPart[], generation: number, now: Date): Promise<void> {
    if (parts.length === 0) return;
    await m.query(
      `INSERT INTO control_health_systems (ai_system_id, generation, part, valid_until, computed_at)
       SELECT r.id, $2, r.part, r.valid_until, $3 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, part jsonb, valid_until timestamptz)
       ON CONFLICT (ai_system_id) DO UPDATE SET generation = excluded.generation, part = excluded.part, valid_until = excluded.valid_until, computed_at = excluded.computed_at`,
      [JSON.stringify(parts.map((p) => ({ id: p.id, part: p.part, valid_until: p.validUntil === null ? null : new Date(p.validUntil).toISOString() }))), generation, now],
    );
  }

  /** The figures as the state holds them, with the organisation-wide evidence as it stands, at `at`. */
  private figures(state: State, organisation: OrganisationEvidence, at: Date, pending: OrganisationControlHealth['pending']): OrganisationControlHealth {
    const applicability = state.applicability!;
    // judged with the applicability and the controls the fold was built with (the same unless a rebuild is pending)
    const { health, totals } = organisationControlHealth(this.map, applicability, { ...organisation, manualControls: state.manualControls! }, this.queries.cadencesOf(null), at);
    return {
      systems: state.fold!.systems,
      summary: summaryOfFold(state.fold!, health, totals),
      applicability,
      evidenceMapRevision: state.evidenceMapRevision ?? this.map.revision,
      asOf: at,
      pending,
    };
  }

  private async pendingOf(state: State): Promise<NonNullable<OrganisationControlHealth['pending']>> {
    if (state.rebuild) return { reason: 'rebuilding', systems: Math.max(state.rebuild.total - state.rebuild.done, 0), startedAt: new Date(state.rebuild.startedAt) };
    const [{ n }] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM control_health_dirty) + (SELECT count(*) FROM control_health_systems WHERE valid_until <= $1) AS n`,
      [this.clock.now()],
    );
    return { reason: 'catching_up', systems: Number(n), startedAt: null };
  }
}
