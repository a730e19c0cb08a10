import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { EVIDENCE_MAP } from '@aigov/config/evidence-map.loader';
import type { EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { takeControlHealthSnapshot } from '@aigov/persistence/evidence/control-health-snapshots';
import { EvidenceQueries } from '@aigov/persistence/evidence/evidence-queries.service';
import { ControlHealthStore } from '@aigov/persistence/evidence/control-health-store';
import type { ControlHealthSnapshotActivities as Contract, ControlHealthSnapshotResult } from '@aigov/workflows/control-health-snapshot.contracts';

/** The database side of the daily control-health snapshot (see workflows/src/control-health-snapshot.workflow.ts). */
@Injectable()
export class ControlHealthSnapshotActivities implements Contract {
  /** the store the API's reports read: the daily run also brings it up to date (a rebuild after a change of basis included) */
  private readonly store: ControlHealthStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(EVIDENCE_MAP) map: EvidenceMap,
    @Inject(GOVERNANCE_POLICY) policy: GovernancePolicy,
  ) {
    this.store = new ControlHealthStore(dataSource, new EvidenceQueries(dataSource, map, policy), clock, map, policy);
  }

  async takeControlHealthSnapshot({ day }: { day: string }): Promise<ControlHealthSnapshotResult> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
    return takeControlHealthSnapshot(this.dataSource.manager, { store: this.store, now: this.clock.now(), day });
  }
}
