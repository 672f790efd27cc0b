// Public API of the PAR INDEX engine: pure functions, no I/O (runs in the server, the CLI and the browser).
export * from './types';
export { parseDecimal, roundTo, clean, sum, fmt4, fmt4vi } from './numbers';
export { stripHtml, squash, fold, nameSimilarity } from './text';
export { parseCriteriaCsv, CriteriaFormatError, type CriteriaSetMeta } from './criteria-csv';
export { applyCriteriaRules, type CriteriaRulesJson } from './criteria-rules';
export { buildCriteriaIndex, isLeaf, type CriteriaIndex } from './criteria-index';
export { validateCriteriaSet } from './criteria-validate';
export { readDelimited, type RawRow } from './delimited';
export { roleOf, mapColumns, ROLE_LABELS, type ColumnRole } from './table-headers';
export { parseScoreTable, normalizeCode, TableFormatError } from './table-parse';
export { validateScoreTable, SUM_TOLERANCE } from './table-validate';
export { suggestCodeByName } from './table-suggest';
export { tableToScores, type TableScores } from './table-scores';
export { aggregate, type AggregateOptions } from './aggregate';
export { reconcileOverrides, TOTAL_TOLERANCE, type OverrideCandidate, type Reconciliation } from './reconcile';
export {
  detectTableRounding, printedDecimals, roundingOf, withRounding, type RoundingEvidence, type RoundingMap, type TableRounding,
} from './publication-rounding';
export { scoreTable, KeepStatedError, type TableChoices, type TableScoring } from './table-scoring';
export { applyRule, type Evidence, type RuleResult } from './scoring-rules';
export { bandFor } from './bands';
export { rankUnits, compareWithPrevious, type UnitScore, type RankedUnit, type GroupSummary, type Ranking, type UnitChange } from './ranking';
export { parseUnitsCsv, type UnitsCsvError } from './units-csv';
export { mulberry32, hash32, seededSample } from './random';
export {
  Accumulators, DomainEstimates, estimateDomains, groupDomains, wholeDomain, scaleColumn, valueColumn, binaryColumn, scaleTables, normaliseTerms, isStrided,
  type AnswerColumn, type StridedCodes, type CoreColumn, type Domains, type DomainPlan, type TaylorSums, type DomainFinals,
} from './estimation-core';
export {
  surveyDesign, designFromIndices, domainDesign, designWeights, stratumWeights, kishEffectiveSize, taylorVariance, domainMean, toEstimate, svyMean, bootstrapFactors, replicateVariance,
  DomainMeans, SurveyInputError, Z95, SMALL_N, SUPPRESS_N, SMALL_N_RULES, TAYLOR,
  type SurveyDesign, type DesignInput, type DesignWeights, type PopulationSizes, type DomainMean, type Estimate, type EstimateWarning,
  type VarianceOption, type MeanSpec, type SmallNRules,
} from './survey-design';
export {
  postStratify, rake, trimWeights,
  type PostStratification, type RakeMargin, type RakeOptions, type RakeResult, type TrimOptions, type TrimResult,
} from './survey-weights';
export {
  sipasIndices, sipasOverDomains, sipasWithBreakdown, sipasFromMeans, sipasQuestions, sipasBreakdown, choiceShares, choiceSharesOfColumns, sipasPointsMap, answerColumns, answerCodes, answerGroups, ageBands, satisfiedColumn, SIPAS_SCALE,
  type SipasFactorRef, type SipasScale, type SipasPoints, type SipasOptions, type SipasItemResult, type SipasFactorResult,
  type SipasFactorPoints, type SipasPartResult, type SipasResult, type SipasGroupResult, type SipasQuestion, type SipasMeansSource,
} from './sipas';
export {
  planSipasStats, finishSipasStats, statsShares, type StatsCell, type StatsInput, type StatsSlot, type StatsPlan, type Pass2Cell,
} from './sipas-stats';
export {
  sipasFromCodes, encodeCodes, cellCounts, cellSumsOfSquares, canonicalSets, strideOf, BLANK_CODE, type CodesLayout, type CodesCell, type CodesRequest, type CodesResult,
} from './sipas-codes';
export {
  leadershipScores, leadershipAnswer, DONT_KNOW,
  type LeadershipOption, type LeadershipAnswer, type LeadershipSheet, type LeadershipOptions, type LeadershipItem,
  type LeadershipGroupMean, type LeadershipResult,
} from './leadership';
export { sociologicalPoints, type SociologicalPoints } from './sociological';
export { parseSipasResponses, parsePopulationCsv, parseLeadershipCsv, type CsvProblem, type SipasResponses } from './survey-csv';
