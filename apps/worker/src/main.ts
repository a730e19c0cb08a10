import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadAppConfig } from '@aigov/config/app-config';
import { scrubSecrets } from '@aigov/observability/secret-scrubber';
import { createWorkerApp } from './bootstrap';

/** Before the logger exists (a configuration error) this is the only line there is; the message names the variable, never its value. */
function fatal(message: string): void {
  console.error(JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service: 'worker', msg: scrubSecrets(message) }));
}

async function main(): Promise<void> {
  const worker = await createWorkerApp(loadAppConfig());
  // If the Temporal worker dies, the process must too, so a supervisor can restart it.
  await worker.done.catch(async (error) => {
    new Logger('Worker').fatal(`fatal: ${(error as Error).message}`);
    await worker.stop().catch(() => undefined);
    process.exit(1);
  });
}

main().catch((error) => {
  fatal(`failed to start: ${(error as Error).message}`);
  process.exit(1);
});
