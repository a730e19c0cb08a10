import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import type { RuntimeSnapshot } from '@aigov/domain/scope/authorize-decision';
import type { ScopeAutonomy } from '@aigov/domain/scope/approved-scope';
import { queryPreparedOnPool } from '@aigov/persistence/pool-query';
import { AuthorizeReadConnections } from './authorize-read-connections';

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

/**
 * The fast lane's one statement (authorize-fast-lane.ts): the gateway token by its hash and the
 * system with its approved scope, together. No row: no such token. A null id: the token exists,
 * the system does not. The row comes as one json column rather than fifteen: node-postgres parses
 * the row description of every answer afresh, one object per column, and at a thousand requests
 * a second that parsing was the largest share of what the lane allocated after the HTTP objects
 * (README, "Speed"). One column is one field to describe and one JSON.parse.
 */
const GATEWAY_JSON = `'token_id', t.id, 'gateway_name', t.gateway_name, 'expires_at', t.expires_at, 'revoked_at', t.revoked_at, 'last_used_at', t.last_used_at,
  'id', s.id, 'name', s.name, 'stage', s.stage, 'current_version', s.current_version,
  'scope_version', sc.version, 'content_hash', sc.content_hash, 'data_categories', sc.data_categories, 'tools', sc.tools, 'decisions', sc.decisions, 'autonomy', sc.autonomy`;
const GATEWAY_AND_SYSTEM = `SELECT json_build_object(${GATEWAY_JSON}) AS r
  FROM gateway_tokens t LEFT JOIN ai_systems s ON s.id = $2 ${APPROVED_SCOPE} WHERE t.token_hash = $1`;
const GATEWAY_AND_SYSTEM_WITH_MODEL = `SELECT json_build_object(${GATEWAY_JSON}, 'model_name', run.model_artifact->>'name', 'model_version', run.model_artifact->>'version') AS r
  FROM gateway_tokens t LEFT JOIN ai_systems s ON s.id = $2 ${APPROVED_SCOPE} ${RUNNING_MODEL} WHERE t.token_hash = $1`;

/** The json row: timestamps arrive as ISO 8601 strings. */
interface GatewayAndSystemRow extends Omit<SnapshotRow, 'id'> {
  token_id: string;
  gateway_name: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  id: string | null;
}

/** A gateway token's row as the fast lane reads it, beside the system asked about. */
export interface GatewayAndSystem {
  token: { id: string; gatewayName: string; expiresAt: Date; revokedAt: Date | null; lastUsedAt: Date | null };
  system: RuntimeSnapshot | null;
}

const dateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

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
 * Prepared statements (pool-query.ts; the fast lane's on connections of its own), no TypeORM
 * query runner, no Temporal call.
 */
@Injectable()
export class RuntimeSnapshotReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly laneConnections: AuthorizeReadConnections,
  ) {}

  async byId(systemId: string, withModel: boolean): Promise<RuntimeSnapshot | null> {
    const [row] = withModel
      ? await queryPreparedOnPool<SnapshotRow>(this.dataSource, 'aigov_authorize_by_id_model', BY_ID_WITH_MODEL, [systemId])
      : await queryPreparedOnPool<SnapshotRow>(this.dataSource, 'aigov_authorize_by_id', BY_ID, [systemId]);
    return row ? toSnapshot(row) : null;
  }

  /**
   * The fast lane's read: the token (by the SHA-256 of its secret) and the system, in one
   * statement; null when no token has that hash. On the lane's own connections (authorize-read-connections.ts).
   */
  async gatewayAndSystem(tokenHash: string, systemId: string, withModel: boolean): Promise<GatewayAndSystem | null> {
    const [found] = withModel
      ? await this.laneConnections.query<{ r: GatewayAndSystemRow }>('aigov_authorize_gateway_system_json_model', GATEWAY_AND_SYSTEM_WITH_MODEL, [tokenHash, systemId])
      : await this.laneConnections.query<{ r: GatewayAndSystemRow }>('aigov_authorize_gateway_system_json', GATEWAY_AND_SYSTEM, [tokenHash, systemId]);
    if (!found) return null;
    const row = found.r;
    return {
      token: { id: row.token_id, gatewayName: row.gateway_name, expiresAt: new Date(row.expires_at), revokedAt: dateOrNull(row.revoked_at), lastUsedAt: dateOrNull(row.last_used_at) },
      system: row.id === null ? null : toSnapshot({ ...row, id: row.id }),
    };
  }

  /** Every system that deployed a model of this name (usually one). */
  async byModelName(name: string): Promise<RuntimeSnapshot[]> {
    const rows = await queryPreparedOnPool<SnapshotRow>(this.dataSource, 'aigov_authorize_by_model', BY_MODEL_NAME, [name]);
    return rows.map(toSnapshot);
  }
}
