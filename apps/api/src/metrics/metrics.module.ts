import { Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { HttpMetrics } from '@aigov/observability/http-metrics';
import { GovernanceGauges } from './governance-gauges';
import { MetricsController } from './metrics.controller';

/**
 * A registry per application (not prom-client's global one), so two apps in one process (tests)
 * never register a metric twice; the process metrics (CPU, memory, event-loop lag, GC) included.
 */
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
    { provide: HttpMetrics, inject: [Registry], useFactory: (registry: Registry) => new HttpMetrics(registry) },
    { provide: GovernanceGauges, inject: [Registry, DataSource, Clock], useFactory: (r: Registry, ds: DataSource, clock: Clock) => new GovernanceGauges(r, ds, clock) },
  ],
  // The registry too, so a feature module can add its own counters (scope/authorize-metrics.ts).
  exports: [HttpMetrics, Registry],
})
export class MetricsModule {}
