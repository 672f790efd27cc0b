// SIPAS, method 2017–2021: the administrative-service part only (5 factors, 22 criteria, 5 factor-overall questions
// and one overall question for the whole service), the expectations question and demographics.
import type { QuestionnaireDefinition } from '../schema';
import {
  overallSection,
  respondentSection,
  SATISFACTION_SET,
  satisfaction5,
  serviceFactorSections,
  serviceInfoSection,
} from './sipas-shared';

export const sipas2017: QuestionnaireDefinition = {
  id: 'sipas-2017',
  version: 1,
  kind: 'sipas',
  title: {
    vi: 'Phiếu khảo sát Chỉ số hài lòng về sự phục vụ hành chính (SIPAS), phương pháp 2017–2021',
    en: 'Satisfaction Index of Public Administrative Services (SIPAS) questionnaire, 2017–2021 method',
  },
  answerSets: { [SATISFACTION_SET]: satisfaction5 },
  // The last survey year of the method is 2021, so respondents were born in 2003 or earlier.
  sections: [serviceInfoSection, ...serviceFactorSections(), overallSection, respondentSection(2003)],
};
