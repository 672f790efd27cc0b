import { lazy } from 'react';

// One chunk per feature: each screen loads its code when first opened.
export const CampaignListPage = lazy(() => import('../features/campaigns/components/CampaignListPage').then((m) => ({ default: m.CampaignListPage })));
export const CampaignCreatePage = lazy(() => import('../features/campaigns/components/CampaignCreatePage').then((m) => ({ default: m.CampaignCreatePage })));
export const CampaignDetailPage = lazy(() => import('../features/campaigns/components/CampaignDetailPage').then((m) => ({ default: m.CampaignDetailPage })));
export const UsersPage = lazy(() => import('../features/users/components/UsersPage').then((m) => ({ default: m.UsersPage })));
export const UnitsPage = lazy(() => import('../features/units/components/UnitsPage').then((m) => ({ default: m.UnitsPage })));
export const CriteriaSetsPage = lazy(() => import('../features/criteria/components/CriteriaSetsPage').then((m) => ({ default: m.CriteriaSetsPage })));
export const CriteriaSetPage = lazy(() => import('../features/criteria/components/CriteriaSetPage').then((m) => ({ default: m.CriteriaSetPage })));
export const CriteriaImportPage = lazy(() => import('../features/criteria/components/CriteriaImportPage').then((m) => ({ default: m.CriteriaImportPage })));
export const CriteriaComparePage = lazy(() => import('../features/criteria/components/CriteriaComparePage').then((m) => ({ default: m.CriteriaComparePage })));
export const CampaignCriteriaSetsPage = lazy(() => import('../features/criteria/components/CampaignCriteriaSetsPage').then((m) => ({ default: m.CampaignCriteriaSetsPage })));
export const ImportPage = lazy(() => import('../features/import/components/ImportPage').then((m) => ({ default: m.ImportPage })));
export const ScoresPage = lazy(() => import('../features/scores/components/ScoresPage').then((m) => ({ default: m.ScoresPage })));
export const ReportPage = lazy(() => import('../features/reports/components/ReportPage').then((m) => ({ default: m.ReportPage })));
export const RankingPage = lazy(() => import('../features/ranking/components/RankingPage').then((m) => ({ default: m.RankingPage })));
export const FieldworkSetupPage = lazy(() => import('../features/fieldwork-setup/components/FieldworkSetupPage').then((m) => ({ default: m.FieldworkSetupPage })));
export const ReviewPage = lazy(() => import('../features/review/components/ReviewPage').then((m) => ({ default: m.ReviewPage })));
export const FormDetailPage = lazy(() => import('../features/review/components/FormDetailPage').then((m) => ({ default: m.FormDetailPage })));
export const RechecksPage = lazy(() => import('../features/recheck/components/RechecksPage').then((m) => ({ default: m.RechecksPage })));
export const FieldworkDashboardPage = lazy(() =>
  import('../features/fieldwork-dashboard/components/FieldworkDashboardPage').then((m) => ({ default: m.FieldworkDashboardPage })),
);
export const FieldworkIndexPage = lazy(() => import('../features/fieldwork-dashboard/components/FieldworkIndexPage').then((m) => ({ default: m.FieldworkIndexPage })));
export const LeadershipPage = lazy(() => import('../features/leadership-admin/components/LeadershipPage').then((m) => ({ default: m.LeadershipPage })));
export const MailOutboxPage = lazy(() => import('../features/leadership-admin/components/MailOutboxPage').then((m) => ({ default: m.MailOutboxPage })));
export const PublicResultsPage = lazy(() => import('../features/publication/components/PublicResultsPage').then((m) => ({ default: m.PublicResultsPage })));
export const PublicationPage = lazy(() => import('../features/publication/components/PublicationPage').then((m) => ({ default: m.PublicationPage })));
export const RespondPage = lazy(() => import('../features/respond/components/RespondPage').then((m) => ({ default: m.RespondPage })));
export const SurveyDataPage = lazy(() => import('../features/survey-data/components/SurveyDataPage').then((m) => ({ default: m.SurveyDataPage })));
export const ResultsPage = lazy(() => import('../features/results/components/ResultsPage').then((m) => ({ default: m.ResultsPage })));
const assessment = () => import('../features/assessment/components/pages');
export const AssessmentHomePage = lazy(() => assessment().then((m) => ({ default: m.AssessmentHomePage })));
export const AssessmentSheetsPage = lazy(() => assessment().then((m) => ({ default: m.SheetsPage })));
export const AssessmentSheetPage = lazy(() => assessment().then((m) => ({ default: m.SheetPage })));
export const AssessmentQueuePage = lazy(() => assessment().then((m) => ({ default: m.QueuePage })));
export const AssessmentProgressPage = lazy(() => assessment().then((m) => ({ default: m.ProgressPage })));
export const NotificationsPage = lazy(() => assessment().then((m) => ({ default: m.NotificationsPage })));
