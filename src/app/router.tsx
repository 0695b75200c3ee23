/**
 * Every view is its own lazily loaded chunk: the first paint loads only the shell.
 */
import { createBrowserRouter } from 'react-router-dom';
import { Layout } from './Layout';
import { RouteError } from './views/RouteError';

/**
 * Shown in place of a lazily loaded view while its chunk loads on the first load of a page. On
 * the view's route (not the root) so that the shell around it renders at once; without one,
 * React Router renders nothing until the chunk is there and warns "No `HydrateFallback` element
 * provided to render during initial hydration" on every load.
 */
const loadingView = (
  <p className="view view-loading" role="status">
    Loading…
  </p>
);

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        // One route entry for "/" and "/c/:id": starting a chat navigates from the first to the
        // second while the answer streams, and a separate entry per path would remount ChatView
        // and abort that answer.
        id: 'chat',
        hydrateFallbackElement: loadingView,
        lazy: () => import('./views/ChatView').then((m) => ({ Component: m.ChatView })),
        children: [{ index: true }, { path: 'c/:conversationId' }],
      },
      {
        path: 'audit',
        hydrateFallbackElement: loadingView,
        lazy: () => import('./views/AuditView').then((m) => ({ Component: m.AuditView })),
      },
      {
        path: 'dashboard',
        hydrateFallbackElement: loadingView,
        lazy: () => import('./views/DashboardView').then((m) => ({ Component: m.DashboardView })),
      },
      {
        path: 'memory',
        hydrateFallbackElement: loadingView,
        lazy: () => import('./views/MemoryView').then((m) => ({ Component: m.MemoryView })),
      },
      {
        path: 'models',
        hydrateFallbackElement: loadingView,
        lazy: () => import('./views/ModelsView').then((m) => ({ Component: m.ModelsView })),
      },
      {
        path: 'policy',
        hydrateFallbackElement: loadingView,
        lazy: () => import('./views/PolicyView').then((m) => ({ Component: m.PolicyView })),
      },
      {
        path: '*',
        hydrateFallbackElement: loadingView,
        lazy: () => import('./views/NotFoundView').then((m) => ({ Component: m.NotFoundView })),
      },
    ],
  },
]);
