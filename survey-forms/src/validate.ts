// Answer validation: the same rules in the web form (as the respondent types) and on the server (on submission).
import { allQuestions, findQuestion, optionsOf } from './lookup';
import { messages } from './messages';
import { answerOf, holds, isAnswered } from './skip-logic';
import type {
  AnswerOption,
  Answers,
  IssueCode,
  Question,
  Questionnaire,
  Text,
  ValidationContext,
  ValidationIssue,
  ValidationResult,
} from './types';

type Found = { code: IssueCode; message: Text };

/** A value of the options' type (all options of a list share it, which the definition schema checks). */
function sameType(value: unknown, options: readonly AnswerOption[]): boolean {
  return typeof value === typeof options[0]?.value;
}

function checkChoice(question: Question, options: readonly AnswerOption[], value: unknown): Found[] {
  if (!sameType(value, options)) return [{ code: 'wrong_type', message: messages.wrongType(question, 'option', value) }];
  if (!options.some((o) => o.value === value)) {
    return [{ code: 'unknown_option', message: messages.unknownOption(question, [value]) }];
  }
  return [];
}

function checkChoices(question: Question, options: readonly AnswerOption[], value: unknown, maxChoices: number): Found[] {
  if (!Array.isArray(value) || !value.every((v) => sameType(v, options))) {
    return [{ code: 'wrong_type', message: messages.wrongType(question, 'options', value) }];
  }
  const found: Found[] = [];
  const repeated = value.filter((v, i) => value.indexOf(v) !== i);
  if (repeated.length > 0) found.push({ code: 'wrong_type', message: messages.duplicateChoice(question, [...new Set(repeated)]) });
  const unknown = value.filter((v) => !options.some((o) => o.value === v));
  if (unknown.length > 0) found.push({ code: 'unknown_option', message: messages.unknownOption(question, unknown) });
  const chosen = new Set(value).size;
  if (chosen > maxChoices) found.push({ code: 'too_many_choices', message: messages.tooManyChoices(question, maxChoices, chosen) });
  return found;
}

function checkValue(q: Questionnaire, question: Question, value: unknown, ctx: ValidationContext): Found[] {
  switch (question.kind) {
    case 'scale':
    case 'single':
      return checkChoice(question, optionsOf(q, question), value);
    case 'multi':
      return checkChoices(question, question.options, value, question.maxChoices);
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return [{ code: 'wrong_type', message: messages.wrongType(question, 'integer', value) }];
      }
      const { min, max, birthYearMinAge } = question;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return [{ code: 'out_of_range', message: messages.outOfRange(question, value, min, max) }];
      }
      // Age in the interview year = interview year − year of birth (the forms ask for the year only).
      const year = ctx.interviewYear;
      if (birthYearMinAge !== undefined && year !== undefined && year - value < birthYearMinAge) {
        return [{ code: 'under_age', message: messages.underAge(question, value, year, birthYearMinAge) }];
      }
      return [];
    }
    case 'text': {
      if (typeof value !== 'string') return [{ code: 'wrong_type', message: messages.wrongType(question, 'text', value) }];
      const length = [...value.normalize('NFC')].length;
      return length > question.maxLength ? [{ code: 'out_of_range', message: messages.tooLong(question, question.maxLength, length) }] : [];
    }
  }
}

/** A question as the validator walks it: its choice options as a set (of the options' one type), looked up once. */
interface Step {
  question: Question;
  /** scale and single questions: the option values and their type, for the check without a list scan */
  choice: { values: ReadonlySet<unknown>; type: string } | null;
}

// Parsed questionnaires are frozen: the steps of one are worked out once (issue 10: validation ran per form).
const compiled = new WeakMap<Questionnaire, readonly Step[]>();

function stepsOf(q: Questionnaire): readonly Step[] {
  let steps = compiled.get(q);
  if (!steps) {
    steps = allQuestions(q).map(({ question }): Step => {
      if (question.kind !== 'scale' && question.kind !== 'single') return { question, choice: null };
      const options = optionsOf(q, question);
      return { question, choice: { values: new Set(options.map((o) => o.value)), type: typeof options[0]?.value } };
    });
    compiled.set(q, steps);
  }
  return steps;
}

/**
 * Checks answers against a questionnaire: required questions that are shown, option values and their type,
 * ranges, the number of choices, the minimum age in the interview year (`ctx.interviewYear`; without it the age is
 * not checked), answers to hidden questions and to questions the questionnaire does not have.
 * `ok` is true when there is no issue at all. Issues follow the form's order; unknown questions come last.
 * One pass in form order: conditions only refer to earlier questions, so visibility is known when a question is
 * reached (the same sets as visibleIds); a valid option answer is checked without building anything.
 */
export function validateAnswers(q: Questionnaire, answers: Answers, ctx: ValidationContext = {}): ValidationResult {
  const visible = new Set<string>();
  const issues: ValidationIssue[] = [];
  const add = (questionId: string, found: readonly Found[]) => {
    for (const f of found) issues.push({ questionId, ...f });
  };
  for (const { question, choice } of stepsOf(q)) {
    const shown = !question.showIf || holds(question.showIf, answers, visible);
    if (shown) visible.add(question.id);
    const value = answerOf(answers, question.id);
    if (!isAnswered(value)) {
      if (shown && question.required) add(question.id, [{ code: 'required', message: messages.required(question) }]);
    } else if (!shown) {
      add(question.id, [{ code: 'hidden_answered', message: messages.hiddenAnswered(question) }]);
    } else if (choice) {
      if (typeof value !== choice.type || !choice.values.has(value)) add(question.id, checkChoice(question, optionsOf(q, question), value));
    } else {
      add(question.id, checkValue(q, question, value, ctx));
    }
  }
  for (const key of Object.keys(answers)) {
    if (!findQuestion(q, key)) issues.push({ questionId: key, code: 'unknown_question', message: messages.unknownQuestion(q, key) });
  }
  return { ok: issues.length === 0, issues };
}
