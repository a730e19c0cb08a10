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
const SoaPage = lazy(() => import('../features/soa/SoaPage'));
const SoaEntryPage = lazy(() => import('../features/soa/SoaEntryPage'));
const SoaVersionsPage = lazy(() => import('../features/soa/SoaVersionsPage'));
const QuestionnairePage = lazy(() => import('../features/questionnaire/QuestionnairePage'));
const ReassessmentsPage = lazy(() => import('../features/questionnaire/ReassessmentsPage'));
const ReassessmentPage = lazy(() => import('../features/questionnaire/ReassessmentPage'));
const RisksPage = lazy(() => import('../features/risks/RisksPage'));
const RiskPage = lazy(() => import('../features/risks/RiskPage'));
const NewRiskPage = lazy(() => import('../features/risks/RiskFormPage').then((m) => ({ default: m.NewRiskPage })));
const EditRiskPage = lazy(() => import('../features/risks/RiskFormPage').then((m) => ({ default: m.EditRiskPage })));
const ControlHealthPage = lazy(() => import('../features/controls/ControlHealthPage'));
const ControlCatalogPage = lazy(() => import('../features/controls/ControlCatalogPage'));
const ControlPage = lazy(() => import('../features/controls/ControlPage'));
const EvidencePage = lazy(() => import('../features/controls/EvidencePage'));
const NewEvidencePage = lazy(() => import('../features/controls/NewEvidencePage'));
const EditEvidencePage = lazy(() => import('../features/controls/EditEvidencePage'));
const ManagementReviewsPage = lazy(() => import('../features/governance-cycles/ManagementReviewsPage'));
const ManagementReviewPage = lazy(() => import('../features/governance-cycles/ManagementReviewPage'));
const InternalAuditsPage = lazy(() => import('../features/governance-cycles/InternalAuditsPage'));
const InternalAuditPage = lazy(() => import('../features/governance-cycles/InternalAuditPage'));
const PeoplePage = lazy(() => import('../features/people/PeoplePage'));
const WebhookSourcesPage = lazy(() => import('../features/webhook-sources/WebhookSourcesPage'));
const MyTokensPage = lazy(() => import('../features/tokens/TokensPage').then((m) => ({ default: m.MyTokensPage })));
const PersonTokensPage = lazy(() => import('../features/tokens/TokensPage').then((m) => ({ default: m.PersonTokensPage })));
const WebhookSubscriptionsPage = lazy(() => import('../features/webhook-subscriptions/WebhookSubscriptionsPage'));
const WebhookSubscriptionPage = lazy(() => import('../features/webhook-subscriptions/WebhookSubscriptionPage'));
const AuditVerificationPage = lazy(() => import('../features/audit/AuditVerificationPage'));
const GatewayTokensPage = lazy(() => import('../features/gateway-tokens/GatewayTokensPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const InventoryPage = lazy(() => import('../features/inventory/InventoryPage'));
const ImportPage = lazy(() => import('../features/inventory-import/ImportPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const SeriousIncidentsPage = lazy(() => import('../features/serious-incidents/SeriousIncidentsPage'));
const SeriousIncidentPage = lazy(() => import('../features/serious-incidents/SeriousIncidentPage'));
const DeclareSeriousIncidentPage = lazy(() => import('../features/serious-incidents/DeclareSeriousIncidentPage'));

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
          { path: 'inventory/import', element: <ImportPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'serious-incidents', element: <SeriousIncidentsPage /> },
          { path: 'serious-incidents/new', element: <DeclareSeriousIncidentPage /> },
          { path: 'serious-incidents/:id', element: <SeriousIncidentPage /> },
          { path: 'soa', element: <SoaPage /> },
          { path: 'soa/versions', element: <SoaVersionsPage /> },
          { path: 'soa/:framework/:ref', element: <SoaEntryPage /> },
          { path: 'questionnaire', element: <QuestionnairePage /> },
          { path: 'questionnaire/reassessments', element: <ReassessmentsPage /> },
          { path: 'systems/:id/reassessment', element: <ReassessmentPage /> },
          { path: 'risks', element: <RisksPage /> },
          { path: 'risks/new', element: <NewRiskPage /> },
          { path: 'risks/:id', element: <RiskPage /> },
          { path: 'risks/:id/edit', element: <EditRiskPage /> },
          { path: 'controls', element: <ControlHealthPage /> },
          { path: 'controls/catalog', element: <ControlCatalogPage /> },
          { path: 'controls/:framework/:ref', element: <ControlPage /> },
          { path: 'evidence', element: <EvidencePage /> },
          { path: 'evidence/new', element: <NewEvidencePage /> },
          { path: 'evidence/:id/edit', element: <EditEvidencePage /> },
          { path: 'management-reviews', element: <ManagementReviewsPage /> },
          { path: 'management-reviews/:id', element: <ManagementReviewPage /> },
          { path: 'internal-audits', element: <InternalAuditsPage /> },
          { path: 'internal-audits/:id', element: <InternalAuditPage /> },
          { path: 'people', element: <PeoplePage /> },
          { path: 'webhook-sources', element: <WebhookSourcesPage /> },
          { path: 'people/:id/tokens', element: <PersonTokensPage /> },
          { path: 'tokens', element: <MyTokensPage /> },
          { path: 'webhook-subscriptions', element: <WebhookSubscriptionsPage /> },
          { path: 'webhook-subscriptions/:id', element: <WebhookSubscriptionPage /> },
          { path: 'audit', element: <AuditVerificationPage /> },
          { path: 'gateway-tokens', element: <GatewayTokensPage /> },
          { path: 'forbidden', element: <ForbiddenPage /> },
          { path: '*', element: <NotFoundView /> },
        ],
      },
    ],
  },
]);
