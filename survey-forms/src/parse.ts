// Reading a definition (a TS module's object, or JSON from the database) into a frozen, checked questionnaire.
import type { z } from 'zod';
import { QuestionnaireSchema } from './schema';
import type { Questionnaire } from './types';

export interface DefinitionProblem {
  /** where, e.g. `sections[2].questions[0].answerSet` */
  path: string;
  message: string;
}

/** Thrown by `parseQuestionnaire`; `problems` lists every rule the definition breaks, with its path. */
export class QuestionnaireError extends Error {
  constructor(
    readonly problems: DefinitionProblem[],
    id?: string,
  ) {
    const head = `Invalid questionnaire definition${id ? ` "${id}"` : ''}`;
    super(`${head}:\n${problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
    this.name = 'QuestionnaireError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

function problemsOf(error: z.ZodError): DefinitionProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export type ParseResult = { ok: true; questionnaire: Questionnaire } | { ok: false; problems: DefinitionProblem[] };

/** Checks a definition without throwing (e.g. an uploaded JSON). */
export function safeParseQuestionnaire(json: unknown): ParseResult {
  const result = QuestionnaireSchema.safeParse(json);
  if (!result.success) return { ok: false, problems: problemsOf(result.error) };
  return { ok: true, questionnaire: deepFreeze(result.data) };
}

/** Checks a definition and returns it frozen; throws `QuestionnaireError` listing every problem with its path. */
export function parseQuestionnaire(json: unknown): Questionnaire {
  const result = safeParseQuestionnaire(json);
  if (!result.ok) {
    const id = typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'string' ? json.id : undefined;
    throw new QuestionnaireError(result.problems, id);
  }
  return result.questionnaire;
}
