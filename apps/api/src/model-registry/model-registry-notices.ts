import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import type { MonitoringResultView } from '../ai-systems/dto/ai-system.view';
import type { MlflowEvent } from './mlflow-event';

type VersionCreated = Extract<MlflowEvent, { event: 'model_version.created' }>;
type AliasCreated = Extract<MlflowEvent, { event: 'model_version_alias.created' }>;

function tagList(tags: Record<string, string>): string {
  const entries = Object.entries(tags);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : 'none';
}

/** The registry's facts of a new version, as people read them (mail, the proposal's default description). */
export function versionFacts(facts: { name: string; version: string; source: string; runId: string | null; tags: Record<string, string>; description: string | null }): string {
  return [
    `Registered model: ${facts.name}`,
    `Version: ${facts.version}`,
    `Source: ${facts.source}`,
    `Run id: ${facts.runId ?? 'none'}`,
    `Tags: ${tagList(facts.tags)}`,
    `Description: ${facts.description ?? 'none'}`,
  ].join('\n');
}

/** The owner's mail about a new version of the model their running system names. */
export function proposalNotice(event: VersionCreated, sourceName: string): { subject: string; text: string } {
  return {
    subject: `New model version ${event.version} of ${event.name} in MLflow`,
    text:
      `MLflow (${sourceName}) registered a new version of the model this system runs. It is not approved for this system.\n\n` +
      `${versionFacts(event)}\n\n` +
      "If it is to replace the running version, propose it as a material change from the system's Model registry tab: the registry's facts are filled in; " +
      "add the checksum of its model artifact. It is then re-assessed and approved while the approved version keeps running. If it is not meant for this system's use, dismiss it there.",
  };
}

const RESPONSE_TEXT: Record<string, string> = {
  record: "The tier's monitoring policy records it as a critical incident.",
  review: "The tier's monitoring policy opened a periodic review now.",
  rollback: "The tier's monitoring policy rolled the system back to its previous approved version (or took it out of service when there is none).",
  suspend: "The tier's monitoring policy suspended the system: it is out of service until a person decides.",
};

/** The mail to the owner and the governance office, and the incident review's text, for an alias on an unapproved version. */
export function unapprovedAliasNotice(
  event: AliasCreated,
  stage: LifecycleStage,
  incident: MonitoringResultView | null,
  sourceName: string,
): { subject: string; text: string; reviewTitle: string; reviewDescription: string } {
  const what = `MLflow alias '${event.alias}' of registered model '${event.name}' points at version ${event.version}, which was never approved for this system`;
  const response = incident
    ? (RESPONSE_TEXT[incident.response] ?? `The tier's monitoring policy answered '${incident.response}'.`)
    : `The system is in stage ${stage}, so no monitoring event was recorded through its lifecycle.`;
  return {
    subject: `Unapproved model version behind MLflow alias '${event.alias}'`,
    text:
      `${what} (reported by ${sourceName}).\n\n${response}\n\n` +
      'Anything that serves this model through the alias (models:/' +
      `${event.name}@${event.alias}) may now run a version nobody approved. Point the alias back at an approved version, or propose the new version as a material change and have it approved. ` +
      'An incident review has been opened for the accountable owner.',
    reviewTitle: `Incident review: MLflow alias '${event.alias}' on unapproved version ${event.version}`.slice(0, 200),
    reviewDescription: `${what}. ${response} Establish how the alias came to point there, whether the version served decisions, and what to do next.`,
  };
}
