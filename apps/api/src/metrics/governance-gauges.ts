import { Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Clock } from '@aigov/config/clock';

/** Scrapes within this long of the last reading reuse it: several Prometheus servers, or a fast scrape interval, cost one query. */
export const GOVERNANCE_GAUGES_TTL_MS = 5_000;

interface Reading {
  approvalsOpen: number;
  reviewsOverdue: number;
  outboxPending: number;
  outboxOldestPendingSeconds: number;
}

/**
 * One statement, four figures, each read through an index, so its cost follows what it counts
 * (open tasks, overdue systems, unsent mail), not the size of the tables: open approval tasks by
 * an index-only scan of idx_tasks_kind_status_decided_at; overdue reviews by the dashboard's rule
 * (systems in operation past next_review_at through idx_ai_systems_stage_next_review_at, one heap
 * page per overdue system for its id, united with open review tasks past due); pending mail and
 * the oldest one's age by index-only scans of idx_email_outbox_status_created_at. EXPLAIN ANALYZE
 * on a database of 100,000 systems, 1,000 of them overdue: about 6 ms warm, 19 ms cold (a shared,
 * loaded machine; an order of magnitude, not a benchmark).
 */
export const GOVERNANCE_GAUGES_SQL = `
  SELECT
    (SELECT count(*) FROM tasks WHERE kind = 'approval' AND status = 'open')::int AS approvals_open,
    (SELECT count(*) FROM (
       SELECT id FROM ai_systems WHERE stage = 'operation' AND next_review_at < $1
       UNION
       SELECT ai_system_id FROM tasks WHERE kind = 'review' AND status = 'open' AND due_at < $1 AND ai_system_id IS NOT NULL
     ) AS overdue)::int AS reviews_overdue,
    (SELECT count(*) FROM email_outbox WHERE status = 'pending')::int AS outbox_pending,
    (SELECT coalesce(extract(epoch FROM ($1::timestamptz - min(created_at))), 0) FROM email_outbox WHERE status = 'pending')::float8 AS outbox_oldest_pending_seconds`;

/**
 * A gauge whose value is read when scraped; when the reading fails, the scrape carries the
 * gauge's HELP and TYPE but no sample (prom-client would print a reset gauge as 0, which an
 * alert on "no mail pending" would take for good news). prom-client fails the whole scrape when
 * a collect throws, and the HTTP and process metrics still matter then.
 */
class ReadModelGauge extends Gauge {
  private readOk = false;

  constructor(name: string, help: string, registry: Registry, read: () => Promise<number>) {
    super({
      name,
      help,
      registers: [registry],
      // prom-client calls collect with the gauge as `this` at every scrape.
      async collect(this: Gauge) {
        const gauge = this as ReadModelGauge;
        await read().then(
          (value) => {
            gauge.readOk = true;
            gauge.set(value);
          },
          () => {
            gauge.readOk = false;
          },
        );
      },
    });
  }

  override async get(): ReturnType<Gauge['get']> {
    const metric = await super.get();
    return this.readOk ? metric : { ...metric, values: [] };
  }
}

/**
 * The governance figures an operator alerts on, read from the read model at scrape time. Every
 * API replica reports the same values (aggregate with max(), not sum()). A failed reading
 * leaves the gauges out of that scrape rather than reporting zero.
 */
export class GovernanceGauges {
  private cached?: { at: number; reading: Promise<Reading> };

  constructor(
    registry: Registry,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    const gauge = (name: string, help: string, pick: (r: Reading) => number) => new ReadModelGauge(name, help, registry, () => this.read().then(pick));
    gauge('aigov_approvals_open', 'Approval tasks waiting for a decision (any subject: AI systems, SoA versions, risk acceptances)', (r) => r.approvalsOpen);
    gauge('aigov_reviews_overdue', 'AI systems whose periodic review is overdue (in operation past the review date, or a review task open past its due date)', (r) => r.reviewsOverdue);
    gauge('aigov_email_outbox_pending', 'Emails (approval prompts, reminders, notifications) recorded but not yet handed to SMTP', (r) => r.outboxPending);
    gauge('aigov_email_outbox_oldest_pending_seconds', 'Age of the oldest email not yet handed to SMTP (0 when none is pending)', (r) => r.outboxOldestPendingSeconds);
  }

  read(): Promise<Reading> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > GOVERNANCE_GAUGES_TTL_MS) {
      const reading = this.dataSource.query(GOVERNANCE_GAUGES_SQL, [this.clock.now()]).then(([row]) => ({
        approvalsOpen: Number(row.approvals_open),
        reviewsOverdue: Number(row.reviews_overdue),
        outboxPending: Number(row.outbox_pending),
        outboxOldestPendingSeconds: Math.round(Number(row.outbox_oldest_pending_seconds) * 1000) / 1000,
      }));
      this.cached = { at: now, reading };
      // A failed reading is not cached: the next scrape asks again.
      reading.catch(() => (this.cached = undefined));
    }
    return this.cached.reading;
  }
}
