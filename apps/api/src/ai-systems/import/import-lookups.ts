import type { EntityManager } from 'typeorm';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import type { ExistingSystem, OwnerRecord, PlanLookups } from './import-plan';
import type { RowCandidate } from './import-rows.util';

interface SystemRow {
  id: string;
  external_key: string;
  stage: LifecycleStage;
  start_pending: boolean;
  accountable_owner_id: string;
  owner_email: string | null;
  name: string;
  purpose: string;
  intended_use: string;
  business_unit: string;
  data_sources: string[];
  data_categories: string[];
  personal_data: boolean;
  special_category_data: boolean;
  model_type: string;
  vendor_type: 'in_house' | 'third_party';
  vendor_name: string | null;
  deployment_context: string;
  affected_stakeholders: string[];
  autonomy_level: 'human_in_the_loop' | 'human_on_the_loop' | 'fully_automated';
}

const distinct = <T>(values: Array<T | null>): T[] => [...new Set(values.filter((v): v is T => v !== null))];

/**
 * What the plan needs from the database, in three statements whatever the file's size: the
 * people its owner emails name, the systems its external ids name (by the unique index on the
 * effective external id), and the systems its System ID cells name. With `lock`, the systems are
 * locked for the commit's transaction, so a lifecycle change cannot move one's stage between the
 * edit policy's decision and the write.
 */
export async function loadPlanLookups(m: EntityManager, candidates: RowCandidate[], opts: { lock: boolean }): Promise<PlanLookups> {
  const emails = distinct(candidates.map((c) => c.ownerEmail));
  const keys = distinct(candidates.map((c) => c.externalId));
  const ids = distinct(candidates.map((c) => c.systemId));
  // one after the other: inside the commit's transaction they share one connection
  const owners = emails.length ? await m.query<Array<{ id: string; email: string; active: boolean }>>(`SELECT id, email, active FROM users WHERE email = ANY($1::text[])`, [emails]) : [];
  const systems = keys.length
      ? await m.query<SystemRow[]>(
          `SELECT s.id, coalesce(s.external_id, s.id::text) AS external_key, s.stage, s.accountable_owner_id, u.email AS owner_email,
                  s.name, s.purpose, s.intended_use, s.business_unit, s.data_sources, s.data_categories, s.personal_data,
                  s.special_category_data, s.model_type, s.vendor_type, s.vendor_name, s.deployment_context,
                  s.affected_stakeholders, s.autonomy_level,
                  EXISTS (SELECT 1 FROM inventory_import_systems i
                           WHERE i.ai_system_id = s.id AND i.action = 'created' AND i.workflow_started_at IS NULL) AS start_pending
             FROM ai_systems s LEFT JOIN users u ON u.id = s.accountable_owner_id
            WHERE coalesce(s.external_id, s.id::text) = ANY($1::text[])
            ${opts.lock ? 'FOR UPDATE OF s' : ''}`,
          [keys],
        )
      : [];
  const named = ids.length
    ? await m.query<Array<{ id: string; external_key: string }>>(`SELECT id, coalesce(external_id, id::text) AS external_key FROM ai_systems WHERE id = ANY($1::uuid[])`, [ids])
    : [];
  return {
    owners: new Map<string, OwnerRecord>(owners.map((o) => [o.email, { id: o.id, active: o.active }])),
    systemsByKey: new Map<string, ExistingSystem>(systems.map((s) => [s.external_key, toExisting(s)])),
    keysById: new Map(named.map((n) => [n.id, n.external_key])),
  };
}

function toExisting(s: SystemRow): ExistingSystem {
  return {
    id: s.id,
    externalKey: s.external_key,
    stage: s.stage,
    lifecycleStarted: !s.start_pending,
    accountableOwnerId: s.accountable_owner_id,
    ownerEmail: s.owner_email,
    registration: {
      name: s.name,
      purpose: s.purpose,
      intendedUse: s.intended_use,
      businessUnit: s.business_unit,
      dataSources: s.data_sources,
      dataCategories: s.data_categories,
      personalData: s.personal_data,
      specialCategoryData: s.special_category_data,
      modelType: s.model_type,
      vendorType: s.vendor_type,
      vendorName: s.vendor_name,
      deploymentContext: s.deployment_context,
      affectedStakeholders: s.affected_stakeholders,
      autonomyLevel: s.autonomy_level,
    },
  };
}
