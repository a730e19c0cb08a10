import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { ReadinessProbe, type Readiness } from './readiness-probe';

export class LivenessView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

export class ReadinessView {
  @ApiProperty({ enum: ['ok', 'degraded'], description: "'degraded' (with 503) when a dependency is down" }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'], description: 'PostgreSQL answered SELECT 1 within 2 s' }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'], description: 'the Temporal frontend answered GetSystemInfo within 2 s' }) temporal: 'up' | 'down';
}

/**
 * Liveness (the process serves HTTP: restart it if not) and readiness (it can do its work: route
 * requests elsewhere if not) are separate, so a database outage takes replicas out of the
 * balancer without an orchestrator restarting every one of them. GET /health and /health/live
 * touch nothing but the process, so anyone may call them as often as they like; readiness asks
 * the database and Temporal, bounded in time and shared between callers (readiness-probe.ts).
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly readiness: ReadinessProbe;

  constructor(dataSource: DataSource, temporal: Client) {
    this.readiness = new ReadinessProbe({
      database: () => dataSource.query('SELECT 1'),
      temporal: () => temporal.workflowService.getSystemInfo({}),
    });
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: answers 200 while the process serves requests; touches no dependency' })
  @ApiOkResponse({ type: LivenessView })
  live(): LivenessView {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: 200 when PostgreSQL and Temporal both answer, else 503 naming the one that did not',
    description: 'Answers within about 2 s whatever the dependencies do; callers arriving while a check is in flight share it.',
  })
  @ApiOkResponse({ type: ReadinessView })
  @ApiServiceUnavailableResponse({ type: ReadinessView, description: 'A dependency is down; the body says which' })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const readiness: Readiness = await this.readiness.check();
    const ok = readiness.database === 'up' && readiness.temporal === 'up';
    const body: ReadinessView = { status: ok ? 'ok' : 'degraded', ...readiness };
    void reply.status(ok ? 200 : 503).header('cache-control', 'no-store').send(body);
  }

  @Get()
  @ApiOperation({ summary: 'Liveness (the same as /health/live): no database or Temporal call, so probing it costs nothing' })
  @ApiOkResponse({ type: LivenessView })
  health(): LivenessView {
    return { status: 'ok' };
  }
}
