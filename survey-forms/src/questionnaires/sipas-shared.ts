// The parts every SIPAS questionnaire shares: the satisfaction scale, the administrative-service part (5 factors,
// 22 criteria — method 2017–2021, kept by the 2023–2026 method), the overall and expectations questions and the
// respondent's demographics. Built once here; each questionnaire version composes them.
import type { QuestionnaireDefinition } from '../schema';

type SectionDef = QuestionnaireDefinition['sections'][number];
type QuestionDef = SectionDef['questions'][number];
type TextDef = { vi: string; en: string };

export const SATISFACTION_SET = 'satisfaction5';

/** 1–5 satisfaction plus 9 "don't know / no answer", which is left out of the denominators. */
export const satisfaction5: QuestionnaireDefinition['answerSets'][string] = {
  options: [
    { value: 1, label: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' } },
    { value: 2, label: { vi: 'Không hài lòng', en: 'Dissatisfied' } },
    { value: 3, label: { vi: 'Bình thường', en: 'Neither satisfied nor dissatisfied' } },
    { value: 4, label: { vi: 'Hài lòng', en: 'Satisfied' } },
    { value: 5, label: { vi: 'Rất hài lòng', en: 'Very satisfied' } },
    { value: 9, label: { vi: 'Không biết / không trả lời', en: "Don't know / no answer" }, excluded: true },
  ],
};

interface FactorDef {
  factor: string;
  title: TextDef;
  /** the factor as the object of "how satisfied are you with …" */
  subject: TextDef;
  items: TextDef[];
}

/** The administrative-service factors and their criteria (SIPAS method 2017–2021: 4 / 5 / 6 / 3 / 4 = 22). */
export const SERVICE_FACTORS: readonly FactorDef[] = [
  {
    factor: 'f1',
    title: { vi: 'Tiếp cận dịch vụ', en: 'Access to the service' },
    subject: { vi: 'việc tiếp cận dịch vụ', en: 'access to the service' },
    items: [
      {
        vi: 'Nơi ngồi chờ tại Bộ phận Tiếp nhận và Trả kết quả có đủ chỗ ngồi',
        en: 'The waiting area of the one-stop office has enough seats',
      },
      {
        vi: 'Trang thiết bị phục vụ người dân, tổ chức tại Bộ phận Tiếp nhận và Trả kết quả đầy đủ',
        en: 'The one-stop office has enough equipment serving citizens and organisations',
      },
      {
        vi: 'Trang thiết bị phục vụ người dân, tổ chức tại Bộ phận Tiếp nhận và Trả kết quả hiện đại',
        en: 'The equipment of the one-stop office is modern',
      },
      {
        vi: 'Trang thiết bị phục vụ người dân, tổ chức tại Bộ phận Tiếp nhận và Trả kết quả dễ sử dụng',
        en: 'The equipment of the one-stop office is easy to use',
      },
    ],
  },
  {
    factor: 'f2',
    title: { vi: 'Thủ tục hành chính', en: 'Administrative procedure' },
    subject: { vi: 'thủ tục hành chính', en: 'the administrative procedure' },
    items: [
      { vi: 'Thủ tục hành chính được niêm yết công khai đầy đủ', en: 'The procedure is publicly posted in full' },
      { vi: 'Thủ tục hành chính được niêm yết công khai chính xác', en: 'The procedure is publicly posted accurately' },
      {
        vi: 'Thành phần hồ sơ mà Ông/Bà phải nộp là đúng quy định',
        en: 'The documents you had to submit were as prescribed',
      },
      { vi: 'Phí, lệ phí mà Ông/Bà phải nộp là đúng quy định', en: 'The fees and charges you paid were as prescribed' },
      {
        vi: 'Thời hạn giải quyết (tính từ ngày hồ sơ được tiếp nhận đến ngày nhận kết quả) là đúng quy định',
        en: 'The processing time (from the day the dossier was received to the day of the result) was as prescribed',
      },
    ],
  },
  {
    factor: 'f3',
    title: { vi: 'Công chức trực tiếp giải quyết công việc', en: 'The civil servant handling the case' },
    subject: { vi: 'công chức trực tiếp giải quyết công việc', en: 'the civil servant who handled your case' },
    items: [
      { vi: 'Công chức có thái độ giao tiếp lịch sự', en: 'The civil servant was polite' },
      { vi: 'Công chức chú ý lắng nghe ý kiến của Ông/Bà', en: 'The civil servant listened to you attentively' },
      {
        vi: 'Công chức trả lời, giải thích đầy đủ các ý kiến của Ông/Bà',
        en: 'The civil servant answered and explained all your questions fully',
      },
      {
        vi: 'Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo',
        en: 'The civil servant guided you through the forms devotedly and thoroughly',
      },
      { vi: 'Công chức hướng dẫn kê khai hồ sơ dễ hiểu', en: "The civil servant's guidance on the forms was easy to understand" },
      {
        vi: 'Công chức tuân thủ đúng quy định trong giải quyết công việc',
        en: 'The civil servant followed the regulations in handling the case',
      },
    ],
  },
  {
    factor: 'f4',
    title: { vi: 'Kết quả giải quyết công việc', en: 'The result' },
    subject: { vi: 'kết quả giải quyết công việc', en: 'the result of your case' },
    items: [
      { vi: 'Kết quả mà Ông/Bà nhận được đúng quy định', en: 'The result you received was as prescribed' },
      { vi: 'Kết quả mà Ông/Bà nhận được có thông tin đầy đủ', en: 'The result you received had complete information' },
      { vi: 'Kết quả mà Ông/Bà nhận được có thông tin chính xác', en: 'The result you received had accurate information' },
    ],
  },
  {
    factor: 'f5',
    title: {
      vi: 'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị',
      en: 'Receiving and handling feedback, complaints and recommendations',
    },
    subject: {
      vi: 'việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị',
      en: 'how feedback, complaints and recommendations are received and handled',
    },
    items: [
      {
        vi: 'Cơ quan giải quyết công việc có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị',
        en: 'The agency provides a way to receive feedback, complaints and recommendations',
      },
      {
        vi: 'Ông/Bà dễ dàng thực hiện góp ý, phản ánh, kiến nghị',
        en: 'It is easy for you to give feedback, complain or make recommendations',
      },
      {
        vi: 'Cơ quan giải quyết công việc tiếp nhận, xử lý tích cực các góp ý, phản ánh, kiến nghị',
        en: 'The agency receives and handles feedback, complaints and recommendations actively',
      },
      {
        vi: 'Cơ quan giải quyết công việc thông báo kịp thời kết quả xử lý góp ý, phản ánh, kiến nghị',
        en: 'The agency reports the outcome of feedback, complaints and recommendations in good time',
      },
    ],
  },
];

const RATE_HELP: TextDef = {
  vi: 'Ông/Bà hài lòng như thế nào về từng nội dung dưới đây?',
  en: 'How satisfied are you with each of the following?',
};

/**
 * A factor's section: its items (`<factor>_q1`, `<factor>_q2`, …) on the satisfaction scale, then its overall question
 * (`<factor>_overall`). `showIf` applies to every question (e.g. a policy group the respondent does not know).
 */
export function factorSection(
  f: FactorDef & { sectionId?: string; part: 'service' | 'policy'; showIf?: QuestionDef['showIf'] },
  leading: QuestionDef[] = [],
): SectionDef {
  const scale = { kind: 'scale', answerSet: SATISFACTION_SET, factor: f.factor, required: true, ...(f.showIf && { showIf: f.showIf }) } as const;
  return {
    id: f.sectionId ?? f.factor,
    title: f.title,
    help: RATE_HELP,
    factor: f.factor,
    part: f.part,
    questions: [
      ...leading,
      ...f.items.map((label, i): QuestionDef => ({ ...scale, id: `${f.factor}_q${i + 1}`, role: 'item', label })),
      {
        ...scale,
        id: `${f.factor}_overall`,
        role: 'factor_overall',
        label: {
          vi: `Nhìn chung, Ông/Bà hài lòng như thế nào về ${f.subject.vi}?`,
          en: `Overall, how satisfied are you with ${f.subject.en}?`,
        },
      },
    ],
  };
}

/** The three levels of government before 1 July 2025 (province, district, commune): the `gov_level` options. */
export const THREE_LEVELS: readonly { value: string; label: TextDef }[] = [
  { value: 'province', label: { vi: 'Cấp tỉnh', en: 'Province' } },
  { value: 'district', label: { vi: 'Cấp huyện', en: 'District' } },
  { value: 'commune', label: { vi: 'Cấp xã', en: 'Commune' } },
];

/** Two-level local government (from 1 July 2025): province and commune, no district. */
export const TWO_LEVELS: readonly { value: string; label: TextDef }[] = THREE_LEVELS.filter((l) => l.value !== 'district');

/**
 * Level of government, the procedure and how the dossier was submitted (with the online-only follow-up). The levels
 * asked about are the campaign's levels of government (levels are data: the server and the apps read them from here).
 */
export function serviceInfoSectionFor(levels: readonly { value: string; label: TextDef }[]): SectionDef {
  return { ...serviceInfoSection, questions: serviceInfoSection.questions.map((q) => (q.id === 'gov_level' && q.kind === 'single' ? { ...q, options: levels.map((l) => ({ ...l })) } : q)) };
}

/** Level of government (three levels), the procedure and how the dossier was submitted (with the online-only follow-up). */
export const serviceInfoSection: SectionDef = {
  id: 'service_info',
  title: { vi: 'Thông tin về thủ tục hành chính đã thực hiện', en: 'The administrative procedure you carried out' },
  part: 'service',
  questions: [
    {
      id: 'gov_level',
      kind: 'single',
      required: true,
      label: {
        vi: 'Ông/Bà đã thực hiện thủ tục hành chính tại cơ quan cấp nào?',
        en: 'At which level of government did you carry out the procedure?',
      },
      options: THREE_LEVELS.map((l) => ({ ...l })),
    },
    {
      id: 'procedure',
      kind: 'text',
      required: true,
      maxLength: 300,
      label: {
        vi: 'Lĩnh vực hoặc tên thủ tục hành chính Ông/Bà đã thực hiện',
        en: 'Field or name of the administrative procedure you carried out',
      },
      help: { vi: 'Ví dụ: hộ tịch — đăng ký khai sinh', en: 'E.g. civil status — birth registration' },
    },
    {
      id: 'dossier_channel',
      kind: 'single',
      required: true,
      label: { vi: 'Ông/Bà đã nộp hồ sơ bằng hình thức nào?', en: 'How did you submit your dossier?' },
      options: [
        {
          value: 'in_person',
          label: { vi: 'Trực tiếp tại Bộ phận Một cửa', en: 'In person at the one-stop office' },
        },
        { value: 'postal', label: { vi: 'Qua dịch vụ bưu chính công ích', en: 'Through the public postal service' } },
        { value: 'online', label: { vi: 'Trực tuyến', en: 'Online' } },
      ],
    },
    {
      id: 'online_portal',
      kind: 'single',
      required: true,
      showIf: { q: 'dossier_channel', in: ['online'] },
      label: { vi: 'Ông/Bà đã nộp hồ sơ trực tuyến qua đâu?', en: 'Where did you submit your dossier online?' },
      options: [
        { value: 'national_portal', label: { vi: 'Cổng Dịch vụ công quốc gia', en: 'The National Public Service Portal' } },
        {
          value: 'provincial_portal',
          label: {
            vi: 'Hệ thống thông tin giải quyết thủ tục hành chính (Cổng dịch vụ công) của tỉnh',
            en: "The province's administrative procedure information system (public service portal)",
          },
        },
        { value: 'other', label: { vi: 'Khác / không nhớ', en: "Other / don't remember" } },
      ],
    },
  ],
};

/** The five administrative-service factor sections (part `service`). */
export function serviceFactorSections(): SectionDef[] {
  return SERVICE_FACTORS.map((f) => factorSection({ ...f, part: 'service' }));
}

const IMPROVEMENTS: [string, TextDef][] = [
  ['online_services', { vi: 'Mở rộng hình thức cung cấp dịch vụ trực tuyến', en: 'Offer more services online' }],
  ['simplify_procedures', { vi: 'Đơn giản hóa thủ tục hành chính', en: 'Simplify administrative procedures' }],
  ['shorter_time', { vi: 'Rút ngắn thời gian giải quyết thủ tục hành chính', en: 'Shorten processing times' }],
  ['lower_fees', { vi: 'Giảm phí, lệ phí', en: 'Lower fees and charges' }],
  ['staff_attitude', { vi: 'Nâng cao thái độ phục vụ của công chức', en: "Improve civil servants' attitude towards the public" }],
  ['staff_competence', { vi: 'Nâng cao năng lực giải quyết công việc của công chức', en: "Improve civil servants' competence" }],
  [
    'facilities',
    { vi: 'Cải thiện cơ sở vật chất, trang thiết bị nơi tiếp nhận hồ sơ', en: 'Improve the premises and equipment where dossiers are received' },
  ],
  ['transparency', { vi: 'Tăng cường công khai, minh bạch thủ tục hành chính', en: 'More openness and transparency of procedures' }],
  [
    'feedback_handling',
    { vi: 'Tiếp nhận và xử lý kịp thời góp ý, phản ánh, kiến nghị', en: 'Receive and handle feedback and complaints promptly' },
  ],
  ['other', { vi: 'Khác', en: 'Other' }],
];

/** The overall satisfaction with the whole service and the expectations question (up to 3 choices). */
export const overallSection: SectionDef = {
  id: 'overall',
  title: { vi: 'Đánh giá chung và mong muốn', en: 'Overall assessment and expectations' },
  part: 'service',
  questions: [
    {
      id: 'overall',
      kind: 'scale',
      answerSet: SATISFACTION_SET,
      role: 'service_overall',
      required: true,
      label: {
        vi: 'Nhìn chung, Ông/Bà hài lòng như thế nào về sự phục vụ của cơ quan hành chính nhà nước khi giải quyết thủ tục hành chính này?',
        en: 'Overall, how satisfied are you with the service of the state administrative agency in this procedure?',
      },
    },
    {
      id: 'improve',
      kind: 'multi',
      required: true,
      maxChoices: 3,
      label: {
        vi: 'Ông/Bà mong muốn cơ quan hành chính nhà nước cải thiện điều gì? (chọn tối đa 3)',
        en: 'What would you like the state administrative agencies to improve? (choose up to 3)',
      },
      options: IMPROVEMENTS.map(([value, label]) => ({ value, label })),
    },
    {
      id: 'improve_other',
      kind: 'text',
      required: false,
      maxLength: 500,
      showIf: { q: 'improve', in: ['other'] },
      label: { vi: 'Điều khác Ông/Bà mong muốn cải thiện (ghi rõ)', en: 'What else would you like improved? (please specify)' },
    },
  ],
};

/**
 * Demographics. The year of birth must make the respondent 18 or older in the interview year; `maxBirthYear`
 * (the method's last survey year − 18) bounds it when the interview year is not known.
 */
export function respondentSection(maxBirthYear: number): SectionDef {
  return {
    id: 'respondent',
    title: { vi: 'Thông tin về người trả lời', en: 'About the respondent' },
    questions: [
      {
        id: 'gender',
        kind: 'single',
        required: true,
        label: { vi: 'Giới tính', en: 'Gender' },
        options: [
          { value: 'male', label: { vi: 'Nam', en: 'Male' } },
          { value: 'female', label: { vi: 'Nữ', en: 'Female' } },
        ],
      },
      {
        id: 'birth_year',
        kind: 'integer',
        required: true,
        min: 1900,
        max: maxBirthYear,
        birthYearMinAge: 18,
        label: { vi: 'Năm sinh', en: 'Year of birth' },
        help: { vi: 'Người trả lời phải từ 18 tuổi trở lên.', en: 'Respondents must be 18 or older.' },
      },
      {
        id: 'ethnicity',
        kind: 'single',
        required: true,
        label: { vi: 'Dân tộc', en: 'Ethnicity' },
        options: [
          { value: 'kinh', label: { vi: 'Kinh', en: 'Kinh' } },
          { value: 'other', label: { vi: 'Dân tộc khác', en: 'Another ethnic group' } },
        ],
      },
      {
        id: 'ethnicity_other',
        kind: 'text',
        required: true,
        maxLength: 100,
        showIf: { q: 'ethnicity', in: ['other'] },
        label: { vi: 'Dân tộc của Ông/Bà (ghi rõ)', en: 'Your ethnic group (please specify)' },
      },
      {
        id: 'education',
        kind: 'single',
        required: true,
        label: { vi: 'Trình độ học vấn cao nhất', en: 'Highest level of education' },
        options: [
          { value: 'primary_or_less', label: { vi: 'Tiểu học trở xuống', en: 'Primary school or less' } },
          { value: 'lower_secondary', label: { vi: 'Trung học cơ sở', en: 'Lower secondary school' } },
          { value: 'upper_secondary', label: { vi: 'Trung học phổ thông', en: 'Upper secondary school' } },
          { value: 'vocational', label: { vi: 'Trung cấp, cao đẳng', en: 'Vocational school or college' } },
          { value: 'university', label: { vi: 'Đại học', en: 'University' } },
          { value: 'postgraduate', label: { vi: 'Trên đại học', en: 'Postgraduate' } },
        ],
      },
      {
        id: 'occupation',
        kind: 'single',
        required: true,
        label: { vi: 'Nghề nghiệp', en: 'Occupation' },
        options: [
          { value: 'civil_servant', label: { vi: 'Cán bộ, công chức, viên chức', en: 'Official, civil servant or public employee' } },
          { value: 'armed_forces', label: { vi: 'Lực lượng vũ trang', en: 'Armed forces' } },
          { value: 'business_owner', label: { vi: 'Chủ doanh nghiệp, hộ kinh doanh', en: 'Business or household business owner' } },
          { value: 'employee', label: { vi: 'Người làm công, ăn lương', en: 'Employee' } },
          { value: 'farmer', label: { vi: 'Nông, lâm, ngư nghiệp', en: 'Agriculture, forestry or fishery' } },
          { value: 'student', label: { vi: 'Học sinh, sinh viên', en: 'Student' } },
          { value: 'retired', label: { vi: 'Nghỉ hưu', en: 'Retired' } },
          { value: 'homemaker', label: { vi: 'Nội trợ', en: 'Homemaker' } },
          { value: 'unemployed', label: { vi: 'Chưa có việc làm', en: 'Not employed' } },
          { value: 'other', label: { vi: 'Khác', en: 'Other' } },
        ],
      },
    ],
  };
}
