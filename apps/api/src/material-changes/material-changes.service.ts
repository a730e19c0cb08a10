import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AiSystemEntity, MaterialChangeEntity } from '@aigov/persistence/entities';
import { proposeMaterialChangeUpdate, withdrawMaterialChangeUpdate } from '@aigov/workflows/lifecycle.definitions';
import { isMaterialChangeOpen } from '@aigov/domain/material-change';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { actorOf, UserPrincipal } from '../auth/principal';
import { badRequest, conflict, notFound } from '../common/api-error';
import { MaterialChangeView, toMaterialChangeView } from './material-change.view';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { ProposeMaterialChangeDto, WithdrawMaterialChangeDto } from './material-change.dto';
import { scopeOf } from '../scope/dto/scope.dto';

/**
 * Material changes: proposing one sends the system to re-assessment and approval through its
 * workflow while the approved version keeps running; its deployment is refused until approved.
 */
@Injectable()
export class MaterialChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: LifecycleGateway,
  ) {}

  async propose(systemId: string, dto: ProposeMaterialChangeDto, me: UserPrincipal): Promise<MaterialChangeView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.system(systemId)));
    const needs: Record<string, [boolean, string]> = {
      model: [!!dto.model, 'model'],
      data: [!!dto.datasets?.length, 'datasets'],
      purpose: [!!dto.newPurpose?.trim(), 'newPurpose'],
      affected_groups: [!!dto.newAffectedGroups?.length, 'newAffectedGroups'],
      scope: [!!dto.scope, 'scope'],
    };
    for (const kind of dto.kinds) {
      const [given, field] = needs[kind];
      if (!given) throw badRequest(`a '${kind}' change must give ${field}`, field);
    }
    if (dto.scope && !dto.kinds.includes('scope')) throw badRequest("a new scope is proposed with kind 'scope'", 'kinds');
    const view = await this.lifecycle.update(systemId, proposeMaterialChangeUpdate, [
      {
        actor: actorOf(me),
        kinds: dto.kinds,
        description: dto.description,
        version: dto.version,
        model: dto.model ?? null,
        datasets: dto.datasets ?? [],
        newPurpose: dto.newPurpose?.trim() || null,
        newAffectedGroups: dto.newAffectedGroups ?? [],
        ...(dto.scope ? { scope: scopeOf(dto.scope) } : {}),
      },
    ]);
    return this.get(systemId, view.materialChange!.id);
  }

  async withdraw(systemId: string, changeId: string, dto: WithdrawMaterialChangeDto, me: UserPrincipal): Promise<MaterialChangeView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.system(systemId)));
    const row = await this.dataSource.manager.findOneBy(MaterialChangeEntity, { id: changeId, aiSystemId: systemId });
    if (!row) throw notFound(`material change ${changeId} does not exist on AI system ${systemId}`, 'changeId');
    if (!isMaterialChangeOpen(row.status)) throw conflict(`material change ${changeId} is already '${row.status}'`, 'changeId');
    // The row answers 404 and most 409s; the workflow has the last word (a change closing meanwhile).
    await this.lifecycle.update(systemId, withdrawMaterialChangeUpdate, [{ actor: actorOf(me), changeId, reason: dto.reason }]);
    return this.get(systemId, changeId);
  }

  async list(systemId: string, me: UserPrincipal): Promise<MaterialChangeView[]> {
    requireAllowed(me, 'ai_system.read', aiSystemResource(await this.system(systemId)));
    const rows = await this.dataSource.manager.find(MaterialChangeEntity, { where: { aiSystemId: systemId }, order: { proposedAt: 'DESC' } });
    return rows.map(toMaterialChangeView);
  }

  private async get(systemId: string, id: string) {
    const row = await this.dataSource.manager.findOneByOrFail(MaterialChangeEntity, { id, aiSystemId: systemId });
    return toMaterialChangeView(row);
  }

  private async system(id: string): Promise<AiSystemEntity> {
    const system = await this.dataSource.manager.findOneBy(AiSystemEntity, { id });
    if (!system) throw notFound(`AI system ${id} does not exist`, 'id');
    return system;
  }
}
