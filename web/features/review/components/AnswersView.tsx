import { useTranslation } from 'react-i18next';
import {
  allQuestions,
  getQuestionnaire,
  questionnaireTitle,
  optionFor,
  validateAnswers,
  visibleIds,
  type Question,
  type Questionnaire,
  type ValidationIssue,
} from '../../../../survey-forms/src';
import { Badge } from '../../../shared/components/Badge';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';

interface AnswersViewProps {
  questionnaireId: string;
  questionnaireVersion: number;
  answers: Record<string, unknown>;
  /** ISO start of the interview: its year checks the respondent's age */
  startedAt: string | undefined;
  /** the campaign's year, for texts that name it (survey-forms campaign-year.ts) */
  campaignYear?: number;
}

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/**
 * The answers with the questionnaire's own labels (survey-forms), section by section: questions the skip logic
 * hides are left out unless they were answered; each problem the engine finds is shown under its question.
 */
export function AnswersView({ questionnaireId, questionnaireVersion, answers, startedAt, campaignYear }: AnswersViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const q = getQuestionnaire(questionnaireId, questionnaireVersion);

  if (!q) {
    return (
      <div className="stack">
        <Notice tone="warning">{t('review.answers.unknownQuestionnaire', { id: questionnaireId, version: questionnaireVersion })}</Notice>
        <RawAnswers answers={answers} ids={Object.keys(answers)} />
      </div>
    );
  }

  const year = startedAt ? new Date(startedAt).getFullYear() : Number.NaN;
  const issues = validateAnswers(q, answers, Number.isFinite(year) ? { interviewYear: year } : {}).issues;
  const issuesOf = (id: string) => issues.filter((i) => i.questionId === id);
  const shown = visibleIds(q, answers);
  const known = new Set(allQuestions(q).map((p) => p.question.id));
  const unknown = Object.keys(answers).filter((id) => !known.has(id));

  return (
    <div className="stack">
      <p className="muted small">
        {format.text(questionnaireTitle(q, campaignYear))} · <span className="code">{q.id}</span> · {t('review.answers.version', { version: q.version })}
        {issues.length > 0 && (
          <>
            {' · '}
            <Badge tone="danger">{t('review.answers.issueCount', { count: issues.length, n: format.integer(issues.length) })}</Badge>
          </>
        )}
      </p>
      {q.sections.map((section) => {
        const questions = section.questions.filter((question) => shown.has(question.id) || !isEmpty(answers[question.id]));
        if (questions.length === 0) return null;
        return (
          <section key={section.id} className="answers-section">
            <h3 className="answers-section__title">{format.text(section.title)}</h3>
            <dl className="answers">
              {questions.map((question) => (
                <AnswerRow key={question.id} q={q} question={question} value={answers[question.id]} issues={issuesOf(question.id)} hidden={!shown.has(question.id)} />
              ))}
            </dl>
          </section>
        );
      })}
      {unknown.length > 0 && (
        <section className="answers-section">
          <h3 className="answers-section__title">{t('review.answers.unknownQuestions')}</h3>
          <RawAnswers answers={answers} ids={unknown} />
        </section>
      )}
    </div>
  );
}

function AnswerRow({ q, question, value, issues, hidden }: { q: Questionnaire; question: Question; value: unknown; issues: ValidationIssue[]; hidden: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className={issues.length > 0 ? 'answers__row answers__row--issue' : 'answers__row'}>
      <dt>
        <span className="code muted">{question.id}</span> {format.text(question.label)}
        {hidden && (
          <>
            {' '}
            <Badge tone="warning">{t('review.answers.hidden')}</Badge>
          </>
        )}
      </dt>
      <dd>
        <AnswerText q={q} question={question} value={value} />
        {issues.map((issue, i) => (
          <div key={i} className="field__error">
            {format.text(issue.message)}
          </div>
        ))}
      </dd>
    </div>
  );
}

function AnswerText({ q, question, value }: { q: Questionnaire; question: Question; value: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (isEmpty(value)) return <span className="muted">{t('review.answers.notAnswered')}</span>;

  const optionText = (v: unknown) => {
    const option = optionFor(q, question.id, v);
    if (!option) return <span className="code">{JSON.stringify(v)}</span>;
    return (
      <span className={option.excluded ? 'muted' : undefined}>
        {format.text(option.label)} {question.kind === 'scale' && <span className="muted small">({String(option.value)})</span>}
      </span>
    );
  };

  switch (question.kind) {
    case 'scale':
    case 'single':
      return optionText(value);
    case 'multi':
      return Array.isArray(value) ? (
        <ul className="answers__choices">
          {value.map((v, i) => (
            <li key={i}>{optionText(v)}</li>
          ))}
        </ul>
      ) : (
        <span className="code">{JSON.stringify(value)}</span>
      );
    case 'integer':
      // integers here are years of birth and counts: written as typed, without thousands separators
      return <span className="num">{typeof value === 'number' ? String(value) : JSON.stringify(value)}</span>;
    case 'text':
      return <span className="note">{typeof value === 'string' ? value : JSON.stringify(value)}</span>;
    default:
      return <span className="code">{JSON.stringify(value)}</span>;
  }
}

function RawAnswers({ answers, ids }: { answers: Record<string, unknown>; ids: string[] }) {
  return (
    <dl className="answers">
      {ids.map((id) => (
        <div key={id} className="answers__row">
          <dt className="code">{id}</dt>
          <dd className="code note">{JSON.stringify(answers[id])}</dd>
        </div>
      ))}
    </dl>
  );
}
