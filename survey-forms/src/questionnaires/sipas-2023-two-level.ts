// SIPAS, method 2023–2026, for two-level local government (from 1 July 2025: provinces and communes, no districts).
// The same service and policy items as `sipas-2023` (same ids, same criteria); only the level-of-government question
// differs: it offers cấp tỉnh and cấp xã. A campaign that selects this questionnaire has those two levels everywhere
// (quotas, strata, breakdowns, the phone app) — the levels are read from its `gov_level` options, not from code.
import type { QuestionnaireDefinition } from '../schema';
import { sipas2023 } from './sipas-2023';
import { serviceInfoSectionFor, TWO_LEVELS } from './sipas-shared';

export const sipas2023TwoLevel: QuestionnaireDefinition = {
  ...sipas2023,
  id: 'sipas-2023-two-level',
  version: 1,
  title: {
    vi: 'Phiếu khảo sát Chỉ số hài lòng về sự phục vụ hành chính (SIPAS), phương pháp 2023–2026, chính quyền địa phương hai cấp',
    en: 'Satisfaction Index of Public Administrative Services (SIPAS) questionnaire, 2023–2026 method, two-level local government',
  },
  sections: sipas2023.sections.map((s) => (s.id === 'service_info' ? serviceInfoSectionFor(TWO_LEVELS) : s)),
};
