import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../shared/components/Dialog';
import { evidenceContentPath } from '../api/paths';
import type { EvidenceRef } from '../api/types';

/** A document shown in the browser: PDFs and images inline, other types as a download link. */
export function EvidencePreview({ doc, onClose }: { doc: EvidenceRef; onClose: () => void }) {
  const { t } = useTranslation();
  const src = evidenceContentPath(doc.documentId);
  return (
    <Dialog title={doc.filename} onClose={onClose}>
      {doc.mediaType === 'application/pdf' ? (
        <iframe title={doc.filename} src={src} style={{ width: '100%', height: '70vh', border: 0 }} />
      ) : doc.mediaType.startsWith('image/') ? (
        <img src={src} alt={doc.filename} style={{ maxWidth: '100%' }} />
      ) : (
        <p>{t('assessment.evidence.noPreview')} <a href={evidenceContentPath(doc.documentId, true)}>{t('assessment.evidence.download')}</a></p>
      )}
      {doc.pointer && <p className="muted small">{t('assessment.evidence.pointer')}: {doc.pointer}</p>}
    </Dialog>
  );
}
