import { lazy } from 'react';

// One chunk per feature: each screen loads its code when first opened.
export const CampaignListPage = lazy(() => import('../features/campaigns/components/CampaignListPage').then((m) => ({ default: m.CampaignListPage })));
export const CampaignCreatePage = lazy(() => import('../features/campaigns/components/CampaignCreatePage').then((m) => ({ default: m.CampaignCreatePage })));
export const CampaignDetailPage = lazy(() => import('../features/campaigns/components/CampaignDetailPage').then((m) => ({ default: m.CampaignDetailPage })));
export const UnitsPage = lazy(() => import('../features/units/components/UnitsPage').then((m) => ({ default: m.UnitsPage })));
export const CriteriaSetsPage = lazy(() => import('../features/criteria/components/CriteriaSetsPage').then((m) => ({ default: m.CriteriaSetsPage })));
export const CriteriaSetPage = lazy(() => import('../features/criteria/components/CriteriaSetPage').then((m) => ({ default: m.CriteriaSetPage })));
export const ImportPage = lazy(() => import('../features/import/components/ImportPage').then((m) => ({ default: m.ImportPage })));
export const ScoresPage = lazy(() => import('../features/scores/components/ScoresPage').then((m) => ({ default: m.ScoresPage })));
export const RankingPage = lazy(() => import('../features/ranking/components/RankingPage').then((m) => ({ default: m.RankingPage })));
