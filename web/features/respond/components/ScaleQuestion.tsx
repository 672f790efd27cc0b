import type { AnswerOption, Question } from '../../../../survey-forms/src';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../shared/format/useFormat';

interface ScaleQuestionProps {
  question: Question;
  number: number;
  options: readonly AnswerOption[];
  value: string | number | undefined;
  onChange: (value: string | number) => void;
  /** "Tiếp" was pressed with this question unanswered */
  missing: boolean;
}

/** One question: its text (and help), then the answers as large radio tiles, "Không biết" set apart. */
export function ScaleQuestion({ question, number, options, value, onChange, missing }: ScaleQuestionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const helpId = question.help ? `help-${question.id}` : undefined;
  const missingId = missing ? `missing-${question.id}` : undefined;
  const describedBy = [helpId, missingId].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset
      className={missing ? 'question question--missing' : 'question'}
      id={`question-${question.id}`}
      aria-describedby={describedBy}
      aria-invalid={missing || undefined}
      tabIndex={-1}
    >
      <legend className="question__label">
        <span className="question__number">{number}.</span> {format.text(question.label)}
      </legend>
      {question.help && (
        <p className="question__help" id={helpId}>
          {format.text(question.help)}
        </p>
      )}
      <div className="scale-options">
        {options.map((option) => {
          const id = `${question.id}-${String(option.value)}`;
          return (
            <label key={id} htmlFor={id} className={option.excluded ? 'scale-option scale-option--excluded' : 'scale-option'}>
              <input id={id} type="radio" name={question.id} value={String(option.value)} checked={value === option.value} onChange={() => onChange(option.value)} />
              <span className="scale-option__text">{format.text(option.label)}</span>
            </label>
          );
        })}
      </div>
      {missing && (
        <p className="question__missing" id={missingId}>
          {t('respond.section.missingOne')}
        </p>
      )}
    </fieldset>
  );
}
