import { useTranslation } from 'react-i18next';

/** The ▸ / ▾ button in front of a tree row that has children. */
export function TreeToggle({ open, onToggle, label }: { open: boolean; onToggle: () => void; label: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="tree-toggle" aria-expanded={open} onClick={onToggle} title={open ? t('common.collapse') : t('common.expand')}>
      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      <span className="visually-hidden">
        {open ? t('common.collapse') : t('common.expand')} {label}
      </span>
    </button>
  );
}
