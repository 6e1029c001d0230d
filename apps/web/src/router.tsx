import { createBrowserRouter } from 'react-router-dom';
import { administers } from './auth/administers';
import { RequireAuth } from './auth/RequireAuth';
import { AppShell } from './layout/AppShell';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteError } from './pages/RouteError';

/**
 * The login page ships in the entry chunk; every other page is its own chunk, fetched by
 * the router before it navigates (the shell shows a progress bar meanwhile).
 */
export const router = createBrowserRouter([
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { path: '/accedi', element: <LoginPage /> },
      {
        path: '/invito',
        lazy: () => import('./pages/InvitationPage').then((m) => ({ Component: m.InvitationPage })),
      },
      {
        path: '/richiesta-accesso',
        lazy: () => import('./pages/AccessRequestPage').then((m) => ({ Component: m.AccessRequestPage })),
      },
      {
        element: <RequireAuth />,
        children: [
          { index: true, lazy: () => import('./pages/HomePage').then((m) => ({ Component: m.HomePage })) },
          {
            path: '/profilo',
            lazy: () => import('./pages/ProfilePage').then((m) => ({ Component: m.ProfilePage })),
          },
          {
            path: '/membri',
            lazy: () => import('./pages/MembersPage').then((m) => ({ Component: m.MembersPage })),
          },
          {
            path: '/spazi',
            lazy: () => import('./pages/community/SpacesPage').then((m) => ({ Component: m.SpacesPage })),
          },
          {
            path: '/spazi/:id',
            lazy: () => import('./pages/community/SpacePage').then((m) => ({ Component: m.SpacePage })),
          },
          {
            path: '/discussioni/:id',
            lazy: () => import('./pages/community/ThreadPage').then((m) => ({ Component: m.ThreadPage })),
          },
          {
            path: '/documenti',
            lazy: () =>
              import('./pages/documents/DocumentsLibraryPage').then((m) => ({
                Component: m.DocumentsLibraryPage,
              })),
          },
          {
            path: '/documenti/:id',
            lazy: () =>
              import('./pages/documents/DocumentEditorPage').then((m) => ({
                Component: m.DocumentEditorPage,
              })),
          },
          {
            path: '/cerca',
            lazy: () => import('./pages/community/SearchPage').then((m) => ({ Component: m.SearchPage })),
          },
          {
            // Space moderators are plain members: the page asks the API where they moderate.
            path: '/moderazione',
            lazy: () =>
              import('./pages/moderation/ModerationQueuePage').then((m) => ({
                Component: m.ModerationQueuePage,
              })),
          },
          {
            path: '/moderazione/registro',
            lazy: () =>
              import('./pages/moderation/ModerationLogPage').then((m) => ({
                Component: m.ModerationLogPage,
              })),
          },
          {
            path: '/programmi',
            lazy: () =>
              import('./pages/programmes/ProgrammesPage').then((m) => ({ Component: m.ProgrammesPage })),
          },
          {
            path: '/programmi/:code',
            lazy: () =>
              import('./pages/programmes/ProgrammeDashboardPage').then((m) => ({
                Component: m.ProgrammeDashboardPage,
              })),
          },
          {
            path: '/buone-pratiche',
            lazy: () =>
              import('./pages/practices/PracticesCataloguePage').then((m) => ({
                Component: m.PracticesCataloguePage,
              })),
          },
          {
            path: '/buone-pratiche/proponi',
            lazy: () =>
              import('./pages/practices/ProposePracticePage').then((m) => ({
                Component: m.ProposePracticePage,
              })),
          },
          {
            path: '/buone-pratiche/:id',
            lazy: () => import('./pages/practices/PracticePage').then((m) => ({ Component: m.PracticePage })),
          },
          {
            path: '/gemellaggi',
            lazy: () =>
              import('./pages/twinnings/TwinningsPage').then((m) => ({ Component: m.TwinningsPage })),
          },
          {
            path: '/gemellaggi/:id',
            lazy: () => import('./pages/twinnings/TwinningPage').then((m) => ({ Component: m.TwinningPage })),
          },
          {
            path: '/laboratori',
            lazy: () =>
              import('./pages/labs/LabsCataloguePage').then((m) => ({ Component: m.LabsCataloguePage })),
          },
          {
            path: '/laboratori/:id',
            lazy: () => import('./pages/labs/LabPage').then((m) => ({ Component: m.LabPage })),
          },
          {
            path: '/laboratori/:labId/sessioni/:id',
            lazy: () => import('./pages/labs/SessionPage').then((m) => ({ Component: m.SessionPage })),
          },
          {
            path: '/laboratori/:labId/prodotti/:id',
            lazy: () =>
              import('./pages/labs/DeliverablePage').then((m) => ({ Component: m.DeliverablePage })),
          },
          {
            path: '/sessioni/:id/live',
            lazy: () =>
              import('./pages/live/LiveSessionPage').then((m) => ({ Component: m.LiveSessionPage })),
          },
          {
            // The QR code in the room opens this page on a participant's phone (`?code=`).
            path: '/sessioni/:id/check-in',
            lazy: () => import('./pages/attendance/CheckInPage').then((m) => ({ Component: m.CheckInPage })),
          },
          {
            path: '/sessioni/:id/presenze',
            lazy: () =>
              import('./pages/attendance/AttendanceRegisterPage').then((m) => ({
                Component: m.AttendanceRegisterPage,
              })),
          },
          {
            path: '/presenze',
            lazy: () =>
              import('./pages/attendance/MyAttendancePage').then((m) => ({ Component: m.MyAttendancePage })),
          },
          {
            path: '/calendario',
            lazy: () => import('./pages/labs/MyCalendarPage').then((m) => ({ Component: m.MyCalendarPage })),
          },
          {
            path: '/tutoraggio',
            lazy: () => import('./pages/tutoring/TutoringPage').then((m) => ({ Component: m.TutoringPage })),
          },
          {
            // Shown to tutors; others are told it is for tutors (lab tutors are plain members).
            path: '/tutoraggio/gestione',
            lazy: () =>
              import('./pages/tutoring/TutorSlotsPage').then((m) => ({ Component: m.TutorSlotsPage })),
          },
          {
            path: '/tutoraggio/coaching',
            lazy: () => import('./pages/tutoring/CoachingPage').then((m) => ({ Component: m.CoachingPage })),
          },
          {
            path: '/tutoraggio/slot/:id',
            lazy: () => import('./pages/tutoring/SlotPage').then((m) => ({ Component: m.SlotPage })),
          },
          {
            path: '/enti',
            lazy: () => import('./pages/OrganizationsPage').then((m) => ({ Component: m.OrganizationsPage })),
          },
          {
            path: '/enti/:id',
            lazy: () =>
              import('./pages/organizations/OrganizationPage').then((m) => ({
                Component: m.OrganizationPage,
              })),
          },
        ],
      },
      {
        element: <RequireAuth allow={administers} />,
        children: [
          {
            path: '/amministrazione',
            lazy: () => import('./pages/AdminPage').then((m) => ({ Component: m.AdminPage })),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
