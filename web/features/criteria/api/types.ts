// The criteria API's shapes, named from the types generated from the server's route schemas (shared/api/generated).
import type { ApiBody, ApiResponse } from '../../../shared/api/openapi';

export type CriteriaImportRequest = ApiBody<'/api/criteria-sets/import/preview', 'post'>;
export type CriteriaImportPreview = ApiResponse<'/api/criteria-sets/import/preview', 'post'>;
/** one problem of an imported criteria file: row (header = 1) and column, in vi and en */
export type CriteriaProblem = CriteriaImportPreview['problems'][number];
export type CriteriaImportTarget = CriteriaImportPreview['target'];
export type CriteriaImportTotals = CriteriaImportPreview['totals'];
export type CriteriaImportResult = ApiResponse<'/api/criteria-sets/import', 'post'>;
export type CriteriaComparison = ApiResponse<'/api/criteria-sets/compare'>;
export type CampaignCriteriaSets = ApiResponse<'/api/campaigns/{campaignId}/criteria-sets'>;
