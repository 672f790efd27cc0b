// Types of a parsed questionnaire (read-only, as `parseQuestionnaire` freezes it) and of the engine's results.
import type { z } from 'zod';
import type { AnswerOptionSchema, QuestionnaireSchema } from './schema';

export type { Condition, OptionValue, QuestionnaireDefinition, ScaleRole, SectionPart } from './schema';

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A text in both languages of the app. */
export interface Text {
  readonly vi: string;
  readonly en: string;
}

export type Questionnaire = DeepReadonly<z.output<typeof QuestionnaireSchema>>;
export type Section = Questionnaire['sections'][number];
export type Question = Section['questions'][number];
export type QuestionKind = Question['kind'];
export type ScaleQuestion = Extract<Question, { kind: 'scale' }>;
export type SingleQuestion = Extract<Question, { kind: 'single' }>;
export type MultiQuestion = Extract<Question, { kind: 'multi' }>;
export type IntegerQuestion = Extract<Question, { kind: 'integer' }>;
export type TextQuestion = Extract<Question, { kind: 'text' }>;
/** An answer option: a stored value and its labels; `excluded` keeps it out of denominators. */
export type AnswerOption = DeepReadonly<z.output<typeof AnswerOptionSchema>>;

/** A versioned questionnaire's identity. */
export interface QuestionnaireRef {
  id: string; // e.g. 'sipas-2017'
  version: number;
}

/** Answers keyed by question id, as stored (JSON): a scale / single value, a list for multi, a number, a string. */
export type Answers = Readonly<Record<string, unknown>>;

export const ISSUE_CODES = [
  'required',
  'out_of_range',
  'unknown_option',
  'too_many_choices',
  'unknown_question',
  'hidden_answered',
  'wrong_type',
  'under_age',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface ValidationIssue {
  questionId: string;
  code: IssueCode;
  message: Text;
}

export interface ValidationResult {
  ok: boolean;
  issues: ValidationIssue[];
}

export interface ValidationContext {
  /** the year of the interview: with it, a year of birth is checked against the question's minimum age */
  interviewYear?: number;
}
