/**
 * What the engine did with a model registry event (MLflow) about a governed system:
 * - `model_recorded`: the registered model a system names was created in the registry;
 * - `change_proposed`: a new version of the system's model while it is in operation: a material
 *   change proposal with the registry's facts, open for the owner to complete or dismiss;
 * - `version_recorded`: a new version while the system is not in operation (before its first
 *   deployment the version is named when it deploys; after retirement nothing changes);
 * - `tag_recorded`: a tag set on or removed from a version;
 * - `alias_approved`: a guarded alias (champion, production...) points at a version that was
 *   approved for the system;
 * - `alias_unapproved`: a guarded alias points at a version never approved for it: an incident;
 * - `alias_unguarded`: another alias was set (recorded only);
 * - `alias_removed`: an alias was deleted.
 */
export const MODEL_REGISTRY_OUTCOMES = [
  'model_recorded',
  'change_proposed',
  'version_recorded',
  'tag_recorded',
  'alias_approved',
  'alias_unapproved',
  'alias_unguarded',
  'alias_removed',
] as const;
export type ModelRegistryOutcome = (typeof MODEL_REGISTRY_OUTCOMES)[number];

/** A registry event's `data` as stored: MLflow's field names with their string, null or tag-map values. */
export type ModelRegistryFacts = Record<string, string | null | Record<string, string>>;

/** A `change_proposed` event's proposal: open until the owner proposes the change from it, or dismisses it. */
export const MODEL_VERSION_PROPOSAL_STATUSES = ['open', 'completed', 'dismissed'] as const;
export type ModelVersionProposalStatus = (typeof MODEL_VERSION_PROPOSAL_STATUSES)[number];

/**
 * The severity of the monitoring event (kind `incident`) an unapproved alias records. Critical:
 * a guarded alias is what serving resolves (`models:/<name>@champion`), so a version nobody
 * approved may be taking decisions now. The tier's `monitoring` policy then decides what
 * follows (record, review, rollback or suspend), as for any critical incident.
 */
export const UNAPPROVED_ALIAS_SEVERITY = 'critical' as const;

/** The version label a material change proposed from registry version `version` of `model` gets by default. */
export function proposedVersionLabel(model: string, version: string): string {
  const slug = model
    .replace(/[^A-Za-z0-9._+-]+/g, '-')
    .slice(0, 80)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return slug ? `${slug}-v${version}` : `v${version}`;
}
