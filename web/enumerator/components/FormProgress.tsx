import { useMemo } from 'react';
import { settledProgress, type Answers, type Questionnaire } from '../../../survey-forms/src/runtime';
import { useI18n } from '../i18n';

/**
 * The form's progress bar: required questions done out of all the questionnaire's required questions — a fixed
 * number, so the count never jumps as skip logic shows questions (README: "Progress"). Questions skipped by the
 * answers count as done, and a line says how many.
 */
export function FormProgress({ q, answers, section, sections }: { q: Questionnaire; answers: Answers; section: number; sections: number }) {
  const i18n = useI18n();
  const p = useMemo(() => settledProgress(q, answers), [q, answers]);
  const pct = Math.round((100 * p.done) / Math.max(1, p.total));
  const label = i18n.t('progressLabel', { done: p.done, total: p.total });
  return (
    <>
      <div className="bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="row-between small muted">
        <span>{i18n.t('sectionOf', { i: section, n: sections })}</span>
        <span data-testid="form-progress">{label}</span>
      </div>
      {p.skipped > 0 && (
        <div className="small muted" data-testid="form-progress-skipped">
          {i18n.t('progressSkipped', { n: p.skipped })}
        </div>
      )}
    </>
  );
}

/** The same count as a percentage (the drafts list on the home screen). */
export function progressPercent(q: Questionnaire, answers: Answers): number {
  const p = settledProgress(q, answers);
  return Math.round((100 * p.done) / Math.max(1, p.total));
}
