import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { EVIDENCE_MAP } from '@aigov/config/evidence-map.loader';
import type { EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { takeControlHealthSnapshot } from '@aigov/persistence/evidence/control-health-snapshots';
import { EvidenceQueries } from '@aigov/persistence/evidence/evidence-queries.service';
import { publishedSoaApplicability } from '@aigov/persistence/soa-applicability';
import type { ControlHealthSnapshotActivities as Contract, ControlHealthSnapshotResult } from '@aigov/workflows/control-health-snapshot.contracts';

/** The database side of the daily control-health snapshot (see workflows/src/control-health-snapshot.workflow.ts). */
@Injectable()
export class ControlHealthSnapshotActivities implements Contract {
  private readonly queries: EvidenceQueries;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(EVIDENCE_MAP) private readonly map: EvidenceMap,
    @Inject(GOVERNANCE_POLICY) policy: GovernancePolicy,
  ) {
    this.queries = new EvidenceQueries(dataSource, map, policy);
  }

  async takeControlHealthSnapshot({ day }: { day: string }): Promise<ControlHealthSnapshotResult> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
    const applicability = await publishedSoaApplicability(this.dataSource.manager);
    return takeControlHealthSnapshot(this.dataSource.manager, { queries: this.queries, map: this.map, applicability, now: this.clock.now(), day });
  }
}
