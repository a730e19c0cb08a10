import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { createTemporalClient } from '@aigov/temporal/temporal-client.factory';
import { LifecycleGateway } from './lifecycle.gateway';

/** One Temporal client per API process, closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createTemporalClient(config.temporal),
    },
    LifecycleGateway,
  ],
  exports: [Client, LifecycleGateway],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
