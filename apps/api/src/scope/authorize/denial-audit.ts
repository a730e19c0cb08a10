import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import type { DenyReason } from '@aigov/domain/scope/authorize-decision';
import type { ScopeAction } from '@aigov/domain/scope/approved-scope';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { AuthorizeMetrics, type CallerKind } from './authorize-metrics';

/** Who asked: a gateway (its token) or a person testing a scope. */
export interface DenialCaller {
  kind: CallerKind;
  /** the gateway token's id, or the person's */
  id: string;
  /** `gateway:<name>`, or the person's email */
  label: string;
}

export interface Denial {
  caller: DenialCaller;
  /** the system denied; null when no system matched (unknown or ambiguous) */
  systemId: string | null;
  /** how the caller named the system (its id, or model name and version) */
  reference: string;
  reason: DenyReason;
  action: ScopeAction;
  targets: readonly string[];
  message: string;
}

const WINDOW_MS = 60_000;
/** Distinct (caller, system, reason) keys per minute; beyond it, denials fold into one key per caller and reason. */
const MAX_KEYS_PER_WINDOW = 10_000;
const SAMPLES = 5;
const FLUSH_CHECK_MS = 5_000;

interface Entry {
  caller: DenialCaller;
  systemId: string | null;
  reason: DenyReason;
  /** denials after the first, in this window */
  repeats: number;
  actions: Set<ScopeAction>;
  sampleTargets: Set<string>;
  sampleReferences: Set<string>;
  lastAt: Date;
}

/**
 * Denials are audited, but a flood of them must not grow the audit chain without bound (a
 * misconfigured agent retrying a forbidden tool a thousand times a second). Per minute, per
 * caller, system and reason:
 * - the first denial is written to the audit trail before the answer is sent: an auditor sees
 *   at once that, say, gateway X asked for a tool outside system Y's scope, with the target and
 *   the sentence the gateway got;
 * - the rest of that minute are counted in memory and written as one `authorize.denials_repeated`
 *   event (count, actions, a few sample targets) when the minute ends.
 * So the chain grows by at most two events per key and minute, whatever the rate, and no denial
 * is silent: every one is in the Prometheus counter at once and in the trail within a minute.
 * The price: a crash loses the in-memory count of its last minute (never a first denial), and
 * each API process keeps its own minute. Why not one event per denial: at 1,000 denials/s that
 * is 86 million hash-chained rows a day, each a serialised append on the system's stream, in
 * the answer's path.
 */
@Injectable()
export class DenialAudit implements OnApplicationShutdown {
  private readonly logger = new Logger('DenialAudit');
  private windowStart = 0;
  private entries = new Map<string, Entry>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly metrics: AuthorizeMetrics,
  ) {
    // Ends a quiet minute too, so its count is written without waiting for the next denial.
    this.timer = setInterval(() => this.rollIfDue(this.clock.now()), FLUSH_CHECK_MS);
    this.timer.unref();
  }

  async record(denial: Denial): Promise<void> {
    const now = this.clock.now();
    this.rollIfDue(now);
    let key = `${denial.caller.kind}:${denial.caller.id}|${denial.systemId ?? '-'}|${denial.reason}`;
    let systemId = denial.systemId;
    if (!this.entries.has(key) && this.entries.size >= MAX_KEYS_PER_WINDOW) {
      key = `${denial.caller.kind}:${denial.caller.id}|*|${denial.reason}`;
      systemId = null;
    }
    const entry = this.entries.get(key);
    if (entry) {
      entry.repeats += 1;
      entry.actions.add(denial.action);
      entry.lastAt = now;
      for (const t of denial.targets) if (entry.sampleTargets.size < SAMPLES) entry.sampleTargets.add(t);
      if (entry.sampleReferences.size < SAMPLES) entry.sampleReferences.add(denial.reference);
      return;
    }
    // Claimed before the write, so concurrent denials of the same key count as repeats.
    this.entries.set(key, {
      caller: denial.caller,
      systemId,
      reason: denial.reason,
      repeats: 0,
      actions: new Set([denial.action]),
      sampleTargets: new Set(),
      sampleReferences: new Set(),
      lastAt: now,
    });
    try {
      await this.append(systemId, 'authorize.denied', denial.caller, {
        caller: denial.caller,
        reference: denial.reference,
        reason: denial.reason,
        action: denial.action,
        targets: denial.targets.slice(0, 10),
        message: denial.message,
        windowStart: new Date(this.windowStart).toISOString(),
      }, now);
      this.metrics.auditEvent('first');
    } catch (error) {
      // Not written: the next denial of this key tries again (and this one answers 503).
      if (this.entries.get(key)?.repeats === 0) this.entries.delete(key);
      throw error;
    }
  }

  /** Writes the repeats of the minute now ending (tests and shutdown call it; the timer does otherwise). */
  async flush(): Promise<void> {
    this.roll(this.clock.now());
    await this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private rollIfDue(now: Date): void {
    const start = now.getTime() - (now.getTime() % WINDOW_MS);
    if (start !== this.windowStart) this.roll(now);
  }

  private roll(now: Date): void {
    const closed = { start: this.windowStart, entries: this.entries };
    this.windowStart = now.getTime() - (now.getTime() % WINDOW_MS);
    this.entries = new Map();
    if (closed.entries.size === 0) return;
    this.flushing = this.flushing.then(() => this.writeRepeats(closed.start, closed.entries, now));
  }

  private async writeRepeats(windowStart: number, entries: Map<string, Entry>, now: Date): Promise<void> {
    for (const entry of entries.values()) {
      if (entry.repeats === 0) continue;
      try {
        await this.append(entry.systemId, 'authorize.denials_repeated', entry.caller, {
          caller: entry.caller,
          reason: entry.reason,
          count: entry.repeats,
          actions: [...entry.actions],
          sampleTargets: [...entry.sampleTargets],
          sampleReferences: [...entry.sampleReferences],
          windowStart: new Date(windowStart).toISOString(),
          windowEnd: new Date(windowStart + WINDOW_MS).toISOString(),
          lastAt: entry.lastAt.toISOString(),
        }, now);
        this.metrics.auditEvent('repeated');
      } catch (error) {
        this.logger.error(`could not audit ${entry.repeats} repeated denials (${entry.reason}) of ${entry.caller.label}: ${(error as Error).message}`);
      }
    }
  }

  private append(systemId: string | null, eventType: string, caller: DenialCaller, payload: Record<string, unknown>, now: Date) {
    return appendNextAuditEvent(this.dataSource.manager, {
      // One stream per system, so appends for different systems never wait on one lock.
      streamId: systemId ? `authorize:${systemId}` : 'authorize',
      eventType,
      actorId: caller.kind === 'person' ? caller.id : null,
      actorLabel: caller.label,
      aiSystemId: systemId,
      payload,
      occurredAt: now,
    });
  }
}
