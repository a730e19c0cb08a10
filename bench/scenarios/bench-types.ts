import type { DataSource } from 'typeorm';
export interface Metric {
  name: string;            // e.g. 'stage report p50'
  value: number;
  unit: string;            // 'ms', 'events/s', 'MiB', 'x'
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline.value (or the inverse for throughputs), computed by the scenario */
  ratio?: number;
  /** human-readable target, e.g. '<= 3x plain GROUP BY and < 50 ms' */
  target?: string;
  met?: boolean;
}
export interface ScenarioResult { scenario: string; metrics: Metric[]; notes: string[] }
export interface BenchContext {
  baseUrl: string;                 // API base, e.g. http://127.0.0.1:4321 (routes under /api/v1)
  token: string;                   // bearer token of a user with roles governance_office + auditor
  dataSource: DataSource;          // TypeORM DataSource on the same database the API uses (migrations applied)
  databaseUrl: string;
  log(message: string): void;
}
