import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { proposedVersionLabel } from '@aigov/domain/model-registry';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { ModelRegistryEventEntity } from '@aigov/persistence/entities';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { aiSystemResource, requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { conflict, notFound } from '../common/api-error';
import type { Page } from '../common/pagination';
import type { ProposeMaterialChangeDto } from '../material-changes/material-change.dto';
import type { MaterialChangeView } from '../material-changes/material-change.view';
import { MaterialChangesService } from '../material-changes/material-changes.service';
import { modelRegistryAuditStream } from './model-registry-audit';
import { versionFacts } from './model-registry-notices';
import { CompleteModelVersionProposalDto, DismissModelVersionProposalDto, SetRegisteredModelDto } from './model-registry.dto';
import { ModelRegistryEventView, RegisteredModelView, toModelRegistryEventView } from './model-registry.view';

const UNIQUE_VIOLATION = '23505';

/**
 * A system's side of the model registry: the registered model it names (set by its owner or the
 * governance office, one live system per name), the registry events about it, and the proposals
 * a new version opens, completed into a material change through the same path as one proposed
 * by hand (MaterialChangesService.propose: the lifecycle's proposeMaterialChange Update) or
 * dismissed with a reason. Each change is audited in the system's `model-registry:<id>` stream.
 */
@Injectable()
export class ModelRegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly systems: AiSystemsService,
    private readonly changes: MaterialChangesService,
  ) {}

  async setRegisteredModel(systemId: string, dto: SetRegisteredModelDto, me: UserPrincipal): Promise<RegisteredModelView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    if (system.stage === 'retired') throw conflict('this AI system is retired; it names no registered model any more', 'id');
    const name = dto.registeredModelName;
    if (name === system.registeredModelName) return { aiSystemId: systemId, registeredModelName: name };
    try {
      await this.dataSource.transaction(async (tx) => {
        await tx.query('UPDATE ai_systems SET registered_model_name = $2, updated_at = $3 WHERE id = $1', [systemId, name, this.clock.now()]);
        await this.audit(tx, systemId, 'model_registry.model_named', me, { registeredModelName: name, previous: system.registeredModelName });
      });
    } catch (error) {
      const driver = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
      const code = driver.driverError?.code ?? driver.code;
      const constraint = driver.driverError?.constraint ?? driver.constraint;
      if (code === UNIQUE_VIOLATION && constraint === 'uq_ai_systems_registered_model_name') {
        // Which system holds it is not said: the caller may not be allowed to see that system.
        throw conflict(`registered model '${name}' is already named by another live AI system; a model belongs to one system at a time`, 'registeredModelName');
      }
      throw error;
    }
    return { aiSystemId: systemId, registeredModelName: name };
  }

  async events(systemId: string, page: number, pageSize: number, me: UserPrincipal): Promise<Page<ModelRegistryEventView>> {
    requireAllowed(me, 'ai_system.read', aiSystemResource(await this.systems.load(systemId)));
    const [rows, total] = await this.dataSource.getRepository(ModelRegistryEventEntity).findAndCount({
      where: { aiSystemId: systemId },
      order: { receivedAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toModelRegistryEventView), page, pageSize, total };
  }

  /**
   * The owner (or the governance office) completes a new version's proposal: a material change of
   * kind `model` naming the registry's model and version with the checksum they add, proposed as
   * they would propose it by hand (their permission, the lifecycle's validators: in operation, no
   * other change open, a new version label). The proposal row stays locked meanwhile, so the
   * same proposal is not completed twice.
   */
  async complete(systemId: string, eventId: string, dto: CompleteModelVersionProposalDto, me: UserPrincipal): Promise<MaterialChangeView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    return this.dataSource.transaction(async (tx) => {
      const proposal = await this.openProposal(tx, systemId, eventId);
      const facts = proposal.facts as { source: string; run_id: string | null; tags: Record<string, string>; description: string | null };
      const version = proposal.modelVersion!;
      const description =
        dto.description ??
        `New model version from the MLflow model registry.\n${versionFacts({ name: proposal.modelName, version, source: facts.source, runId: facts.run_id, tags: facts.tags ?? {}, description: facts.description })}`.slice(0, 4000);
      const change = await this.changes.propose(
        systemId,
        {
          kinds: ['model'],
          description,
          version: dto.version ?? proposedVersionLabel(proposal.modelName, version),
          model: { name: proposal.modelName, version, checksum: dto.checksum },
        } as ProposeMaterialChangeDto,
        me,
      );
      const now = this.clock.now();
      await tx.update(ModelRegistryEventEntity, { id: eventId }, { proposalStatus: 'completed', materialChangeId: change.id, closedById: me.id, closedAt: now });
      await this.audit(tx, systemId, 'model_registry.proposal_completed', me, { eventId, materialChangeId: change.id, model: proposal.modelName, version, proposedVersion: change.version });
      return change;
    });
  }

  async dismiss(systemId: string, eventId: string, dto: DismissModelVersionProposalDto, me: UserPrincipal): Promise<ModelRegistryEventView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    return this.dataSource.transaction(async (tx) => {
      const proposal = await this.openProposal(tx, systemId, eventId);
      const reason = dto.reason.trim();
      const changes = { proposalStatus: 'dismissed' as const, dismissalReason: reason, closedById: me.id, closedAt: this.clock.now() };
      await tx.update(ModelRegistryEventEntity, { id: eventId }, changes);
      await this.audit(tx, systemId, 'model_registry.proposal_dismissed', me, { eventId, model: proposal.modelName, version: proposal.modelVersion, reason });
      return toModelRegistryEventView({ ...proposal, ...changes });
    });
  }

  private async openProposal(tx: EntityManager, systemId: string, eventId: string): Promise<ModelRegistryEventEntity> {
    const proposal = await tx.getRepository(ModelRegistryEventEntity).findOne({ where: { id: eventId, aiSystemId: systemId }, lock: { mode: 'pessimistic_write' } });
    if (!proposal || proposal.outcome !== 'change_proposed') throw notFound(`AI system ${systemId} has no model version proposal ${eventId}`, 'eventId');
    if (proposal.proposalStatus !== 'open') throw conflict(`this model version proposal is already ${proposal.proposalStatus}`, 'eventId');
    return proposal;
  }

  private audit(tx: EntityManager, systemId: string, eventType: string, me: UserPrincipal, payload: Record<string, unknown>) {
    return appendNextAuditEvent(tx, {
      streamId: modelRegistryAuditStream(systemId),
      eventType,
      actorId: me.id,
      actorLabel: me.email,
      aiSystemId: systemId,
      payload,
      occurredAt: this.clock.now(),
    });
  }
}

