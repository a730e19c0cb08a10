import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { NotFoundView } from '../components/StatusPage';
import { AppShell } from './AppShell';
import { HomeRedirect } from './HomeRedirect';
import { RequireSession } from './RequireSession';
import { RouteError } from './RouteError';

/**
 * The application's routes (issue 14's contract). Every screen is its own chunk (React.lazy),
 * so the first page loads only the shell; heavy libraries (echarts) stay with the screens that
 * use them. Add a screen: a `features/<area>/<Screen>Page.tsx` with a default export, a lazy
 * import and a route here, and its navigation entry in roles.ts.
 */
const SignInPage = lazy(() => import('../features/sign-in/SignInPage'));
const InboxPage = lazy(() => import('../features/inbox/InboxPage'));
const TaskPage = lazy(() => import('../features/tasks/TaskPage'));
const ForbiddenPage = lazy(() => import('../features/errors/ForbiddenPage'));
const SystemsPage = lazy(() => import('../features/systems/SystemsPage'));
const RegisterSystemPage = lazy(() => import('../features/systems/RegisterSystemPage'));
const SystemPage = lazy(() => import('../features/systems/SystemPage'));
const AssessmentPage = lazy(() => import('../features/systems/AssessmentPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const InventoryPage = lazy(() => import('../features/inventory/InventoryPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'inbox', element: <InboxPage /> },
          { path: 'tasks/:id', element: <TaskPage /> },
          { path: 'systems', element: <SystemsPage /> },
          { path: 'systems/new', element: <RegisterSystemPage /> },
          { path: 'systems/:id', element: <SystemPage /> },
          { path: 'systems/:id/assessment', element: <AssessmentPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'inventory', element: <InventoryPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'forbidden', element: <ForbiddenPage /> },
          { path: '*', element: <NotFoundView /> },
        ],
      },
    ],
  },
]);
