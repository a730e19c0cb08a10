import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadApiGcTuning } from '@aigov/config/api-gc.config';
import { loadAppConfig } from '@aigov/config/app-config';
import { scrubSecrets } from '@aigov/observability/secret-scrubber';
import { createApiApp } from './bootstrap';
import { applyApiGcTuning } from './v8-gc-tuning';

async function main(): Promise<void> {
  applyApiGcTuning(loadApiGcTuning(process.env));
  const config = loadAppConfig();
  const app = await createApiApp(config);
  await app.listen({ host: config.host, port: config.port });
  new Logger('Api').log(`listening on ${config.publicBaseUrl} (OpenAPI at ${config.publicBaseUrl}/api/docs)`);
}

main().catch((error) => {
  // Before the logger exists (a configuration error) this is the only line there is; the message names the variable, never its value.
  console.error(JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service: 'api', msg: scrubSecrets(`failed to start: ${(error as Error).message}`) }));
  process.exit(1);
});
