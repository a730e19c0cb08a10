import { AccessRule, needsOneOfTheRoles } from './access-policy';

const REPORT_READERS = ['governance_office', 'auditor', 'admin'] as const;

/** Management-system and lifecycle-stage reports: the whole inventory, for oversight. */
export const REPORT_ACCESS = {
  'report.read': { roles: REPORT_READERS, refusal: needsOneOfTheRoles(REPORT_READERS) },
} as const satisfies Record<`report.${string}`, AccessRule>;
