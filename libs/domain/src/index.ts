// Pure domain code: imported by workflow code, so nothing here may touch Node, I/O or the clock.
export * from './lifecycle-stage';
export * from './lifecycle-transition.table';
export * from './risk-tier';
export * from './governance-policy.types';
export * from './governance-policy.parser';
export * from './impact-assessment.template';
export * from './risk-assessment';
export * from './iso-duration';
export * from './approval-quorum';
export * from './segregation-of-duties';
export * from './retirement-checklist';
export * from './monitoring-event';
export * from './monitoring-response';
export * from './review-checklist';
export * from './pdca-item';
export * from './material-change';
