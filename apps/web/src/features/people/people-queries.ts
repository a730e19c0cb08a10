import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session';
import { may } from '../../app/access';

export type UserView = components['schemas']['UserView'];
export type DirectoryPerson = components['schemas']['DirectoryPersonView'];
export type CreateUser = components['schemas']['CreateUserDto'];
export type UpdateUser = components['schemas']['UpdateUserDto'];

/** Active people by name: changes rarely, read once a minute at most. */
export const directoryQuery = queryOptions({
  queryKey: ['users', 'directory'],
  queryFn: async () => unwrap(await api.GET('/api/v1/users/directory')),
  staleTime: 60_000,
});

/**
 * The directory, for those allowed to read it (every role but a product owner alone). Others
 * get an empty one and screens fall back to showing themselves and ids.
 */
export function useDirectory() {
  const { user } = useSession();
  const allowed = may(user, 'user.directory');
  const query = useQuery({ ...directoryQuery, enabled: allowed });
  const people: DirectoryPerson[] = query.data?.items ?? [];
  const byId = new Map(people.map((p) => [p.id, p]));
  if (!byId.has(user.id)) byId.set(user.id, { id: user.id, name: user.name, email: user.email });
  return { query, people: allowed ? people : [{ id: user.id, name: user.name, email: user.email }], byId, allowed };
}

export const usersQuery = (page: number) =>
  queryOptions({
    queryKey: ['users', 'list', page],
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { page, pageSize: 50 } } })),
  });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateUser) => unwrap(await api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateUser) => unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
