// The questionnaire definition format: a plain JSON-serialisable object, checked by `QuestionnaireSchema`
// (shape with zod, then the cross-references: answer sets, skip-logic targets, factors, unique ids).
import { z } from 'zod';

/** A text in both languages of the app. */
export const TextSchema = z.strictObject({
  vi: z.string().trim().min(1),
  en: z.string().trim().min(1),
});

/** Stable ids of questions, sections, answer sets and factors: lower case, digits, `_` (`f1_q1`, `birth_year`). */
const IdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'id: lower-case letters, digits and _ (e.g. f1_q1)');

/** The stored value of an option: a string (`online`) or an integer code (`4`, `9`). */
export const OptionValueSchema = z.union([z.string().min(1), z.int()]);
export type OptionValue = z.infer<typeof OptionValueSchema>;

export const AnswerOptionSchema = z.strictObject({
  value: OptionValueSchema,
  label: TextSchema,
  /** left out of the denominators (e.g. "Không biết / không trả lời") */
  excluded: z.boolean().optional(),
  /** score weight in [0, 1] (leadership survey: Rất tốt 1 … Kém 0) */
  weight: z.number().min(0).max(1).optional(),
});

const OptionsSchema = z.array(AnswerOptionSchema).min(2);

export const AnswerSetSchema = z.strictObject({ options: OptionsSchema });

/** Skip logic: a small JSON expression over the answers of questions defined earlier in the questionnaire. */
export type Condition =
  | { readonly q: string; readonly in: readonly OptionValue[] }
  | { readonly q: string; readonly answered: boolean }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

export const ConditionSchema: z.ZodType<Condition, Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ q: IdSchema, in: z.array(OptionValueSchema).min(1) }),
    z.strictObject({ q: IdSchema, answered: z.boolean() }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

const questionBase = {
  id: IdSchema,
  label: TextSchema,
  help: TextSchema.optional(),
  required: z.boolean(),
  showIf: ConditionSchema.optional(),
  /** the criteria-set leaf this question scores (leadership survey: `2.4.1`) */
  criterionCode: z.string().regex(/^\d+(\.\d+)*$/, 'criterion code like 2.4.1').optional(),
};

export const SCALE_ROLES = ['item', 'factor_overall', 'service_overall'] as const;
export type ScaleRole = (typeof SCALE_ROLES)[number];

const ScaleQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal('scale'),
  /** key of `answerSets` */
  answerSet: IdSchema,
  /** factor id (`f1`, `p3`, `lv2`); required for `item` and `factor_overall` */
  factor: IdSchema.optional(),
  role: z.enum(SCALE_ROLES),
});

const SingleQuestionSchema = z.strictObject({ ...questionBase, kind: z.literal('single'), options: OptionsSchema });

const MultiQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal('multi'),
  options: OptionsSchema,
  maxChoices: z.int().min(1),
});

const IntegerQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal('integer'),
  min: z.int().optional(),
  max: z.int().optional(),
  /** the value is a year of birth: the respondent must be at least this old in the interview year */
  birthYearMinAge: z.int().min(1).optional(),
});

const TextQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal('text'),
  maxLength: z.int().min(1),
});

export const QuestionSchema = z.discriminatedUnion('kind', [
  ScaleQuestionSchema,
  SingleQuestionSchema,
  MultiQuestionSchema,
  IntegerQuestionSchema,
  TextQuestionSchema,
]);

export const SECTION_PARTS = ['service', 'policy'] as const;
export type SectionPart = (typeof SECTION_PARTS)[number];

export const SectionSchema = z.strictObject({
  id: IdSchema,
  title: TextSchema,
  help: TextSchema.optional(),
  /** the factor whose questions this section holds (`f1`) */
  factor: IdSchema.optional(),
  /** SIPAS 2023+: which half of the index the section feeds (SIPAS = mean(policy index, service index)) */
  part: z.enum(SECTION_PARTS).optional(),
  questions: z.array(QuestionSchema).min(1),
});

const QuestionnaireShape = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'questionnaire id like sipas-2017'),
  version: z.int().min(1),
  kind: z.enum(['sipas', 'leadership']),
  title: TextSchema,
  answerSets: z.record(IdSchema, AnswerSetSchema),
  sections: z.array(SectionSchema).min(1),
});

type Shape = z.output<typeof QuestionnaireShape>;
type AnyQuestion = Shape['sections'][number]['questions'][number];
type Options = z.output<typeof OptionsSchema>;
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

function checkOptions(options: Options, path: Path, report: Report): void {
  const seen = new Set<OptionValue>();
  const types = new Set(options.map((o) => typeof o.value));
  if (types.size > 1) report(path, 'option values mix strings and numbers');
  options.forEach((o, i) => {
    if (seen.has(o.value)) report([...path, i, 'value'], `duplicate option value ${JSON.stringify(o.value)}`);
    seen.add(o.value);
    if (o.excluded && o.weight !== undefined) report([...path, i, 'weight'], 'an excluded option has no weight');
  });
  const scored = options.filter((o) => !o.excluded);
  if (scored.some((o) => o.weight !== undefined) && scored.some((o) => o.weight === undefined)) {
    report(path, 'either every non-excluded option has a weight or none has');
  }
}

/** A question a condition refers to, the values it tests (`in`) and where the test is in `showIf`. */
type ConditionRef = { q: string; values?: readonly OptionValue[]; path: Path };

function conditionRefs(c: Condition): ConditionRef[] {
  const walk = (c: Condition, path: Path): ConditionRef[] => {
    if ('all' in c) return c.all.flatMap((x, i) => walk(x, [...path, 'all', i]));
    if ('any' in c) return c.any.flatMap((x, i) => walk(x, [...path, 'any', i]));
    if ('not' in c) return walk(c.not, [...path, 'not']);
    return [{ q: c.q, ...('in' in c && { values: c.in }), path }];
  };
  return walk(c, []);
}

/** The cross-reference rules a well-shaped definition must also follow. */
function checkReferences(def: Shape, report: Report): void {
  for (const [id, set] of Object.entries(def.answerSets)) checkOptions(set.options, ['answerSets', id, 'options'], report);

  const sectionIds = new Set<string>();
  const defined = new Map<string, AnyQuestion>(); // questions seen so far, in definition order
  const criterionCodes = new Set<string>();
  const factorsWithItems = new Set<string>();
  const factorOverall = new Map<string, string>();
  let serviceOverall: string | undefined;

  def.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) report(['sections', s, 'id'], `duplicate section id "${section.id}"`);
    sectionIds.add(section.id);
    section.questions.forEach((question, k) => {
      const at: Path = ['sections', s, 'questions', k];
      const name = `question "${question.id}"`;
      if (defined.has(question.id)) report([...at, 'id'], `duplicate question id "${question.id}"`);
      if (question.criterionCode !== undefined) {
        if (criterionCodes.has(question.criterionCode)) {
          report([...at, 'criterionCode'], `${name}: criterion ${question.criterionCode} already has a question`);
        }
        criterionCodes.add(question.criterionCode);
      }
      if (question.showIf) {
        for (const ref of conditionRefs(question.showIf)) {
          const target = defined.get(ref.q);
          if (!target) {
            report([...at, 'showIf', ...ref.path, 'q'], `${name}: showIf refers to "${ref.q}", which is not a question defined before it`);
            continue;
          }
          const allowed = optionValues(def, target);
          const bad = allowed ? (ref.values ?? []).filter((v) => !allowed.includes(v)) : [];
          if (bad.length > 0) {
            report([...at, 'showIf', ...ref.path, 'in'], `${name}: showIf uses ${JSON.stringify(bad)}, not options of "${ref.q}"`);
          }
        }
      }
      switch (question.kind) {
        case 'scale': {
          if (!answerSetOf(def, question.answerSet)) report([...at, 'answerSet'], `${name}: unknown answer set "${question.answerSet}"`);
          if (question.role !== 'service_overall' && question.factor === undefined) {
            report([...at, 'factor'], `${name}: a scale ${question.role} needs its factor`);
          }
          if (question.factor !== undefined && section.factor !== undefined && question.factor !== section.factor) {
            report([...at, 'factor'], `${name}: factor "${question.factor}" in the section of factor "${section.factor}"`);
          }
          if (question.role === 'item' && question.factor !== undefined) {
            factorsWithItems.add(question.factor);
          } else if (question.role === 'factor_overall' && question.factor !== undefined) {
            const other = factorOverall.get(question.factor);
            if (other) report([...at, 'role'], `${name}: factor "${question.factor}" already has the overall question "${other}"`);
            factorOverall.set(question.factor, question.id);
          } else if (question.role === 'service_overall') {
            if (serviceOverall) report([...at, 'role'], `${name}: the service overall question is already "${serviceOverall}"`);
            serviceOverall = question.id;
          }
          break;
        }
        case 'single':
          checkOptions(question.options, [...at, 'options'], report);
          break;
        case 'multi':
          checkOptions(question.options, [...at, 'options'], report);
          if (question.maxChoices > question.options.length) {
            report([...at, 'maxChoices'], `${name}: maxChoices ${question.maxChoices} > ${question.options.length} options`);
          }
          break;
        case 'integer':
          if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
            report([...at, 'min'], `${name}: min ${question.min} > max ${question.max}`);
          }
          break;
        case 'text':
          break;
      }
      defined.set(question.id, question);
    });
  });
  for (const [factor, id] of factorOverall) {
    if (!factorsWithItems.has(factor)) report(['sections'], `overall question "${id}" of factor "${factor}", which has no items`);
  }
}

/** An answer set by id (own keys only: `constructor` is not an answer set). */
function answerSetOf(def: Shape, id: string): Shape['answerSets'][string] | undefined {
  return Object.hasOwn(def.answerSets, id) ? def.answerSets[id] : undefined;
}

/** The values a question's answer may take, or undefined for free answers (integer, text) and unknown sets. */
function optionValues(def: Shape, question: AnyQuestion): OptionValue[] | undefined {
  switch (question.kind) {
    case 'scale':
      return answerSetOf(def, question.answerSet)?.options.map((o) => o.value);
    case 'single':
    case 'multi':
      return question.options.map((o) => o.value);
    default:
      return undefined;
  }
}

/** The definition format: shape plus cross-references (answer sets, skip logic, factors, unique ids). */
export const QuestionnaireSchema = QuestionnaireShape.superRefine((def, ctx) => {
  checkReferences(def, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
});

/** What a questionnaire module is written as (before parsing). */
export type QuestionnaireDefinition = z.input<typeof QuestionnaireSchema>;
