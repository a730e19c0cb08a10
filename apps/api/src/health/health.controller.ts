import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

/** How long readiness waits for each dependency before calling it down. */
const PROBE_TIMEOUT_MS = 2000;

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

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
 * balancer without an orchestrator restarting every one of them. GET /health is readiness under
 * its original name (docker-compose and `npm start` probe it).
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: answers 200 while the process serves requests; touches no dependency' })
  @ApiOkResponse({ type: LivenessView })
  live(): LivenessView {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when PostgreSQL and Temporal both answer, else 503 naming the one that did not' })
  @ApiOkResponse({ type: ReadinessView })
  @ApiServiceUnavailableResponse({ type: ReadinessView, description: 'A dependency is down; the body says which' })
  ready(@Res() reply: FastifyReply): Promise<void> {
    return this.answerReadiness(reply);
  }

  @Get()
  @ApiOperation({ summary: 'Readiness (the same as /health/ready)' })
  @ApiOkResponse({ type: ReadinessView })
  @ApiServiceUnavailableResponse({ type: ReadinessView, description: 'A dependency is down; the body says which' })
  health(@Res() reply: FastifyReply): Promise<void> {
    return this.answerReadiness(reply);
  }

  private async answerReadiness(reply: FastifyReply): Promise<void> {
    const [database, temporal] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS).then(() => 'up' as const, () => 'down' as const),
      within(this.temporal.workflowService.getSystemInfo({}), PROBE_TIMEOUT_MS).then(() => 'up' as const, () => 'down' as const),
    ]);
    const ok = database === 'up' && temporal === 'up';
    const body: ReadinessView = { status: ok ? 'ok' : 'degraded', database, temporal };
    void reply.status(ok ? 200 : 503).header('cache-control', 'no-store').send(body);
  }
}
