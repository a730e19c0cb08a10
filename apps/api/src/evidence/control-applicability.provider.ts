import { Injectable } from '@nestjs/common';
import { ALL_CONTROLS_APPLICABLE, ControlApplicability } from '@aigov/domain/evidence/control-health';

/**
 * Which controls apply: the published Statement of Applicability's exclusions once there is
 * one. Until the SoA is published every control is applicable, and the responses say so; the
 * SoA module replaces this answer, control health takes it as an input.
 */
@Injectable()
export class ControlApplicabilityProvider {
  async current(): Promise<ControlApplicability> {
    return ALL_CONTROLS_APPLICABLE;
  }
}

export function applicabilityNote(applicability: ControlApplicability): string {
  return applicability.source === 'soa'
    ? `applicability from the published Statement of Applicability version ${applicability.version}`
    : 'no Statement of Applicability is published yet: every control is treated as applicable';
}
