import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** "Expand all" / "Collapse all" above a tree table. */
export function ExpandCollapseBar({ onExpandAll, onCollapseAll }: { onExpandAll: () => void; onCollapseAll: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <Button small variant="ghost" onClick={onExpandAll}>
        {t('common.expandAll')}
      </Button>
      <Button small variant="ghost" onClick={onCollapseAll}>
        {t('common.collapseAll')}
      </Button>
    </div>
  );
}
