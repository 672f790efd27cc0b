import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

const TABS = [
  { path: 'fieldwork/dashboard', label: 'fieldwork.tabs.dashboard' },
  { path: 'review', label: 'fieldwork.tabs.review' },
  { path: 'rechecks', label: 'fieldwork.tabs.rechecks' },
  { path: 'fieldwork', label: 'fieldwork.tabs.setup' },
] as const;

/** The SIPAS fieldwork screens of one campaign: progress, review, re-check (phúc tra), set-up. */
export function FieldworkTabs({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t('fieldwork.tabs.label')}>
      {TABS.map((tab) => (
        <NavLink key={tab.path} to={`/campaigns/${campaignId}/${tab.path}`} end className="subnav__link">
          {t(tab.label)}
        </NavLink>
      ))}
    </nav>
  );
}
