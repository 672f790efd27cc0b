import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/components/LoginPage';
import { HomePage } from './HomePage';
import { LanguageSwitch } from './LanguageSwitch';
import { Layout } from './Layout';
import {
  CampaignCreatePage,
  CampaignDetailPage,
  CampaignListPage,
  CriteriaSetPage,
  CriteriaSetsPage,
  ImportPage,
  RankingPage,
  ScoresPage,
  UnitsPage,
} from './lazyPages';
import { NotFoundPage } from './NotFoundPage';
import { RequireAuth } from './RequireAuth';
import { EditorsOnly, StaffOnly } from './RequireRole';
import { RouteError } from './RouteError';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage languageSwitch={<LanguageSwitch />} />, errorElement: <RouteError /> },
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
          { path: 'campaigns/:campaignId/units/:unitId/scores', element: <StaffOnly><ScoresPage /></StaffOnly> },
          { path: 'campaigns/:campaignId/units/:unitId/import', element: <EditorsOnly><ImportPage /></EditorsOnly> },
          { path: 'units', element: <StaffOnly><UnitsPage /></StaffOnly> },
          { path: 'criteria', element: <StaffOnly><CriteriaSetsPage /></StaffOnly> },
          { path: 'criteria/:code', element: <StaffOnly><CriteriaSetPage /></StaffOnly> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
