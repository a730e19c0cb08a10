import { runMigrations } from '@aigov/persistence/data-source.factory';
import { resolveDatabaseUrl } from '@aigov/persistence/embedded-postgres';
import { dataDir } from './project-root';

/**
 * `npm run migration:run`: applies pending migrations to DATABASE_URL, or to the embedded
 * PostgreSQL under DATA_DIR (.data/) that `npm start` uses, which it starts and stops again.
 */
async function main(): Promise<void> {
  const database = await resolveDatabaseUrl(process.env, dataDir());
  try {
    const target = database.embedded ? `embedded PostgreSQL in ${dataDir()}` : 'DATABASE_URL';
    const applied = await runMigrations(database.url);
    if (applied.length === 0) console.log(`migrations: ${target} is up to date`);
    else console.log(`migrations applied to ${target}:\n${applied.map((name) => `  ${name}`).join('\n')}`);
  } finally {
    await database.stop();
  }
}

main().catch((error: Error) => {
  console.error(`migrations failed: ${error.message}`);
  process.exit(1);
});
