import { useTranslation } from 'react-i18next';
import type { Source } from '../api/types';
import { Badge, type BadgeTone } from './Badge';

const TONES: Record<Source, BadgeTone> = { content: 'info', leadership_survey: 'accent', sipas: 'success' };

/** Where a leaf's points come from: Nội dung thẩm định / Điều tra lãnh đạo, quản lý / SIPAS. */
export function SourceBadge({ source }: { source: Source | null }) {
  const { t } = useTranslation();
  if (!source) return null;
  return <Badge tone={TONES[source]}>{t(`source.${source}`)}</Badge>;
}
