import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { Counter, Registry } from 'prom-client';
import { Clock } from '@aigov/config/clock';
import { RepeatedWarning } from '@aigov/observability/repeated-warning';
import { apiTokenStatus } from '../../api-tokens/api-token-lifetime';
import { hashApiToken } from '../../auth/api-token';
import { bearerTokenOf } from '../../auth/bearer-token';
import type { GatewayPrincipal } from '../../auth/principal';
import { IDEMPOTENCY_HEADER } from '../../common/idempotency-key';
import { isGatewayToken } from '../../gateway-tokens/gateway-token-secret';
import { AuthorizeService, gatewayCaller, referenceById } from './authorize.service';
import type { AuthorizeView } from './authorize.view';
import { fastLaneRequest } from './fast-lane-request';
import { RuntimeSnapshotReader } from './runtime-snapshot.reader';

export const AUTHORIZE_ROUTE = '/api/v1/authorize';

/** Why a request went the full way instead: closed set, a Prometheus label. */
export type PassedOn = 'not_a_gateway' | 'body' | 'idempotency_key' | 'token' | 'error';

/**
 * POST /authorize for gateways, answered before Nest's pipeline: a Fastify preHandler of that
 * one route. Gateways call it before every action (a thousand times a second is the
 * design point), and a CPU profile of the full route spent a quarter of its time in Nest's
 * router, guard and interceptor chain and in class-validator, and another share in a second
 * round trip to PostgreSQL (README, "Speed"). Here a request costs one statement (the token by
 * its hash and the system with its approved scope, runtime-snapshot.reader.ts), the same pure
 * decision, and the same denial audit, counters and last-use write (AuthorizeService.answer).
 *
 * It answers only what it is sure of: a gateway token that works, and a body it checks itself
 * (fast-lane-request.ts, never wider than the DTO). Everything else (a person testing a scope,
 * a request by model name alone, an unknown, revoked or expired token, a malformed body, an
 * Idempotency-Key, a database error) is passed on to the full route untouched, which answers
 * it as it always has: its 400 with the field, its 401 with the token's state. So the two
 * cannot disagree on a refusal, and a decision is made by one function either way. The
 * request context, access-log policy and latency histogram are Fastify hooks and apply alike.
 */
@Injectable()
export class AuthorizeFastLane {
  /** one line per run of database errors and minute, not per request: an outage at 1,000 requests/s would be 1,000 lines a second */
  private readonly errors = new RepeatedWarning('authorize fast lane passed requests on after an error', new Logger('AuthorizeFastLane'));
  private readonly requests: Counter<'outcome'>;

  constructor(
    private readonly reader: RuntimeSnapshotReader,
    private readonly authorizer: AuthorizeService,
    private readonly clock: Clock,
    registry: Registry,
  ) {
    this.requests = new Counter({
      name: 'aigov_authorize_fast_lane_requests_total',
      help: 'POST /authorize requests by what the fast lane did: answered, or passed on to the full route and why (not_a_gateway, body, idempotency_key, token, error)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  /**
   * Adds the lane to POST /authorize as that route's own preHandler, so no other route runs it.
   * Call before the routes are registered (Nest registers them at init).
   */
  register(fastify: FastifyInstance): void {
    const lane: preHandlerAsyncHookHandler = async (request, reply) => {
      const view = await this.tryAnswer(request);
      if (!view) return;
      this.requests.inc({ outcome: 'answered' });
      void reply.code(200).send(view);
      return reply;
    };
    fastify.addHook('onRoute', (route) => {
      if (route.url !== AUTHORIZE_ROUTE || route.method !== 'POST') return;
      route.preHandler = [...(route.preHandler ? [route.preHandler].flat() : []), lane];
    });
  }

  /** The answer, or null after counting why the full route must give it. */
  private async tryAnswer(request: FastifyRequest): Promise<AuthorizeView | null> {
    const token = bearerTokenOf(request.headers.authorization);
    if (token === undefined || !isGatewayToken(token)) return this.passOn('not_a_gateway');
    if (request.headers[IDEMPOTENCY_HEADER] !== undefined) return this.passOn('idempotency_key');
    const question = fastLaneRequest(request.body);
    if (!question) return this.passOn('body');
    try {
      const read = await this.reader.gatewayAndSystem(hashApiToken(token), question.systemId, question.model !== undefined);
      if (!read || apiTokenStatus(read.token, this.clock.now()) !== 'active') return this.passOn('token');
      const gateway: GatewayPrincipal = { kind: 'gateway', id: read.token.id, gatewayName: read.token.gatewayName, lastUsedAt: read.token.lastUsedAt };
      return await this.authorizer.answer(question, gateway, gatewayCaller(gateway), { system: read.system, reference: referenceById(question.systemId) });
    } catch (error) {
      // The full route tries again and answers the failure in the API's own shape (a 503 while the database is away).
      this.errors.failed((error as Error).message);
      return this.passOn('error');
    }
  }

  private passOn(why: PassedOn): null {
    this.requests.inc({ outcome: why });
    return null;
  }
}
