import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { EditionPage } from './pages/EditionPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { AuthCompletePage } from './pages/AuthCompletePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { RegisterPage } from './pages/RegisterPage';
import { CataloguePage } from './projects/CataloguePage';
import { MyProjectsPage } from './projects/MyProjectsPage';
import { ProjectPage } from './projects/ProjectPage';

// Staff pages are a separate chunk: most visitors never open them (the first-screen budget in docs/benchmarks.md).
const AdminApp = lazy(() => import('./admin/AdminApp'));
// So are the working group's pages and the project form: readers of the catalogue never need them.
const ReviewApp = lazy(() => import('./review/ReviewApp'));
const ProjectFormPage = lazy(() => import('./projects/ProjectFormPage'));
// Results and statistics (with the chart library), the ballot and the ЦНАП desk: each only when opened.
const ResultsPage = lazy(() => import('./results/ResultsPages'));
const StatsPage = lazy(() => import('./results/StatsPage'));
const ImplementationPage = lazy(() => import('./results/ImplementationPage'));
const ReportPage = lazy(() => import('./results/ReportPage'));
const BallotPage = lazy(() => import('./voting/BallotPage'));
const MyVotesPage = lazy(() => import('./voting/MyVotesPage'));
const CnapApp = lazy(() => import('./cnap/CnapApp'));

const later = (element: ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="editions/:id" element={<EditionPage />} />
        <Route path="editions/:id/projects" element={<CataloguePage />} />
        <Route path="editions/:id/projects/new" element={later(<ProjectFormPage mode="create" />)} />
        <Route path="editions/:id/results" element={later(<ResultsPage />)} />
        <Route path="editions/:id/stats" element={later(<StatsPage />)} />
        <Route path="editions/:id/implementation" element={later(<ImplementationPage />)} />
        <Route path="editions/:id/report" element={later(<ReportPage />)} />
        <Route path="editions/:id/vote" element={later(<BallotPage />)} />
        <Route path="editions/:id/my-votes" element={later(<MyVotesPage />)} />
        <Route path="cnap/*" element={later(<CnapApp />)} />
        <Route path="projects/:id" element={<ProjectPage />} />
        <Route path="projects/:id/edit" element={later(<ProjectFormPage mode="edit" />)} />
        <Route path="my/projects" element={<MyProjectsPage />} />
        <Route path="review/*" element={later(<ReviewApp />)} />
        <Route path="login" element={<LoginPage />} />
        <Route path="auth/complete" element={<AuthCompletePage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="admin/*" element={later(<AdminApp />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
