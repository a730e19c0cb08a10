import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { GatewayTokensModule } from '../gateway-tokens/gateway-tokens.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AuthorizeController } from './authorize/authorize.controller';
import { AuthorizeMetrics } from './authorize/authorize-metrics';
import { AuthorizeService } from './authorize/authorize.service';
import { DenialAudit } from './authorize/denial-audit';
import { RuntimeSnapshotReader } from './authorize/runtime-snapshot.reader';
import { ScopeController } from './scope.controller';
import { ScopeService } from './scope.service';

/** Approved scopes (read, proposed) and POST /authorize, which runtime gateways call to enforce them. */
@Module({
  imports: [GatewayTokensModule, MetricsModule],
  controllers: [ScopeController, AuthorizeController],
  providers: [
    ScopeService,
    AuthorizeService,
    RuntimeSnapshotReader,
    DenialAudit,
    { provide: AuthorizeMetrics, inject: [Registry], useFactory: (registry: Registry) => new AuthorizeMetrics(registry) },
  ],
})
export class ScopeModule {}
