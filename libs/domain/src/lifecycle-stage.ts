/** Lifecycle stages of an AI system. These identifiers are part of the public API. */
export const LIFECYCLE_STAGES = [
  'design',
  'impact_assessment',
  'approval',
  'deployment',
  'operation',
  'periodic_review',
  'rollback',
  'retirement',
  'retired',
  'rejected',
] as const;

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Stages in which the system no longer moves. */
export const TERMINAL_STAGES: readonly LifecycleStage[] = ['retired'];

export function isLifecycleStage(value: unknown): value is LifecycleStage {
  return typeof value === 'string' && (LIFECYCLE_STAGES as readonly string[]).includes(value);
}
