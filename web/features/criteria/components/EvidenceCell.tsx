import { useTranslation } from 'react-i18next';
import type { CriterionDef } from '../../../shared/api/types';
import { Badge } from '../../../shared/components/Badge';

/** A leaf's evidence requirements: required or not, the documents expected, the guidance. */
export function EvidenceCell({ evidence }: { evidence: CriterionDef['evidence'] }) {
  const { t } = useTranslation();
  if (!evidence) return null;
  return (
    <div className="stack stack--tight">
      <div>
        <Badge tone={evidence.required ? 'warning' : 'neutral'}>
          {evidence.required ? t('criteriaSets.evidence.required') : t('criteriaSets.evidence.optional')}
        </Badge>
      </div>
      {evidence.expected.length > 0 && (
        <ul className="small">
          {evidence.expected.map((doc) => (
            <li key={doc}>{doc}</li>
          ))}
        </ul>
      )}
      {evidence.guidance && <div className="small muted">{evidence.guidance}</div>}
    </div>
  );
}
