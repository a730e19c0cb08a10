import type { EntityManager } from 'typeorm';

/**
 * The bootstrap ADMIN_TOKEN exists to create the first admin of an installation, and nothing
 * more: a static secret in the environment, shared by whoever deploys, never expiring and
 * attributable to nobody, must not stay a way in once a named admin can do the job. So it is
 * refused everywhere once an active admin exists. If every admin is deactivated it works again,
 * to create a new one: the installation's recovery path (whoever holds ADMIN_TOKEN already
 * controls the deployment).
 */
export const BOOTSTRAP_ADMIN_SPENT =
  'the bootstrap ADMIN_TOKEN only creates the first admin, and an active admin exists; use an admin’s personal API token or sign in';

/** Its one job: POST /users with the admin role. */
export const BOOTSTRAP_ADMIN_ONLY_CREATES_ADMIN = 'the bootstrap ADMIN_TOKEN can only create the first admin: give the person the admin role';

/** Serialises bootstrap creations, so two concurrent requests cannot both find no admin and create two. */
export const BOOTSTRAP_ADMIN_LOCK = 'aigov:bootstrap-admin';

export async function activeAdminExists(m: EntityManager): Promise<boolean> {
  const rows: unknown[] = await m.query(`SELECT 1 FROM users WHERE active AND 'admin' = ANY(roles) LIMIT 1`);
  return rows.length > 0;
}
