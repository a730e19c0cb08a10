import type { EntityManager } from 'typeorm';
import { UserEntity } from '@aigov/persistence/entities';
import { badRequest } from './api-error';

/** The person a request names (an owner, an attendee, a delegate) must exist and be active: else 400 on `field`. */
export async function requireActiveUser(m: EntityManager, id: string, field: string): Promise<UserEntity> {
  const user = await m.findOne(UserEntity, { where: { id } });
  if (!user || !user.active) throw badRequest(`no active user ${id}`, field);
  return user;
}

/** A due date a request sets must lie ahead: else 400 on `field`. */
export function requireFutureDate(value: string, field: string): void {
  if (new Date(value).getTime() <= Date.now()) throw badRequest('must be in the future', field);
}
