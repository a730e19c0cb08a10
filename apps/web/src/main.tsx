import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { setUnauthorizedHandler } from './api/client';
import { ApiError } from './api/errors';
import { signInPath } from './api/return-to';
import { router } from './app/router';
import { LoadingState } from './components/LoadingState';
import { preloadDashboard } from './features/dashboard/preload';
import './styles/app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal or a missing thing will not change by asking again; a 503 or a lost network may.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
    mutations: { retry: false },
  },
});

// The session ended (idle or absolute expiry, sign-out in another tab): sign in and come back.
setUnauthorizedHandler(() => {
  queryClient.removeQueries({ queryKey: ['session'] });
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== '/sign-in') void router.navigate(signInPath(here), { replace: true });
});

if (window.location.pathname === '/dashboard') preloadDashboard(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Suspense fallback={<LoadingState />}>
        <RouterProvider router={router} />
      </Suspense>
    </QueryClientProvider>
  </StrictMode>,
);
