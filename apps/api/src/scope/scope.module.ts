import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { GatewayTokensModule } from '../gateway-tokens/gateway-tokens.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AuthorizeController } from './authorize/authorize.controller';
import { AuthorizeFastLane } from './authorize/authorize-fast-lane';
import { AuthorizeMetrics } from './authorize/authorize-metrics';
import { AuthorizeReadConnections } from './authorize/authorize-read-connections';
import { AuthorizeService } from './authorize/authorize.service';
import { DenialAudit } from './authorize/denial-audit';
import { RuntimeSnapshotReader } from './authorize/runtime-snapshot.reader';
import { ScopeController } from './scope.controller';
import { ScopeService } from './scope.service';

/** Approved scopes (read, proposed) and POST /authorize, which runtime gateways call to enforce them (its fast lane is registered in bootstrap.ts). */
@Module({
  imports: [GatewayTokensModule, MetricsModule],
  controllers: [ScopeController, AuthorizeController],
  providers: [
    ScopeService,
    AuthorizeService,
    AuthorizeFastLane,
    RuntimeSnapshotReader,
    AuthorizeReadConnections,
    DenialAudit,
    { provide: AuthorizeMetrics, inject: [Registry], useFactory: (registry: Registry) => new AuthorizeMetrics(registry) },
  ],
})
export class ScopeModule {}
