// Shared questionnaire types. The SIPAS and leadership questionnaires build on these.

/** An answer option of a question: a stored value and its labels in both languages. */
export interface AnswerOption {
  value: string;
  label: { vi: string; en: string };
  /** excluded from denominators (e.g. "không biết / không trả lời") */
  excluded?: boolean;
}

/** A versioned questionnaire's identity. */
export interface QuestionnaireRef {
  id: string; // e.g. 'sipas-2017'
  version: number;
}
