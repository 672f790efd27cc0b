// Bilingual texts of the validation issues. Each names the question by its id and label.
import type { Question, Questionnaire, Text } from './types';

export type Expected = 'option' | 'options' | 'integer' | 'text';

const EXPECTED: Record<Expected, Text> = {
  option: { vi: 'một phương án trong danh sách', en: 'one of the listed options' },
  options: { vi: 'danh sách các phương án được chọn', en: 'a list of chosen options' },
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  text: { vi: 'một đoạn văn bản', en: 'a text' },
};

function show(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function about(question: Question): Text {
  return {
    vi: `Câu ${question.id} “${question.label.vi}”`,
    en: `Question ${question.id} “${question.label.en}”`,
  };
}

function say(question: Question, vi: string, en: string): Text {
  const who = about(question);
  return { vi: `${who.vi}: ${vi}`, en: `${who.en}: ${en}` };
}

export const messages = {
  required: (question: Question) => say(question, 'chưa được trả lời (câu bắt buộc).', 'an answer is required.'),
  hiddenAnswered: (question: Question) =>
    say(
      question,
      'theo các câu trả lời trước, câu này được bỏ qua nhưng vẫn có câu trả lời.',
      'skipped because of earlier answers, yet it has an answer.',
    ),
  wrongType: (question: Question, expected: Expected, value: unknown) =>
    say(
      question,
      `câu trả lời ${show(value)} không đúng kiểu, cần ${EXPECTED[expected].vi}.`,
      `the answer ${show(value)} has the wrong type; expected ${EXPECTED[expected].en}.`,
    ),
  duplicateChoice: (question: Question, values: unknown[]) =>
    say(
      question,
      `phương án ${values.map(show).join(', ')} được chọn nhiều lần.`,
      `${values.map(show).join(', ')} ${values.length > 1 ? 'are' : 'is'} chosen more than once.`,
    ),
  unknownOption: (question: Question, values: unknown[]) =>
    say(
      question,
      `phương án ${values.map(show).join(', ')} không có trong danh sách lựa chọn.`,
      `${values.map(show).join(', ')} ${values.length > 1 ? 'are' : 'is'} not among the options.`,
    ),
  tooManyChoices: (question: Question, max: number, chosen: number) =>
    say(
      question,
      `chỉ được chọn tối đa ${max} phương án (đã chọn ${chosen}).`,
      `at most ${max} options may be chosen (${chosen} chosen).`,
    ),
  outOfRange: (question: Question, value: number, min: number | undefined, max: number | undefined) => {
    const vi = min !== undefined && max !== undefined ? `từ ${min} đến ${max}` : min !== undefined ? `từ ${min} trở lên` : `không quá ${max}`;
    const en = min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
    return say(question, `giá trị ${value} nằm ngoài khoảng cho phép (${vi}).`, `${value} is out of range (${en}).`);
  },
  tooLong: (question: Question, maxLength: number, length: number) =>
    say(
      question,
      `văn bản dài ${length} ký tự, vượt quá giới hạn ${maxLength} ký tự.`,
      `the text has ${length} characters, more than the limit of ${maxLength}.`,
    ),
  underAge: (question: Question, birthYear: number, interviewYear: number, minAge: number) =>
    say(
      question,
      `người sinh năm ${birthYear} chưa đủ ${minAge} tuổi vào năm khảo sát ${interviewYear}; người trả lời phải từ ${minAge} tuổi trở lên.`,
      `a person born in ${birthYear} is under ${minAge} in the survey year ${interviewYear}; respondents must be ${minAge} or older.`,
    ),
  unknownQuestion: (q: Questionnaire, questionId: string): Text => ({
    vi: `Câu ${show(questionId)} không có trong phiếu ${q.id} (phiên bản ${q.version}).`,
    en: `Question ${show(questionId)} is not part of questionnaire ${q.id} (version ${q.version}).`,
  }),
};
