import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import type { RuntimeSnapshot } from '@aigov/domain/scope/authorize-decision';
import type { ScopeAutonomy } from '@aigov/domain/scope/approved-scope';
import { queryPreparedOnPool } from '@aigov/persistence/pool-query';

interface SnapshotRow {
  id: string;
  name: string;
  stage: LifecycleStage;
  current_version: string | null;
  model_name?: string | null;
  model_version?: string | null;
  scope_version: number | null;
  content_hash: string | null;
  data_categories: string[] | null;
  tools: string[] | null;
  decisions: string[] | null;
  autonomy: ScopeAutonomy | null;
}

const COLUMNS = `s.id, s.name, s.stage, s.current_version,
  sc.version AS scope_version, sc.content_hash, sc.data_categories, sc.tools, sc.decisions, sc.autonomy`;

/** The approved scope, by the partial unique index on (ai_system_id) WHERE status = 'approved'. */
const APPROVED_SCOPE = `LEFT JOIN ai_system_scopes sc ON sc.ai_system_id = s.id AND sc.status = 'approved'`;

/** The model of the running version: its newest deployment row (redeployments and rollbacks carry the artifacts over). */
const RUNNING_MODEL = `LEFT JOIN LATERAL (
    SELECT d.model_artifact FROM deployments d WHERE d.ai_system_id = s.id AND d.version = s.current_version ORDER BY d.deployed_at DESC LIMIT 1
  ) run ON true`;

/** The hot path: one statement, two primary-key-sized index probes. */
const BY_ID = `SELECT ${COLUMNS} FROM ai_systems s ${APPROVED_SCOPE} WHERE s.id = $1`;

const BY_ID_WITH_MODEL = `SELECT ${COLUMNS}, run.model_artifact->>'name' AS model_name, run.model_artifact->>'version' AS model_version
  FROM ai_systems s ${APPROVED_SCOPE} ${RUNNING_MODEL} WHERE s.id = $1`;

/** Systems that ever deployed a model of this name (idx_deployments_model_name), at most 20. */
const BY_MODEL_NAME = `SELECT ${COLUMNS}, run.model_artifact->>'name' AS model_name, run.model_artifact->>'version' AS model_version
  FROM (SELECT DISTINCT ai_system_id FROM deployments WHERE model_artifact->>'name' = $1 LIMIT 20) m
  JOIN ai_systems s ON s.id = m.ai_system_id ${APPROVED_SCOPE} ${RUNNING_MODEL}
  ORDER BY s.id`;

function toSnapshot(r: SnapshotRow): RuntimeSnapshot {
  return {
    systemId: r.id,
    name: r.name,
    stage: r.stage,
    currentVersion: r.current_version,
    runningModel: r.model_name && r.model_version ? { name: r.model_name, version: r.model_version } : null,
    scope:
      r.scope_version !== null && r.content_hash && r.autonomy
        ? { version: r.scope_version, hash: r.content_hash, dataCategories: r.data_categories ?? [], tools: r.tools ?? [], decisions: r.decisions ?? [], autonomy: r.autonomy }
        : null,
  };
}

/**
 * Reads what authorize decides on, straight from the read model at the moment of the request:
 * the stage and running version of ai_systems, which every stage change (a rollback, a
 * suspension) updates in the transaction that records it, and the approved scope, which the
 * approval freezes in its own transaction. No cache: a rollback is a deny from the next request.
 * Prepared statements on the pool (pool-query.ts), no TypeORM query runner, no Temporal call.
 */
@Injectable()
export class RuntimeSnapshotReader {
  constructor(private readonly dataSource: DataSource) {}

  async byId(systemId: string, withModel: boolean): Promise<RuntimeSnapshot | null> {
    const [row] = withModel
      ? await queryPreparedOnPool<SnapshotRow>(this.dataSource, 'aigov_authorize_by_id_model', BY_ID_WITH_MODEL, [systemId])
      : await queryPreparedOnPool<SnapshotRow>(this.dataSource, 'aigov_authorize_by_id', BY_ID, [systemId]);
    return row ? toSnapshot(row) : null;
  }

  /** Every system that deployed a model of this name (usually one). */
  async byModelName(name: string): Promise<RuntimeSnapshot[]> {
    const rows = await queryPreparedOnPool<SnapshotRow>(this.dataSource, 'aigov_authorize_by_model', BY_MODEL_NAME, [name]);
    return rows.map(toSnapshot);
  }
}
