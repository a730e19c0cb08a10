import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/** Readiness: 200 only when both PostgreSQL and Temporal answer, so a balancer can route around a broken replica. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness of the API and its dependencies' })
  async health(@Res() reply: FastifyReply): Promise<void> {
    const [database, temporal] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), 2000).then(() => 'up' as const, () => 'down' as const),
      within(this.temporal.workflowService.getSystemInfo({}), 2000).then(() => 'up' as const, () => 'down' as const),
    ]);
    const ok = database === 'up' && temporal === 'up';
    void reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, temporal });
  }
}
