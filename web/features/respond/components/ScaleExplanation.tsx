import { useTranslation } from 'react-i18next';
import type { AnswerOption } from '../../../../survey-forms/src';
import { useFormat } from '../../../shared/format/useFormat';

/** How to answer: the five levels from best to worst, and "Không biết" for what one cannot judge (not scored). */
export function ScaleExplanation({ options }: { options: readonly AnswerOption[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const levels = options.filter((o) => !o.excluded);
  const excluded = options.filter((o) => o.excluded);
  return (
    <div className="scale-help stack stack--tight">
      <p>{t('respond.scale.levels', { count: levels.length })}</p>
      <ol className="scale-help__levels">
        {levels.map((o) => (
          <li key={String(o.value)} className="scale-help__level">
            {format.text(o.label)}
          </li>
        ))}
      </ol>
      {excluded.map((o) => (
        <p key={String(o.value)}>
          <strong>{format.text(o.label)}</strong>: {t('respond.scale.dontKnow')}
        </p>
      ))}
      <p className="muted small">{t('respond.scale.negative')}</p>
    </div>
  );
}
