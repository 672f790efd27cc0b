import { useTranslation } from 'react-i18next';

// Group codes the app knows how to name in both languages (English and Vietnamese slugs);
// any other group is shown as the server spells it.
const KNOWN_GROUPS: Record<string, string> = {
  province: 'province',
  tinh: 'province',
  department: 'department',
  'so-nganh': 'department',
  district: 'district',
  huyen: 'district',
  commune: 'commune',
  xa: 'commune',
};

/** The display name of a ranking group (nhóm đơn vị); null = units without a group. */
export function useGroupLabel(): (group: string | null) => string {
  const { t } = useTranslation();
  return (group) => {
    if (group == null || group === '') return t('groups.none');
    const key = KNOWN_GROUPS[group];
    return key ? t(`groups.${key}`) : group;
  };
}
