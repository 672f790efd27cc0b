// survey-forms: questionnaire definitions and the engine shared by the web form and the server
// (skip logic, answer validation, progress). Pure functions, no I/O; runs in the browser and in Node.
export * from './types';
export {
  QuestionnaireSchema,
  QuestionSchema,
  SectionSchema,
  ConditionSchema,
  AnswerOptionSchema,
  AnswerSetSchema,
  SCALE_ROLES,
  SECTION_PARTS,
} from './schema';
export { parseQuestionnaire, safeParseQuestionnaire, QuestionnaireError, type DefinitionProblem, type ParseResult } from './parse';
export {
  allQuestions,
  findQuestion,
  optionsOf,
  optionFor,
  listItems,
  listFactors,
  serviceOverallId,
  scaleAnswerIds,
  type PlacedQuestion,
  type ItemRef,
  type FactorRef,
} from './lookup';
export { answerOf, isAnswered, visibleIds, visibleQuestions, pruneHiddenAnswers } from './skip-logic';
export { validateAnswers } from './validate';
export { govLevels, GOV_LEVEL_QUESTION, type GovLevel } from './levels';
export { questionnaireTitle, withYear, YEAR_PLACEHOLDER } from './campaign-year';
export { progress, settledProgress, type Progress, type ProgressCounts, type SectionProgress, type SettledProgress } from './progress';
export { QUESTIONNAIRES, DEFINITIONS, getQuestionnaire } from './questionnaires';
export { fillAnswers, defaultAnswer, type Chooser } from './fill';
