import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ControlApplicability } from '@aigov/domain/evidence/control-health';
import { publishedSoaApplicability } from '@aigov/persistence/soa-applicability';

/**
 * Which controls apply: the published Statement of Applicability's exclusions once there is
 * one (excluded controls are `not_applicable`, with the SoA version as the reason). Until the
 * SoA is published every control is applicable, and the responses say so.
 */
@Injectable()
export class ControlApplicabilityProvider {
  constructor(private readonly dataSource: DataSource) {}

  async current(): Promise<ControlApplicability> {
    return publishedSoaApplicability(this.dataSource.manager);
  }
}

export function applicabilityNote(applicability: ControlApplicability): string {
  return applicability.source === 'soa'
    ? `applicability from the published Statement of Applicability version ${applicability.version}`
    : 'no Statement of Applicability is published yet: every control is treated as applicable';
}
