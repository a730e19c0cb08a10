import type { QueryClient } from '@tanstack/react-query';
import { dashboardQuery } from './dashboard-queries';

/**
 * Opened straight at /dashboard (a bookmark, the start page of oversight roles, a reload), the
 * app would load its entry, ask who is signed in, and only then fetch the dashboard's chunk
 * (ECharts) and its figures, one after the other. This starts both at once, beside the session
 * probe. Not signed in, the figures answer 401 like the probe does, and the app goes to sign in.
 */
export function preloadDashboard(queryClient: QueryClient): void {
  void import('./DashboardPage');
  void queryClient.prefetchQuery(dashboardQuery);
}
