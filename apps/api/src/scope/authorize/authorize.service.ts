import { Injectable } from '@nestjs/common';
import { ambiguousModelAnswer, decideAuthorization, SERVING_STAGES, type AuthorizeAnswer, type RuntimeSnapshot } from '@aigov/domain/scope/authorize-decision';
import { requireAllowed } from '../../auth/access';
import type { GatewayPrincipal, Principal } from '../../auth/principal';
import { badRequest, forbidden } from '../../common/api-error';
import { GatewayTokensService } from '../../gateway-tokens/gateway-tokens.service';
import type { AuthorizeRequestDto } from './authorize.dto';
import type { AuthorizeView } from './authorize.view';
import { AuthorizeMetrics } from './authorize-metrics';
import { DenialAudit, type DenialCaller } from './denial-audit';
import { RuntimeSnapshotReader } from './runtime-snapshot.reader';

/** What is decided on: the request's fields the decision and the audit read. */
export type AuthorizeQuestion = Pick<AuthorizeRequestDto, 'action' | 'targets' | 'version' | 'model' | 'autonomy'>;

export function gatewayCaller(principal: GatewayPrincipal): DenialCaller {
  return { kind: 'gateway', id: principal.id, label: `gateway:${principal.gatewayName}` };
}

/** How a request by system id is named in a denial's audit event. */
export function referenceById(systemId: string): string {
  return `id ${systemId}`;
}

export interface Found {
  system: RuntimeSnapshot | null;
  reference: string;
  /** decided before the scope is looked at (a model name shared by several systems) */
  answer?: AuthorizeAnswer;
}

/**
 * POST /authorize: one read of the system's current row and approved scope, the pure decision
 * (libs/domain/src/scope/authorize-decision.ts), counters, and for a denial its audit (the first
 * per caller, system and reason and minute at once; the rest counted, denial-audit.ts). An allow
 * writes nothing (the gateway token's last use at most once a minute). No Temporal call.
 */
@Injectable()
export class AuthorizeService {
  constructor(
    private readonly reader: RuntimeSnapshotReader,
    private readonly denials: DenialAudit,
    private readonly metrics: AuthorizeMetrics,
    private readonly gatewayTokens: GatewayTokensService,
  ) {}

  async authorize(dto: AuthorizeRequestDto, principal: Principal): Promise<AuthorizeView> {
    const caller = this.callerOf(principal);
    if (!dto.systemId && !dto.model) throw badRequest('name the system: systemId, or model with its name and version', 'systemId');
    return this.answer(dto, principal, caller, await this.find(dto));
  }

  /**
   * The decision on what was read, its count, a denial's audit and the gateway's last use, and
   * the answer: the same for the full route and for the fast lane (authorize-fast-lane.ts),
   * which reads the token and the system in one statement and comes here with them.
   */
  async answer(dto: AuthorizeQuestion, principal: Principal, caller: DenialCaller, found: Found): Promise<AuthorizeView> {
    const answer =
      found.answer ??
      decideAuthorization(found.system, { action: dto.action, targets: dto.targets, version: dto.version, model: dto.model, autonomy: dto.autonomy }, found.reference);
    if (answer.decision === 'deny') {
      await this.denials.record({
        caller,
        systemId: found.system && !found.answer ? found.system.systemId : null,
        reference: found.reference,
        reason: answer.reason,
        action: dto.action,
        targets: dto.targets,
        message: answer.message,
      });
    }
    if (principal.kind === 'gateway') await this.gatewayTokens.recordUse(principal);
    // Counted once the writes are done: a fast-lane request that fails there is answered by the full route, and counted there.
    this.metrics.count(answer, dto.action, caller.kind);
    const system = found.answer ? null : found.system;
    return {
      decision: answer.decision,
      reason: answer.reason,
      message: answer.message,
      systemId: system?.systemId ?? null,
      target: answer.decision === 'deny' ? (answer.target ?? null) : null,
      outsideScope: answer.decision === 'deny' ? (answer.outsideScope ?? []) : [],
      runningVersion: system?.currentVersion ?? null,
      scope: system?.scope ? { version: system.scope.version, hash: system.scope.hash, autonomy: system.scope.autonomy } : null,
    };
  }

  /** A gateway, or a person who may test scopes (the governance office); the guard has checked the role already. */
  private callerOf(principal: Principal): DenialCaller {
    if (principal.kind === 'gateway') return gatewayCaller(principal);
    if (principal.kind !== 'user') throw forbidden('only a gateway token or the governance office may ask for an authorization decision');
    requireAllowed(principal, 'scope.test');
    return { kind: 'person', id: principal.id, label: principal.email };
  }

  private async find(dto: AuthorizeRequestDto): Promise<Found> {
    if (dto.systemId) return { system: await this.reader.byId(dto.systemId, dto.model !== undefined), reference: referenceById(dto.systemId) };
    const model = dto.model!;
    const reference = `model '${model.name}'`;
    const candidates = await this.reader.byModelName(model.name);
    if (candidates.length <= 1) return { system: candidates[0] ?? null, reference };
    // A model shared by several systems: the one serving exactly this model version, if only one does.
    const serving = candidates.filter((c) => SERVING_STAGES.includes(c.stage) && c.runningModel?.name === model.name && c.runningModel.version === model.version);
    if (serving.length === 1) return { system: serving[0]!, reference };
    return { system: null, reference, answer: ambiguousModelAnswer(model.name, candidates.length) };
  }
}
