// The leadership survey (điều tra xã hội học lãnh đạo, quản lý) for the 2023 provincial criteria set: one question
// per `leadership_survey` sub-criterion (22), grouped by field. The respondent group is not asked: it comes from
// the invitation. Labels spell out the abbreviations of the criteria names (VBQPPL, UBND, SNCL).
import type { QuestionnaireDefinition } from '../schema';

type TextDef = { vi: string; en: string };
type SectionDef = QuestionnaireDefinition['sections'][number];

export const LEADERSHIP_SET = 'leadership5';

/** Weights per PAR-INDEX.md §4 (default 1 / 0.75 / 0.5 / 0.25 / 0); "don't know" is left out. */
export const leadership5: QuestionnaireDefinition['answerSets'][string] = {
  options: [
    { value: 'very_good', label: { vi: 'Rất tốt', en: 'Very good' }, weight: 1 },
    { value: 'good', label: { vi: 'Tốt', en: 'Good' }, weight: 0.75 },
    { value: 'fairly_good', label: { vi: 'Tương đối tốt', en: 'Fairly good' }, weight: 0.5 },
    { value: 'not_good', label: { vi: 'Chưa tốt', en: 'Not good' }, weight: 0.25 },
    { value: 'poor', label: { vi: 'Kém', en: 'Poor' }, weight: 0 },
    { value: 'dont_know', label: { vi: 'Không biết', en: "Don't know" }, excluded: true },
  ],
};

/** For the sub-criteria about a bad practice: what the ends of the scale mean. */
const NEGATIVE_HELP: TextDef = {
  vi: '“Rất tốt”: hầu như không có tình trạng này; “Kém”: tình trạng này phổ biến.',
  en: '“Very good”: this hardly happens; “Poor”: this is widespread.',
};

type Criterion = { code: string; label: TextDef; negative?: true };

const FIELDS: { field: number; title: TextDef; criteria: Criterion[] }[] = [
  {
    field: 2,
    title: { vi: 'Lĩnh vực 2. Cải cách thể chế', en: 'Field 2. Institutional reform' },
    criteria: [
      {
        code: '2.4.1',
        label: {
          vi: 'Tính đồng bộ, thống nhất của các văn bản quy phạm pháp luật do địa phương ban hành',
          en: 'Consistency and coherence of the legal documents issued by the province',
        },
      },
      {
        code: '2.4.2',
        label: {
          vi: 'Tính hợp lý của các văn bản quy phạm pháp luật do địa phương ban hành',
          en: 'Soundness of the legal documents issued by the province',
        },
      },
      {
        code: '2.4.3',
        label: {
          vi: 'Tính khả thi của các văn bản quy phạm pháp luật do địa phương ban hành',
          en: 'Feasibility of the legal documents issued by the province',
        },
      },
      {
        code: '2.4.4',
        label: {
          vi: 'Tính kịp thời phát hiện và xử lý các bất cập, vướng mắc trong tổ chức thực hiện văn bản quy phạm pháp luật tại địa phương',
          en: 'Timeliness in finding and resolving shortcomings and obstacles in implementing legal documents in the province',
        },
      },
    ],
  },
  {
    field: 4,
    title: { vi: 'Lĩnh vực 4. Cải cách tổ chức bộ máy hành chính', en: 'Field 4. Reform of the administrative apparatus' },
    criteria: [
      {
        code: '4.1.4',
        label: {
          vi: 'Tính hợp lý trong sắp xếp tổ chức bộ máy các cơ quan, đơn vị thuộc thẩm quyền của tỉnh',
          en: "Soundness of the reorganisation of the agencies and units under the province's authority",
        },
      },
      {
        code: '4.1.5',
        label: {
          vi: 'Tính hợp lý trong phân định chức năng, nhiệm vụ giữa các cơ quan, đơn vị tại địa phương',
          en: 'Soundness of the division of functions and tasks among local agencies and units',
        },
      },
      {
        code: '4.1.6',
        label: {
          vi: 'Tình hình thực hiện quy chế làm việc của Ủy ban nhân dân tỉnh',
          en: "Compliance with the working regulations of the Provincial People's Committee",
        },
      },
      {
        code: '4.3.4',
        label: {
          vi: 'Tính hợp lý trong việc phân cấp, phân quyền thực hiện nhiệm vụ quản lý nhà nước giữa tỉnh và huyện',
          en: 'Soundness of the decentralisation and delegation of state management tasks between the province and its districts',
        },
      },
    ],
  },
  {
    field: 5,
    title: { vi: 'Lĩnh vực 5. Cải cách chế độ công vụ', en: 'Field 5. Civil service reform' },
    criteria: [
      {
        code: '5.2.3',
        label: {
          vi: 'Tính công khai, minh bạch trong công tác tuyển dụng công chức, viên chức',
          en: 'Openness and transparency in recruiting civil servants and public employees',
        },
      },
      {
        code: '5.2.4',
        negative: true,
        label: {
          vi: 'Tình trạng tiêu cực trong công tác tuyển dụng công chức, viên chức',
          en: 'Misconduct in recruiting civil servants and public employees',
        },
      },
      {
        code: '5.3.2',
        label: {
          vi: 'Tính công khai, minh bạch trong công tác bổ nhiệm công chức, viên chức',
          en: 'Openness and transparency in appointing civil servants and public employees to leading posts',
        },
      },
      {
        code: '5.3.3',
        negative: true,
        label: {
          vi: 'Tình trạng tiêu cực trong công tác bổ nhiệm công chức, viên chức',
          en: 'Misconduct in appointing civil servants and public employees to leading posts',
        },
      },
      {
        code: '5.5.2',
        label: {
          vi: 'Chất lượng đào tạo, bồi dưỡng cán bộ, công chức, viên chức',
          en: 'Quality of the training of officials, civil servants and public employees',
        },
      },
      {
        code: '5.7.1',
        label: {
          vi: 'Năng lực chuyên môn của công chức trong phối hợp, xử lý công việc',
          en: 'Professional competence of civil servants in coordinating and handling work',
        },
      },
      {
        code: '5.7.2',
        label: {
          vi: 'Tinh thần trách nhiệm của công chức trong phối hợp, xử lý công việc',
          en: 'Sense of responsibility of civil servants in coordinating and handling work',
        },
      },
      {
        code: '5.7.3',
        negative: true,
        label: {
          vi: 'Tình trạng công chức lợi dụng chức vụ, quyền hạn để trục lợi cá nhân trong phối hợp, xử lý công việc',
          en: 'Civil servants abusing their position and powers for personal gain in coordinating and handling work',
        },
      },
      {
        code: '5.7.4',
        label: {
          vi: 'Tính hiệu quả trong việc thực thi chính sách thu hút người có tài năng vào bộ máy hành chính',
          en: 'Effectiveness of the policy of attracting talented people into the administration',
        },
      },
    ],
  },
  {
    field: 6,
    title: { vi: 'Lĩnh vực 6. Cải cách tài chính công', en: 'Field 6. Public finance reform' },
    criteria: [
      {
        code: '6.1.4',
        label: {
          vi: 'Tính hiệu quả của việc thực hiện cơ chế tự chủ về sử dụng kinh phí quản lý hành chính',
          en: 'Effectiveness of the autonomy in using administrative management funds',
        },
      },
      {
        code: '6.2.4',
        label: {
          vi: 'Thực hiện tiết kiệm, chống lãng phí trong quản lý, sử dụng kinh phí của cơ quan, đơn vị',
          en: 'Thrift and prevention of waste in managing and using the funds of agencies and units',
        },
      },
      {
        code: '6.2.5',
        label: {
          vi: 'Tính hiệu quả của việc quản lý, sử dụng tài sản công',
          en: 'Effectiveness of the management and use of public assets',
        },
      },
      {
        code: '6.3.5',
        label: {
          vi: 'Tính hiệu quả của việc thực hiện cơ chế tự chủ tại các đơn vị sự nghiệp công lập',
          en: 'Effectiveness of the autonomy of public service delivery units',
        },
      },
    ],
  },
  {
    field: 7,
    title: {
      vi: 'Lĩnh vực 7. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số',
      en: 'Field 7. Building e-government and digital government',
    },
    criteria: [
      {
        code: '7.3.2',
        label: {
          vi: 'Chất lượng cung cấp thông tin trên Cổng thông tin điện tử của tỉnh',
          en: "Quality of the information on the province's web portal",
        },
      },
    ],
  },
];

const RATE_HELP: TextDef = {
  vi: 'Xin Ông/Bà cho biết đánh giá của mình về từng nội dung dưới đây tại địa phương trong năm đánh giá.',
  en: 'Please rate each of the following in the province during the year under review.',
};

function fieldSection({ field, title, criteria }: (typeof FIELDS)[number]): SectionDef {
  const factor = `lv${field}`;
  return {
    id: factor,
    title,
    help: RATE_HELP,
    factor,
    questions: criteria.map(({ code, label, negative }) => ({
      id: `c${code.replaceAll('.', '_')}`,
      kind: 'scale',
      answerSet: LEADERSHIP_SET,
      factor,
      role: 'item',
      criterionCode: code,
      required: true,
      label,
      ...(negative && { help: NEGATIVE_HELP }),
    })),
  };
}

export const leadership2023: QuestionnaireDefinition = {
  id: 'leadership-2023',
  version: 1,
  kind: 'leadership',
  title: {
    vi: 'Phiếu điều tra xã hội học lãnh đạo, quản lý phục vụ xác định Chỉ số cải cách hành chính cấp tỉnh năm {year}', // filled with the campaign's year (campaign-year.ts)
    en: 'Survey of leaders and managers for the provincial PAR INDEX {year}',
  },
  answerSets: { [LEADERSHIP_SET]: leadership5 },
  sections: FIELDS.map(fieldSection),
};
