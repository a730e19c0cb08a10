import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

export type Dashboard = components['schemas']['DashboardView'];

/** GET /api/v1/reports/dashboard: every figure of the dashboard in one answer. */
export const dashboardQuery = queryOptions({
  queryKey: ['reports', 'dashboard'],
  queryFn: async () => unwrap(await api.GET('/api/v1/reports/dashboard')),
});
