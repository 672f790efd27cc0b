// The self-assessment API's shapes (server/features/assessment/DESIGN.md, "HTTP API"), named from the types generated
// from the server's route schemas (shared/api/generated, `npm run gen:api`).
import type { ApiResponse } from '../../../shared/api/openapi';

type Item<L> = L extends readonly (infer T)[] ? T : never;
type SheetPath = '/api/campaigns/{campaignId}/assessment/sheets/{unitId}';

export type MyCampaign = Item<ApiResponse<'/api/assessment/campaigns'>['campaigns']>;

export type Phases = ApiResponse<'/api/campaigns/{campaignId}/assessment/phases'>;
export type PhaseWindow = Item<Phases['phases']>;
export type Phase = PhaseWindow['phase'];
export const PHASES = ['self_assessment', 'appraisal', 'response', 'final_appraisal', 'approval', 'published'] as const satisfies readonly Phase[];
// every phase the server knows is in the list
const allPhases: readonly (typeof PHASES)[number][] = [] as Phase[];
void allPhases;

export type SheetSummary = Item<ApiResponse<'/api/campaigns/{campaignId}/assessment/sheets'>['sheets']>;
export type SheetStatus = SheetSummary['status'];
export type Totals = SheetSummary['total'];

export type Sheet = ApiResponse<SheetPath>;
export type SheetNode = Item<Sheet['nodes']>;
export type LeafState = NonNullable<SheetNode['leaf']>;
export type AppraisalStatus = LeafState['appraisalStatus'];
export type EvidenceRef = Item<LeafState['evidence']>;

export type Gap = Item<ApiResponse<`${SheetPath}/check`>['missing']>;
export type HistoryEvent = Item<ApiResponse<`${SheetPath}/leaves/{code}/history`>['events']>;
export type EvidenceDocument = Item<ApiResponse<'/api/campaigns/{campaignId}/units/{unitId}/evidence'>['documents']>;
export type QueueItem = Item<ApiResponse<'/api/campaigns/{campaignId}/assessment/queue'>['items']>;
export type Progress = ApiResponse<'/api/campaigns/{campaignId}/assessment/progress'>;
export type ProgressCell = Item<Item<Progress['units']>['cells']>;
export type Notification = Item<ApiResponse<'/api/notifications'>['notifications']>;
export type Assignments = ApiResponse<'/api/campaigns/{campaignId}/assessment/appraisers'>;
