/**
 * The audit stream of a system's model registry events and settings. Its own stream, not the
 * system's `ai-system:<id>`: that one is numbered by the lifecycle workflow alone. Events carry
 * the system's id, so the system's audit trail lists them with the rest.
 */
export function modelRegistryAuditStream(systemId: string): string {
  return `model-registry:${systemId}`;
}
