import { EntityManager, In } from 'typeorm';
import { UserEntity } from '@aigov/persistence/entities';

export interface PersonSummary {
  id: string;
  name: string;
  email: string;
}

/**
 * The people a record names (owners, authors, deciders), by id, in one query; ids that are
 * absent, repeated or unknown are passed over, so callers say what an unknown id shows as.
 */
export async function peopleById(m: EntityManager, ids: ReadonlyArray<string | null | undefined>): Promise<Map<string, PersonSummary>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (!unique.length) return new Map();
  const users = await m.find(UserEntity, { where: { id: In(unique) }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
}
