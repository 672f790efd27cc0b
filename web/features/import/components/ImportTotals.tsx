import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/api/types';
import { useFormat } from '../../../shared/format/useFormat';

/** The table's stated total, the sum of its leaves, and the total with the suggested published scores kept (both also to 4 decimals, as computed scores are printed). */
export function ImportTotals({ preview, selectionChanged }: { preview: ImportPreview; selectionChanged: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="stack stack--tight">
      <div className="stat-grid">
        <div className="stat card">
          <div className="stat__label">{t('import.rowCount')}</div>
          <div className="stat__value">{format.integer(preview.rowCount)}</div>
        </div>
        <div className="stat card">
          <div className="stat__label">{t('import.statedTotal')}</div>
          <div className="stat__value">{format.score(preview.statedTotal)}</div>
        </div>
        <div className="stat card">
          <div className="stat__label">{t('import.totalFromLeaves')}</div>
          <div className="stat__value">{format.score(preview.totalFromLeaves)}</div>
          <div className="muted small" data-testid="total-from-leaves">{t('import.exactFigure', { value: format.tableScore(preview.totalFromLeaves) })}</div>
        </div>
        <div className="stat card">
          <div className="stat__label">{t('import.totalWithChosen')}</div>
          <div className="stat__value">{format.score(preview.totalWithChosen)}</div>
          <div className="muted small" data-testid="total-with-chosen">{t('import.exactFigure', { value: format.tableScore(preview.totalWithChosen) })}</div>
        </div>
      </div>
      {selectionChanged && <p className="muted small">{t('import.selectionChanged')}</p>}
    </div>
  );
}
