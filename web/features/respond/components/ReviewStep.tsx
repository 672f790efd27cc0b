import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { optionFor, type Questionnaire } from '../../../../survey-forms/src';
import { Button } from '../../../shared/components/Button';
import { useFormat } from '../../../shared/format/useFormat';

interface ReviewStepProps {
  questionnaire: Questionnaire;
  answers: Readonly<Record<string, string | number>>;
  numbers: ReadonlyMap<string, number>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onEdit: (sectionIndex: number) => void;
}

/** Every answer by field, each field with a "Sửa" button, before sending. */
export function ReviewStep({ questionnaire, answers, numbers, headingRef, onEdit }: ReviewStepProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="stack" aria-labelledby="review-title">
      <div className="card stack stack--tight">
        <h1 id="review-title" ref={headingRef} tabIndex={-1}>
          {t('respond.review.title')}
        </h1>
        <p>{t('respond.review.hint')}</p>
      </div>
      {questionnaire.sections.map((section, index) => (
        <section key={section.id} className="card stack stack--tight" aria-labelledby={`review-${section.id}`}>
          <div className="section-head">
            <h2 id={`review-${section.id}`} className="review__title">
              {format.text(section.title)}
            </h2>
            <Button small onClick={() => onEdit(index)} aria-label={t('respond.review.editNamed', { section: format.text(section.title) })}>
              {t('respond.review.edit')}
            </Button>
          </div>
          <dl className="review-list">
            {section.questions.map((q) => {
              const option = optionFor(questionnaire, q.id, answers[q.id]);
              return (
                <div key={q.id} className="review-list__row">
                  <dt>
                    {numbers.get(q.id)}. {format.text(q.label)}
                  </dt>
                  <dd className={option ? (option.excluded ? 'review-list__answer review-list__answer--excluded' : 'review-list__answer') : 'review-list__answer review-list__answer--missing'}>
                    {option ? format.text(option.label) : t('respond.review.notAnswered')}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </section>
  );
}
