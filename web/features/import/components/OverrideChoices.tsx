import { useTranslation } from 'react-i18next';
import type { OverrideCandidate } from '../../../shared/api/types';
import { Checkbox } from '../../../shared/components/Field';
import { useFormat } from '../../../shared/format/useFormat';

interface OverrideChoicesProps {
  candidates: readonly OverrideCandidate[];
  /** the server's suggestion */
  suggested: readonly string[];
  value: ReadonlySet<string>;
  onChange: (codes: Set<string>) => void;
}

/** Rows whose printed score differs from their children's sum: keep the published score, or use the sum. */
export function OverrideChoices({ candidates, suggested, value, onChange }: OverrideChoicesProps) {
  const { t } = useTranslation();
  const format = useFormat();
  if (candidates.length === 0) return null;

  const toggle = (code: string, checked: boolean) => {
    const next = new Set(value);
    if (checked) next.add(code);
    else next.delete(code);
    onChange(next);
  };

  return (
    <fieldset className="fieldset card stack stack--tight">
      <legend className="field__label">{t('import.overridesTitle')}</legend>
      <p className="muted small">{t('import.overridesHint')}</p>
      {candidates.map((c) => (
        <Checkbox
          key={c.code}
          checked={value.has(c.code)}
          onChange={(event) => toggle(c.code, event.target.checked)}
          label={
            <>
              {t('import.keepStated', {
                code: c.code === 'TOTAL' ? t('import.totalRow') : c.code,
                stated: format.tableScore(c.stated),
                computed: format.tableScore(c.computed),
              })}
              {suggested.includes(c.code) && <span className="muted"> · {t('import.suggested')}</span>}
            </>
          }
        />
      ))}
    </fieldset>
  );
}
