// Texts of a questionnaire that name the survey's year hold the placeholder "{year}" (issue 12 item 7: a 2022
// campaign's leadership form said "… năm 2023"). They are filled with the campaign's year wherever they are shown:
// the answering page, the review of answers, the fieldwork plan; a questionnaire is shared by campaigns of several
// years, so its definition never holds the year itself.
import type { Questionnaire, Text } from './types';

export const YEAR_PLACEHOLDER = '{year}';

/** A text with "{year}" replaced by the campaign's year ("…" while the year is not known yet, e.g. loading). */
export function withYear(text: Text, year: number | undefined): Text {
  const fill = (s: string) => s.split(YEAR_PLACEHOLDER).join(year === undefined ? '…' : String(year));
  return { vi: fill(text.vi), en: fill(text.en) };
}

/** The questionnaire's title for a campaign of that year. */
export function questionnaireTitle(q: Pick<Questionnaire, 'title'>, year: number | undefined): Text {
  return withYear(q.title, year);
}
