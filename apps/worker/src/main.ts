import 'reflect-metadata';
import { loadAppConfig } from '@aigov/config/app-config';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  const worker = await createWorkerApp(loadAppConfig());
  // If the Temporal worker dies, the process must too, so a supervisor can restart it.
  await worker.done.catch(async (error) => {
    console.error(`[worker] fatal: ${(error as Error).message}`);
    await worker.stop().catch(() => undefined);
    process.exit(1);
  });
}

main().catch((error) => {
  console.error(`[worker] failed to start: ${(error as Error).message}`);
  process.exit(1);
});
