import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { Select, TextInput } from '../../../shared/components/Field';
import { useFormat } from '../../../shared/format/useFormat';
import { roundingAfter, roundingCodes, sameChoice, type PreviewRounding, type RoundingChoice, type RoundingEntry } from './roundingChoice';

const DECIMALS = [0, 1, 2, 3, 4] as const;

interface RoundingChoicesProps {
  rounding: PreviewRounding;
  /** the choice being edited, and the one the preview shown was made with */
  value: RoundingChoice;
  applied: RoundingChoice;
  onChange: (choice: RoundingChoice) => void;
  /** checks the table again with `value` */
  onApply: () => void;
  busy: boolean;
}

/**
 * How the table rounds its parent scores, in plain words (what it shows, the campaign's rounding now, what saving
 * changes), and the analyst's choice: as the table shows, none, or their own decimals per code.
 */
export function RoundingChoices({ rounding, value, applied, onChange, onApply, busy }: RoundingChoicesProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [otherCode, setOtherCode] = useState('');
  const label = (code: string) => (code === 'TOTAL' ? t('import.totalRow') : code);
  const places = (decimals: number | null) =>
    decimals === null ? t('import.rounding.notRounded') : t('import.rounding.places', { count: decimals });
  const list = (entries: readonly RoundingEntry[]) =>
    entries.map((e) => t('import.rounding.entry', { code: label(e.code), places: places(e.decimals) })).join('; ');

  const customEntries = value.mode === 'custom' ? value.entries : roundingAfter(rounding);
  const setDecimals = (code: string, decimals: number | null) =>
    onChange({ mode: 'custom', entries: customEntries.map((e) => (e.code === code ? { code, decimals } : e)) });
  const addCode = () => {
    const code = otherCode.trim();
    if (code === '' || customEntries.some((e) => e.code === code)) return;
    onChange({ mode: 'custom', entries: [...customEntries, { code, decimals: 2 }] });
    setOtherCode('');
  };
  const choose = (mode: RoundingChoice['mode']) =>
    onChange(mode === 'custom' ? { mode, entries: customEntries } : { mode });

  const total = rounding.total;
  // parents printed as their exact sum: one sentence for all of them
  const exact = rounding.evidence.filter((e) => e.verdict === 'exact');
  const current = rounding.current.filter((e) => e.decimals !== null);

  return (
    <fieldset className="fieldset card stack stack--tight" data-testid="import-rounding">
      <legend className="field__label">{t('import.rounding.title')}</legend>
      <ul className="stack stack--tight">
        {rounding.evidence.length === 0 && <li>{t('import.rounding.noEvidence')}</li>}
        {rounding.evidence.filter((e) => e.verdict !== 'exact').map((e) => (
          <li key={e.code}>
            {t(`import.rounding.verdict.${e.verdict}`, {
              code: label(e.code),
              count: e.decimals,
              stated: format.number(e.stated, e.decimals),
              children: format.tableScore(e.children),
              row: e.row,
            })}
          </li>
        ))}
        {exact.length > 0 && (
          <li>
            {t('import.rounding.exactGroup', {
              codes: exact.map((e) => label(e.code)).join(', '),
              code: label(exact[exact.length - 1]!.code),
              stated: format.number(exact[exact.length - 1]!.stated, exact[exact.length - 1]!.decimals),
            })}
          </li>
        )}
        {total?.rounded && (
          <li>
            {t('import.rounding.totalRounded', {
              stated: format.number(total.stated, total.decimals),
              fieldsSum: format.tableScore(total.fieldsSum),
              count: total.decimals,
            })}
          </li>
        )}
      </ul>
      <p className="muted small" data-testid="campaign-rounding">
        {current.length === 0 ? t('import.rounding.currentNone') : t('import.rounding.current', { list: list(current) })}{' '}
        {rounding.proposed.length === 0 ? t('import.rounding.noChange') : t('import.rounding.willChange', { list: list(rounding.proposed) })}
      </p>

      <div role="radiogroup" aria-label={t('import.rounding.choiceLabel')} className="stack stack--tight">
        {(['detected', 'none', 'custom'] as const).map((mode) => (
          <label key={mode} className="checkbox">
            <input type="radio" name="import-rounding" checked={value.mode === mode} onChange={() => choose(mode)} />
            <span>{t(`import.rounding.mode.${mode}`)}</span>
          </label>
        ))}
      </div>

      {value.mode === 'custom' && (
        <div className="stack stack--tight">
          {roundingCodesOf(customEntries, rounding).map((code) => {
            const entry = customEntries.find((e) => e.code === code);
            const id = `rounding-${code}`;
            return (
              <div key={code} className="inline-form">
                <label htmlFor={id}>{t('import.rounding.codeLabel', { code })}</label>{' '}
                <Select
                  id={id}
                  value={entry?.decimals === null || entry === undefined ? '' : String(entry.decimals)}
                  onChange={(event) => setDecimals(code, event.target.value === '' ? null : Number(event.target.value))}
                >
                  <option value="">{t('import.rounding.notRounded')}</option>
                  {DECIMALS.map((d) => (
                    <option key={d} value={String(d)}>{t('import.rounding.places', { count: d })}</option>
                  ))}
                </Select>
              </div>
            );
          })}
          <div className="inline-form">
            <label htmlFor="rounding-other">{t('import.rounding.otherCode')}</label>{' '}
            <TextInput id="rounding-other" value={otherCode} maxLength={20} onChange={(event) => setOtherCode(event.target.value)} />{' '}
            <Button variant="ghost" onClick={addCode} disabled={otherCode.trim() === ''}>
              {t('import.rounding.addCode')}
            </Button>
          </div>
        </div>
      )}

      <div className="actions">
        <Button variant="secondary" busy={busy} disabled={sameChoice(value, applied)} onClick={onApply}>
          {t('import.rounding.apply')}
        </Button>
        {!sameChoice(value, applied) && <span className="muted small">{t('import.rounding.notApplied')}</span>}
      </div>
    </fieldset>
  );
}

/** The codes listed in the custom choice: the table's and campaign's, then any the analyst added. */
function roundingCodesOf(entries: readonly RoundingEntry[], rounding: PreviewRounding): string[] {
  return [...new Set([...roundingCodes(rounding), ...entries.map((e) => e.code)])];
}
