/**
 * Every view is its own lazily loaded chunk: the first paint loads only the shell.
 */
import { createBrowserRouter } from 'react-router-dom';
import { Layout } from './Layout';
import { RouteError } from './views/RouteError';

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        lazy: () => import('./views/ChatView').then((m) => ({ Component: m.ChatView })),
      },
      {
        path: 'c/:conversationId',
        lazy: () => import('./views/ChatView').then((m) => ({ Component: m.ChatView })),
      },
      {
        path: 'audit',
        lazy: () => import('./views/AuditView').then((m) => ({ Component: m.AuditView })),
      },
      {
        path: 'dashboard',
        lazy: () => import('./views/DashboardView').then((m) => ({ Component: m.DashboardView })),
      },
      {
        path: 'memory',
        lazy: () => import('./views/MemoryView').then((m) => ({ Component: m.MemoryView })),
      },
      {
        path: 'models',
        lazy: () => import('./views/ModelsView').then((m) => ({ Component: m.ModelsView })),
      },
      {
        path: 'policy',
        lazy: () => import('./views/PolicyView').then((m) => ({ Component: m.PolicyView })),
      },
      {
        path: '*',
        lazy: () => import('./views/NotFoundView').then((m) => ({ Component: m.NotFoundView })),
      },
    ],
  },
]);
