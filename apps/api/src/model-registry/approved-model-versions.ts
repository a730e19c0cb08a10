import type { EntityManager } from 'typeorm';

/**
 * Was version `version` of registered model `modelName` ever approved for this system? Yes when
 * a deployment of the system (a first deployment, a redeployment or a rollback to it: each ran
 * an approved version) or a material change approved for it (approved or deployed) names that
 * model and version in its model reference. The version registry (apps/api/src/versions) reads
 * the same deployments. The reference must carry the registry's own version number, as a change
 * proposed from a registry event does.
 */
export async function isModelVersionApproved(manager: EntityManager, systemId: string, modelName: string, version: string): Promise<boolean> {
  const [row] = await manager.query(
    `SELECT EXISTS (
        SELECT 1 FROM deployments
         WHERE ai_system_id = $1 AND model_artifact->>'name' = $2 AND model_artifact->>'version' = $3
      ) OR EXISTS (
        SELECT 1 FROM material_changes
         WHERE ai_system_id = $1 AND status IN ('approved', 'deployed') AND model_artifact->>'name' = $2 AND model_artifact->>'version' = $3
      ) AS approved`,
    [systemId, modelName, version],
  );
  return row?.approved === true;
}
