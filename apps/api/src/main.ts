import 'reflect-metadata';
import { loadAppConfig } from '@aigov/config/app-config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApiApp(config);
  await app.listen({ host: config.host, port: config.port });
  console.log(`[api] listening on ${config.publicBaseUrl} (OpenAPI at ${config.publicBaseUrl}/api/docs)`);
}

main().catch((error) => {
  console.error(`[api] failed to start: ${(error as Error).message}`);
  process.exit(1);
});
