import { useTranslation } from 'react-i18next';
import type { GovLevel } from '../../../shared/api/types';
import { useFormat } from '../../../shared/format/useFormat';

/** A level of government by its value, labelled by the campaign's questionnaire ("Cấp xã"), else by the locale. */
export function useLevelLabel(levels: readonly GovLevel[]): (level: string) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (level: string) => {
    const found = levels.find((l) => l.value === level);
    return found ? format.text(found.label) : t(`fieldwork.level.${level}`, { defaultValue: level });
  };
}
