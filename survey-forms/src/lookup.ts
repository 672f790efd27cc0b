// Lookups over a parsed questionnaire: questions in order, options of a question, the scale items of factors.
import type { AnswerOption, Question, Questionnaire, Section, SectionPart, Text } from './types';

export interface PlacedQuestion {
  question: Question;
  section: Section;
}

interface QuestionnaireIndex {
  ordered: readonly PlacedQuestion[];
  byId: ReadonlyMap<string, PlacedQuestion>;
}

// Parsed questionnaires are frozen, so the index of one never goes stale.
const indexes = new WeakMap<Questionnaire, QuestionnaireIndex>();

function indexOf(q: Questionnaire): QuestionnaireIndex {
  let index = indexes.get(q);
  if (!index) {
    const ordered = q.sections.flatMap((section) => section.questions.map((question) => ({ question, section })));
    index = { ordered, byId: new Map(ordered.map((p) => [p.question.id, p])) };
    indexes.set(q, index);
  }
  return index;
}

/** Every question with its section, in the order of the form. */
export function allQuestions(q: Questionnaire): readonly PlacedQuestion[] {
  return indexOf(q).ordered;
}

export function findQuestion(q: Questionnaire, questionId: string): Question | undefined {
  return indexOf(q).byId.get(questionId)?.question;
}

/** The options to render for a scale (its answer set), single or multi question; none for integer and text. */
export function optionsOf(q: Questionnaire, question: Question): readonly AnswerOption[] {
  switch (question.kind) {
    case 'scale':
      return q.answerSets[question.answerSet]?.options ?? [];
    case 'single':
    case 'multi':
      return question.options;
    default:
      return [];
  }
}

/** The option an answer value stands for (with `excluded` and `weight`), if the question has it. */
export function optionFor(q: Questionnaire, questionId: string, value: unknown): AnswerOption | undefined {
  const question = findQuestion(q, questionId);
  return question ? optionsOf(q, question).find((o) => o.value === value) : undefined;
}

export interface ItemRef {
  id: string;
  factor: string;
  label: Text;
  sectionId: string;
  part?: SectionPart;
  criterionCode?: string;
}

/** The scale items of the factors (`role: 'item'`), in form order. */
export function listItems(q: Questionnaire): ItemRef[] {
  const items: ItemRef[] = [];
  for (const { question, section } of allQuestions(q)) {
    if (question.kind !== 'scale' || question.role !== 'item' || question.factor === undefined) continue;
    items.push({
      id: question.id,
      factor: question.factor,
      label: question.label,
      sectionId: section.id,
      ...(section.part && { part: section.part }),
      ...(question.criterionCode && { criterionCode: question.criterionCode }),
    });
  }
  return items;
}

export interface FactorRef {
  factor: string;
  /** title of the section the factor's first question is in */
  title: Text;
  part?: SectionPart;
  /** its item question ids, in order */
  items: string[];
  /** its `factor_overall` question, if any */
  overall?: string;
}

/** The factors with their items and overall question, in form order (what indices are computed over). */
export function listFactors(q: Questionnaire): FactorRef[] {
  const factors = new Map<string, FactorRef>();
  for (const { question, section } of allQuestions(q)) {
    if (question.kind !== 'scale' || question.role === 'service_overall' || question.factor === undefined) continue;
    let ref = factors.get(question.factor);
    if (!ref) {
      ref = { factor: question.factor, title: section.title, ...(section.part && { part: section.part }), items: [] };
      factors.set(question.factor, ref);
    }
    if (question.role === 'item') ref.items.push(question.id);
    else ref.overall = question.id;
  }
  return [...factors.values()];
}

/** The `service_overall` question's id, if the questionnaire has one. */
export function serviceOverallId(q: Questionnaire): string | undefined {
  return allQuestions(q).find((p) => p.question.kind === 'scale' && p.question.role === 'service_overall')?.question.id;
}

/**
 * The scale questions of the SIPAS factors in a fixed order — each factor's items, then its overall question — the
 * layout of `sipas_form.scale_answers` (a typed copy of those answers the database aggregates without reading JSON).
 */
export function scaleAnswerIds(q: Questionnaire): string[] {
  return listFactors(q).flatMap((f) => [...f.items, ...(f.overall !== undefined ? [f.overall] : [])]);
}

