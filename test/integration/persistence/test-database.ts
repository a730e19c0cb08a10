import { startTestDatabase, TestDatabase } from '../../setup/database.setup';

/**
 * The database the integration run prepared (the global setup exports TEST_DATABASE_URL), or,
 * when this file runs on its own, a fresh one. Suites that break things on purpose (tampering,
 * migrating down) call startTestDatabase() directly so the shared database stays intact.
 */
export async function sharedTestDatabase(): Promise<TestDatabase> {
  const prepared = process.env.TEST_DATABASE_URL?.trim();
  if (prepared) return { url: prepared, stop: async () => undefined };
  return startTestDatabase();
}
