import { useTranslation } from 'react-i18next';

export type FinalState = 'unknown' | 'expired' | 'answered' | 'thanks';

const TONES: Record<FinalState, string> = { unknown: 'warning', expired: 'info', answered: 'info', thanks: 'success' };

/** The pages that end a visit: unknown link, survey closed, already answered, thank you. */
export function StatusScreen({ state }: { state: FinalState }) {
  const { t } = useTranslation();
  return (
    <section className={`respond-status respond-status--${TONES[state]} card stack`} aria-labelledby="respond-status-title" data-testid={`respond-${state}`}>
      <span className="respond-status__icon" aria-hidden="true">
        {state === 'thanks' || state === 'answered' ? '✓' : state === 'expired' ? '⏱' : '!'}
      </span>
      <h1 id="respond-status-title" tabIndex={-1}>
        {t(`respond.final.${state}.title`)}
      </h1>
      <p>{t(`respond.final.${state}.body`)}</p>
      {state !== 'unknown' && <p className="muted small">{t('respond.final.closeTab')}</p>}
    </section>
  );
}
