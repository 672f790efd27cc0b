import { useTranslation } from 'react-i18next';

/** The display name of a leadership-survey respondent group (hdnd, so, huyen, xa); an unknown code is shown as sent. */
export function useRespondentGroupLabel(): (group: string) => string {
  const { t } = useTranslation();
  return (group) => t(`leadershipGroups.${group}`, { defaultValue: group });
}
