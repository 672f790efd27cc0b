import { optionsOf, type Question, type Questionnaire, type ValidationIssue } from '../../../survey-forms/src/runtime';
import type { I18n } from '../i18n';

interface Props {
  q: Questionnaire;
  question: Question;
  /** the question's number in the form (fixed: hidden questions keep theirs) */
  number: number;
  value: unknown;
  /** the issues to show now */
  issues: ValidationIssue[];
  i18n: I18n;
  onChange(value: unknown): void;
  onTouched(): void;
}

/** "Câu f1_q1 “…”: chưa được trả lời" → "Chưa được trả lời" (the question is right above the message). */
function shortMessage(i18n: I18n, question: Question, issue: ValidationIssue): string {
  const full = i18n.text(issue.message);
  const prefix = i18n.lang === 'en' ? `Question ${question.id} “${question.label.en}”: ` : `Câu ${question.id} “${question.label.vi}”: `;
  const rest = full.startsWith(prefix) ? full.slice(prefix.length) : full;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** One question: big touch targets (≥ 48 px), inline validation messages. */
export function QuestionField({ q, question, number, value, issues, i18n, onChange, onTouched }: Props) {
  const id = `q-${question.id}`;
  const errorId = `${id}-error`;
  const invalid = issues.length > 0;
  const errors = invalid && (
    <div id={errorId} className="error-text" role="alert">
      {issues.map((issue) => (
        <div key={issue.code}>{shortMessage(i18n, question, issue)}</div>
      ))}
    </div>
  );
  const head = (
    <>
      <span className="qno">{i18n.t('questionNo', { n: String(number) })}</span>
      <span className="qlabel">
        {i18n.text(question.label)}
        {question.required && <span className="req" aria-hidden="true"> *</span>}
      </span>
    </>
  );
  const help = question.help && <p className="muted small">{i18n.text(question.help)}</p>;

  if (question.kind === 'scale' || question.kind === 'single' || question.kind === 'multi') {
    const options = optionsOf(q, question);
    const multi = question.kind === 'multi';
    const chosen: unknown[] = multi ? (Array.isArray(value) ? value : []) : [value];
    const full = multi && chosen.length >= question.maxChoices;
    return (
      <fieldset className={`question ${invalid ? 'question-invalid' : ''}`} data-qid={question.id} data-kind={question.kind} data-invalid={invalid} aria-describedby={invalid ? errorId : undefined}>
        <legend>{head}</legend>
        {help}
        {multi && <p className="muted small">{i18n.t('chooseUpTo', { n: question.maxChoices })}</p>}
        <div className="options">
          {options.map((o) => {
            const on = chosen.includes(o.value);
            return (
              <label key={String(o.value)} className={`option ${on ? 'option-on' : ''} ${o.excluded ? 'option-excluded' : ''}`} data-value={String(o.value)}>
                <input
                  type={multi ? 'checkbox' : 'radio'}
                  name={id}
                  checked={on}
                  disabled={multi && full && !on}
                  onChange={() => {
                    onTouched();
                    if (!multi) onChange(o.value);
                    else onChange(on ? chosen.filter((v) => v !== o.value) : [...chosen, o.value]);
                  }}
                />
                <span>{i18n.text(o.label)}</span>
              </label>
            );
          })}
        </div>
        {errors}
      </fieldset>
    );
  }

  if (question.kind === 'integer') {
    const shown = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
    return (
      <div className={`question ${invalid ? 'question-invalid' : ''}`} data-qid={question.id} data-kind="integer" data-invalid={invalid}>
        <label htmlFor={id} className="qhead">
          {head}
        </label>
        {help}
        <input
          id={id}
          className="input input-number"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={question.birthYearMinAge !== undefined ? i18n.t('yearPlaceholder') : undefined}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          value={shown}
          onBlur={onTouched}
          onChange={(e) => {
            const text = e.target.value.trim();
            onChange(text === '' ? undefined : /^-?\d{1,9}$/.test(text) ? Number(text) : e.target.value);
          }}
        />
        {errors}
      </div>
    );
  }

  const text = typeof value === 'string' ? value : '';
  return (
    <div className={`question ${invalid ? 'question-invalid' : ''}`} data-qid={question.id} data-kind="text" data-invalid={invalid}>
      <label htmlFor={id} className="qhead">
        {head}
      </label>
      {help}
      <textarea
        id={id}
        className="input"
        rows={question.maxLength > 120 ? 3 : 2}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        value={text}
        onBlur={onTouched}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
      <span className="muted small counter">{i18n.t('charsCount', { n: [...text.normalize('NFC')].length, max: question.maxLength })}</span>
      {errors}
    </div>
  );
}
