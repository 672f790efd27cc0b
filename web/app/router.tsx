import { Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/components/LoginPage';
import { AccountPage } from '../features/auth/components/AccountPage';
import { HomePage } from './HomePage';
import { LanguageSwitch } from './LanguageSwitch';
import { Layout } from './Layout';
import {
  AssessmentHomePage,
  AssessmentProgressPage,
  AssessmentQueuePage,
  AssessmentSheetPage,
  AssessmentSheetsPage,
  NotificationsPage,
  CampaignCreatePage,
  CampaignDetailPage,
  CampaignListPage,
  CampaignCriteriaSetsPage,
  CriteriaComparePage,
  CriteriaImportPage,
  CriteriaSetPage,
  CriteriaSetsPage,
  FieldworkDashboardPage,
  FieldworkIndexPage,
  FieldworkSetupPage,
  FormDetailPage,
  ImportPage,
  LeadershipPage,
  MailOutboxPage,
  PublicationPage,
  PublicResultsPage,
  RankingPage,
  ReportPage,
  ResultsPage,
  RechecksPage,
  RespondPage,
  ReviewPage,
  ScoresPage,
  SurveyDataPage,
  UnitsPage,
  UsersPage,
} from './lazyPages';
import { NotFoundPage } from './NotFoundPage';
import { RequireAuth } from './RequireAuth';
import { EditorsOnly, StaffOnly } from './RequireRole';
import { RouteError } from './RouteError';
import { Spinner } from '../shared/components/Spinner';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage languageSwitch={<LanguageSwitch />} />, errorElement: <RouteError /> },
  // public: a leadership-survey respondent's personal link, outside the login guard
  {
    path: '/r/:token',
    element: (
      <Suspense fallback={<Spinner />}>
        <RespondPage languageSwitch={<LanguageSwitch />} />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  // public: the published results (issue 13), outside the login guard; a province portal may frame them
  ...['/cong-khai', '/cong-khai/:campaignId'].map((path) => ({
    path,
    element: (
      <Suspense fallback={<Spinner />}>
        <PublicResultsPage languageSwitch={<LanguageSwitch />} />
      </Suspense>
    ),
    errorElement: <RouteError />,
  })),
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'campaigns', element: <StaffOnly><CampaignListPage /></StaffOnly> },
          { path: 'campaigns/new', element: <EditorsOnly><CampaignCreatePage /></EditorsOnly> },
          { path: 'campaigns/:campaignId', element: <StaffOnly><CampaignDetailPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/ranking', element: <StaffOnly><RankingPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/publication', element: <StaffOnly><PublicationPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/results', element: <StaffOnly><ResultsPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/units/:unitId/scores', element: <StaffOnly><ScoresPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/units/:unitId/report', element: <StaffOnly><ReportPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/units/:unitId/import', element: <EditorsOnly><ImportPage /></EditorsOnly> },
          { path: 'campaigns/:campaignId/fieldwork', element: <StaffOnly><FieldworkSetupPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/fieldwork/dashboard', element: <StaffOnly><FieldworkDashboardPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/review', element: <StaffOnly><ReviewPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/rechecks', element: <StaffOnly><RechecksPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/leadership', element: <StaffOnly><LeadershipPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/survey-data', element: <StaffOnly><SurveyDataPage /></StaffOnly> },
          { path: 'mail-outbox', element: <StaffOnly><MailOutboxPage /></StaffOnly> },
          { path: 'fieldwork', element: <StaffOnly><FieldworkIndexPage /></StaffOnly> },
          { path: 'fieldwork/forms/:formId', element: <StaffOnly><FormDetailPage /></StaffOnly> },
          { path: 'units', element: <StaffOnly><UnitsPage /></StaffOnly> },
          { path: 'users', element: <EditorsOnly><UsersPage /></EditorsOnly> },
          { path: 'criteria', element: <StaffOnly><CriteriaSetsPage /></StaffOnly> },
          { path: 'criteria/import', element: <EditorsOnly><CriteriaImportPage /></EditorsOnly> },
          { path: 'criteria/compare', element: <StaffOnly><CriteriaComparePage /></StaffOnly> },
          { path: 'criteria/:code', element: <StaffOnly><CriteriaSetPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/criteria-sets', element: <StaffOnly><CampaignCriteriaSetsPage /></StaffOnly> },
          // self-assessment and appraisal: unit officers and appraisers too (the server decides the scope)
          { path: 'assessment', element: <AssessmentHomePage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'campaigns/:campaignId/assessment', element: <AssessmentSheetsPage /> },
          { path: 'campaigns/:campaignId/assessment/queue', element: <AssessmentQueuePage /> },
          { path: 'campaigns/:campaignId/assessment/progress', element: <EditorsOnly><AssessmentProgressPage /></EditorsOnly> },
          { path: 'campaigns/:campaignId/assessment/units/:unitId', element: <AssessmentSheetPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
