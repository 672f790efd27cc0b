// SIPAS, method 2023–2026: the administrative-service part of 2017–2021 (same factors and criteria, same ids) plus a
// policy part of 9 policy groups. Sections carry `part` so that SIPAS = mean(policy index, service index).
import type { QuestionnaireDefinition } from '../schema';
import {
  factorSection,
  overallSection,
  respondentSection,
  SATISFACTION_SET,
  satisfaction5,
  serviceFactorSections,
  serviceInfoSection,
} from './sipas-shared';

type TextDef = { vi: string; en: string };

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The policy groups: the name as used after "chính sách …" / "… policy". */
export const POLICY_GROUPS: readonly { factor: string; name: TextDef }[] = [
  { factor: 'p1', name: { vi: 'y tế', en: 'health' } },
  { factor: 'p2', name: { vi: 'giáo dục và đào tạo', en: 'education and training' } },
  { factor: 'p3', name: { vi: 'an sinh xã hội', en: 'social security' } },
  { factor: 'p4', name: { vi: 'lao động, việc làm', en: 'labour and employment' } },
  { factor: 'p5', name: { vi: 'đất đai, nhà ở', en: 'land and housing' } },
  { factor: 'p6', name: { vi: 'giao thông', en: 'transport' } },
  { factor: 'p7', name: { vi: 'bảo vệ môi trường', en: 'environmental protection' } },
  { factor: 'p8', name: { vi: 'nông nghiệp, nông thôn', en: 'agriculture and rural development' } },
  { factor: 'p9', name: { vi: 'văn hóa, thể thao', en: 'culture and sport' } },
];

/** A policy group: "do you know it?", then access to information, participation, implementation, fit (items). */
function policySection({ factor, name }: (typeof POLICY_GROUPS)[number]) {
  const policy = { vi: `chính sách ${name.vi}`, en: `${name.en} policy` };
  const known = `${factor}_known`;
  return factorSection(
    {
      factor,
      part: 'policy',
      title: { vi: capitalise(policy.vi), en: capitalise(policy.en) },
      subject: { vi: `việc thực hiện ${policy.vi}`, en: `how ${policy.en} is carried out` },
      showIf: { q: known, in: ['yes'] },
      items: [
        { vi: `Thông tin về ${policy.vi} được công khai, dễ tìm hiểu`, en: `Information on ${policy.en} is public and easy to find` },
        {
          vi: `Người dân được lấy ý kiến, tham gia góp ý về ${policy.vi}`,
          en: `People are consulted and can comment on ${policy.en}`,
        },
        {
          vi: `${capitalise(policy.vi)} được tổ chức thực hiện đúng, đầy đủ, kịp thời`,
          en: `${capitalise(policy.en)} is carried out correctly, fully and on time`,
        },
        {
          vi: `${capitalise(policy.vi)} phù hợp với nhu cầu, mang lại lợi ích thiết thực cho người dân`,
          en: `${capitalise(policy.en)} fits people's needs and brings them real benefits`,
        },
      ],
    },
    [
      {
        id: known,
        kind: 'single',
        required: true,
        label: {
          vi: `Ông/Bà có biết hoặc được thụ hưởng ${policy.vi} tại địa phương không?`,
          en: `Do you know of, or benefit from, ${policy.en} where you live?`,
        },
        options: [
          { value: 'yes', label: { vi: 'Có', en: 'Yes' } },
          { value: 'no', label: { vi: 'Không', en: 'No' } },
        ],
      },
    ],
  );
}

export const sipas2023: QuestionnaireDefinition = {
  id: 'sipas-2023',
  version: 1,
  kind: 'sipas',
  title: {
    vi: 'Phiếu khảo sát Chỉ số hài lòng về sự phục vụ hành chính (SIPAS), phương pháp 2023–2026',
    en: 'Satisfaction Index of Public Administrative Services (SIPAS) questionnaire, 2023–2026 method',
  },
  answerSets: { [SATISFACTION_SET]: satisfaction5 },
  // The last survey year of the method is 2026, so respondents were born in 2008 or earlier.
  sections: [
    serviceInfoSection,
    ...serviceFactorSections(),
    overallSection,
    ...POLICY_GROUPS.map(policySection),
    respondentSection(2008),
  ],
};
