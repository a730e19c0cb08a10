import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { allows } from '@aigov/domain/access/access';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import { OPEN_MATERIAL_CHANGE_STATUSES, type MaterialChangeKind, type MaterialChangeStatus } from '@aigov/domain/material-change';
import { diffScopes } from '@aigov/domain/scope/scope-diff';
import { scopeProposalTarget, type OpenChangeFacts } from '@aigov/domain/scope/scope-proposal-rule';
import { AiSystemEntity, AiSystemScopeEntity } from '@aigov/persistence/entities';
import { writeScopeProposal } from '@aigov/persistence/scope/scope-store';
import { aiSystemResource, requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { conflict, notFound } from '../common/api-error';
import { scopeOf, ScopeDto } from './dto/scope.dto';
import { AiSystemScopeView, toApprovedScopeView, toScopeProposalView } from './dto/scope.view';

/** How many approved versions a view lists (newest first). */
const HISTORY_LIMIT = 50;

/**
 * A system's approved scope (frozen by approvals, in the worker's transaction) and its proposal:
 * read by anyone who may see the system; the proposal written by its owner or the governance
 * office while the lifecycle allows it (scopeProposalTarget), under the system row's lock so a
 * stage change (which takes the same lock) cannot slip between the check and the write.
 */
@Injectable()
export class ScopeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async view(systemId: string, me: UserPrincipal): Promise<AiSystemScopeView> {
    const system = await this.system(this.dataSource.manager, systemId);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    return this.viewOf(this.dataSource.manager, system, me);
  }

  async propose(systemId: string, dto: ScopeDto, me: UserPrincipal): Promise<AiSystemScopeView> {
    const scope = scopeOf(dto);
    const system = await this.system(this.dataSource.manager, systemId);
    requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    await this.dataSource.transaction(async (tx) => {
      const [row]: Array<{ stage: LifecycleStage }> = await tx.query('SELECT stage FROM ai_systems WHERE id = $1 FOR UPDATE', [systemId]);
      const target = scopeProposalTarget(row.stage, await this.openChange(tx, systemId));
      if (!target.ok) throw conflict(target.reason, 'scope');
      await writeScopeProposal(tx, { aiSystemId: systemId, materialChangeId: target.materialChangeId, scope, actor: { id: me.id, label: me.email }, source: 'edit', now: this.clock.now() });
    });
    return this.viewOf(this.dataSource.manager, await this.system(this.dataSource.manager, systemId), me);
  }

  private async viewOf(m: EntityManager, system: AiSystemEntity, me: UserPrincipal): Promise<AiSystemScopeView> {
    const [rows, change] = await Promise.all([
      m.find(AiSystemScopeEntity, { where: { aiSystemId: system.id }, order: { proposedAt: 'DESC' }, take: HISTORY_LIMIT + 10 }),
      this.openChange(m, system.id),
    ]);
    const approved = rows.find((r) => r.status === 'approved') ?? null;
    const proposal = rows.find((r) => r.status === 'proposed') ?? null;
    const target = scopeProposalTarget(system.stage, change);
    const history = rows
      .filter((r) => r.status === 'approved' || r.status === 'superseded')
      .sort((a, b) => (b.version ?? 0) - (a.version ?? 0))
      .slice(0, HISTORY_LIMIT);
    return {
      aiSystemId: system.id,
      approved: approved ? toApprovedScopeView(approved) : null,
      proposal: proposal ? toScopeProposalView(proposal) : null,
      diff: proposal ? diffScopes(approved, proposal) : null,
      proposalOpen: target.ok,
      proposalClosedReason: target.ok ? null : target.reason,
      proposalChangeId: target.ok ? target.materialChangeId : null,
      canPropose: target.ok && allows(me, 'ai_system.manage', aiSystemResource(system)),
      history: history.map(toApprovedScopeView),
    };
  }

  private async openChange(m: EntityManager, systemId: string): Promise<OpenChangeFacts | null> {
    const [row]: Array<{ id: string; status: MaterialChangeStatus; kinds: MaterialChangeKind[] }> = await m.query(
      `SELECT id, status, kinds FROM material_changes WHERE ai_system_id = $1 AND status = ANY($2) ORDER BY proposed_at DESC LIMIT 1`,
      [systemId, [...OPEN_MATERIAL_CHANGE_STATUSES]],
    );
    return row ?? null;
  }

  private async system(m: EntityManager, id: string): Promise<AiSystemEntity> {
    const system = await m.findOne(AiSystemEntity, { where: { id } });
    if (!system) throw notFound(`AI system ${id} does not exist`, 'id');
    return system;
  }
}
