import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { appendAuditEvents } from '@aigov/persistence/audit-chain';
import { aiSystemWorkflowId } from '@aigov/temporal/workflow-ids';
import type { ImportPlan, PlannedCreate, PlannedUpdate } from './import-plan';
import type { ImportFormat } from './import-table';

/** Rows per statement: 1,000 systems of jsonb are a few hundred kilobytes, well inside one message. */
const CHUNK = 1_000;

/** The stream of audit events an import writes about one system (beside its lifecycle stream, which its workflow numbers). */
export const registrationAuditStream = (systemId: string) => `ai-system-registration:${systemId}`;
export const importAuditStream = (importId: string) => `inventory-import:${importId}`;

export interface ImportRecord {
  id: string;
  fileSha256: string;
  fileName: string | null;
  format: ImportFormat;
  sheetName: string | null;
  rows: number;
  unchanged: number;
  importedBy: { id: string; label: string };
  at: Date;
}

const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Registration columns of ai_systems and the jsonb_to_recordset types they are read with. */
const REGISTRATION_COLUMNS: Array<[field: string, column: string, type: string]> = [
  ['name', 'name', 'text'],
  ['purpose', 'purpose', 'text'],
  ['intendedUse', 'intended_use', 'text'],
  ['accountableOwnerId', 'accountable_owner_id', 'uuid'],
  ['businessUnit', 'business_unit', 'text'],
  ['dataSources', 'data_sources', 'jsonb'],
  ['dataCategories', 'data_categories', 'jsonb'],
  ['personalData', 'personal_data', 'boolean'],
  ['specialCategoryData', 'special_category_data', 'boolean'],
  ['modelType', 'model_type', 'text'],
  ['vendorType', 'vendor_type', 'text'],
  ['vendorName', 'vendor_name', 'text'],
  ['deploymentContext', 'deployment_context', 'text'],
  ['affectedStakeholders', 'affected_stakeholders', 'jsonb'],
  ['autonomyLevel', 'autonomy_level', 'text'],
];

/**
 * Writes a validated plan inside the caller's transaction: the import's record, the new systems'
 * read-model rows (in design, projection_seq 0: their workflows, started after the commit, apply
 * the registration as change 1 onto them), the changed fields of updated systems (and nothing
 * else), which import touched which system, and the audit trail: one event per system in its
 * registration stream (created, with its external id; updated, each field from and to) and the
 * import's own event (who, the file's SHA-256, the counts). Returns the new systems' ids.
 */
export async function writeImport(m: EntityManager, record: ImportRecord, plan: ImportPlan): Promise<string[]> {
  await m.query(
    `INSERT INTO inventory_imports (id, file_sha256, file_name, format, sheet_name, row_count, created_count, updated_count, unchanged_count,
       imported_by_id, imported_by_label, committed_at, workflows_started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      record.id, record.fileSha256, record.fileName, record.format, record.sheetName, record.rows, plan.creates.length, plan.updates.length,
      record.unchanged, record.importedBy.id, record.importedBy.label, record.at,
      // nothing to start: complete at once
      plan.creates.length ? null : record.at,
    ],
  );
  const created = plan.creates.map((c) => ({ ...c, id: randomUUID() }));
  for (const chunk of chunks(created)) await insertSystems(m, chunk, record);
  for (const chunk of chunks(plan.updates)) await updateSystems(m, chunk, record.at);
  const touched = [
    ...created.map((c) => ({ ai_system_id: c.id, row_number: c.row, action: 'created' })),
    ...plan.updates.map((u) => ({ ai_system_id: u.systemId, row_number: u.row, action: 'updated' })),
  ];
  for (const chunk of chunks(touched)) {
    await m.query(
      `INSERT INTO inventory_import_systems (import_id, ai_system_id, row_number, action)
       SELECT $2, t.ai_system_id, t.row_number, t.action FROM jsonb_to_recordset($1::jsonb) AS t(ai_system_id uuid, row_number integer, action text)`,
      [JSON.stringify(chunk), record.id],
    );
  }
  await writeAudit(m, record, plan, created);
  return created.map((c) => c.id);
}

async function insertSystems(m: EntityManager, systems: Array<PlannedCreate & { id: string }>, record: ImportRecord): Promise<void> {
  const rows = systems.map((c) => ({
    id: c.id,
    external_id: c.externalId,
    workflow_id: aiSystemWorkflowId(c.id),
    ...Object.fromEntries(REGISTRATION_COLUMNS.map(([field, column]) => [column, field === 'accountableOwnerId' ? c.accountableOwnerId : (c.registration as unknown as Record<string, unknown>)[field]])),
  }));
  const columns = REGISTRATION_COLUMNS.map(([, column]) => column);
  await m.query(
    `INSERT INTO ai_systems (id, external_id, workflow_id, ${columns.join(', ')}, stage, approval_round, stage_entered_at, created_by_id,
       projection_seq, created_at, updated_at)
     SELECT r.id, r.external_id, r.workflow_id, ${columns.map((c) => `r.${c}`).join(', ')}, 'design', 0, $2, $3, 0, $2, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, external_id text, workflow_id text, ${REGISTRATION_COLUMNS.map(([, c, t]) => `${c} ${t}`).join(', ')})`,
    [JSON.stringify(rows), record.at, record.importedBy.id],
  );
}

/**
 * Only the columns that changed, row by row: a column a row leaves alone is not rewritten, not
 * even with the same value trimmed (an approved purpose stays byte for byte what was approved).
 */
async function updateSystems(m: EntityManager, updates: PlannedUpdate[], at: Date): Promise<void> {
  const rows = updates.map((u) => {
    const row: Record<string, unknown> = { id: u.systemId };
    for (const change of u.changes) {
      const [, column] = REGISTRATION_COLUMNS.find(([field]) => field === change.field)!;
      row[column] = change.value;
      row[`set_${column}`] = true;
    }
    return row;
  });
  await m.query(
    `UPDATE ai_systems s SET
       ${REGISTRATION_COLUMNS.map(([, c]) => `${c} = CASE WHEN coalesce(r.set_${c}, false) THEN r.${c} ELSE s.${c} END`).join(',\n       ')},
       updated_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, ${REGISTRATION_COLUMNS.map(([, c, t]) => `${c} ${t}, set_${c} boolean`).join(', ')})
      WHERE s.id = r.id`,
    [JSON.stringify(rows), at],
  );
}

async function writeAudit(m: EntityManager, record: ImportRecord, plan: ImportPlan, created: Array<PlannedCreate & { id: string }>): Promise<void> {
  const actor = { actorId: record.importedBy.id, actorLabel: record.importedBy.label, occurredAt: record.at };
  // Registration streams are written only by imports, which run one at a time (the import lock):
  // each stream's next seq is read once, and the events go in a few multi-row statements.
  const streams = plan.updates.map((u) => registrationAuditStream(u.systemId));
  const heads = new Map<string, number>(
    streams.length
      ? (
          await m.query<Array<{ stream_id: string; seq: number }>>(
            `SELECT stream_id, max(seq)::int AS seq FROM audit_events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
            [streams],
          )
        ).map((h) => [h.stream_id, h.seq])
      : [],
  );
  await appendAuditEvents(m, [
    ...created.map((c) => ({
      ...actor,
      streamId: registrationAuditStream(c.id),
      seq: 1,
      aiSystemId: c.id,
      eventType: 'ai_system.imported',
      payload: { importId: record.id, externalId: c.externalId, row: c.row },
    })),
    ...plan.updates.map((u) => ({
      ...actor,
      streamId: registrationAuditStream(u.systemId),
      seq: (heads.get(registrationAuditStream(u.systemId)) ?? 0) + 1,
      aiSystemId: u.systemId,
      eventType: 'ai_system.registration_updated',
      payload: { importId: record.id, externalId: u.externalId, row: u.row, changes: u.changes.map((c) => ({ field: c.field, from: c.from ?? null, to: c.to ?? null })) },
    })),
    {
      ...actor,
      streamId: importAuditStream(record.id),
      seq: 1,
      aiSystemId: null,
      eventType: 'inventory_import.committed',
      payload: {
        fileSha256: record.fileSha256,
        fileName: record.fileName,
        format: record.format,
        rows: record.rows,
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: record.unchanged,
      },
    },
  ]);
}
