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
        // One route entry for "/" and "/c/:id": starting a chat navigates from the first to the
        // second while the answer streams, and a separate entry per path would remount ChatView
        // and abort that answer.
        id: 'chat',
        lazy: () => import('./views/ChatView').then((m) => ({ Component: m.ChatView })),
        children: [{ index: true }, { path: 'c/:conversationId' }],
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
