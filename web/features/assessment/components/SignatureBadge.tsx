import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../shared/components/Badge';
import { useFormat } from '../../../shared/format/useFormat';
import type { EvidenceRef } from '../api/types';

// The signature check of one evidence document (issue 13): a badge with its status, and on click the details —
// every signature's signer, organisation, issuer, signing time, certificate validity, whether the signed content is
// unchanged, whether the signature matches, whether the chain reaches a trusted root, and why not.

export type SignatureView = EvidenceRef['signature'];
type Status = SignatureView['status'];

export const SIGNATURE_TONE: Record<Status, BadgeTone> = {
  signed_valid_trusted: 'success', signed_valid_untrusted: 'info', changed_after_signing: 'warning', invalid: 'danger',
  not_signed: 'neutral', not_applicable: 'neutral', error: 'danger', not_checked: 'neutral',
};

export function SignatureBadge({ filename, signature }: { filename: string; signature: SignatureView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const id = useId();
  const yesNo = (ok: boolean, yes: string, no: string) => <span className={ok ? 'count--good' : 'field__error'}>{t(ok ? yes : no)}</span>;
  return (
    <>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}
        data-testid="signature-badge" data-status={signature.status} title={t('assessment.signature.detailsOf', { name: filename })}>
        <Badge tone={SIGNATURE_TONE[signature.status]}>{t(`assessment.signature.badge.${signature.status}`)}</Badge>
      </button>
      {open && (
        <div id={id} role="region" aria-label={t('assessment.signature.detailsOf', { name: filename })} className="card stack stack--tight small" style={{ flexBasis: '100%', order: 1 }} data-testid="signature-details">
          {signature.status === 'not_applicable' && <p>{t('assessment.signature.notApplicable')}</p>}
          {signature.status === 'not_signed' && <p>{t('assessment.signature.notSigned')}</p>}
          {signature.status === 'not_checked' && <p>{t('assessment.signature.notChecked')}</p>}
          {signature.problems.map((p) => <p key={p.code} className={signature.status === 'error' || p.code === 'changed_after_signing' ? 'field__error' : undefined}>{format.text(p)}</p>)}
          {signature.signatures.map((s, i) => (
            <dl key={i} className="stack stack--tight">
              {signature.signatures.length > 1 && <dt><strong>{t('assessment.signature.signatureN', { n: i + 1 })}</strong></dt>}
              <dd>{t('assessment.signature.signer')}: <strong>{s.signerName ?? t('assessment.signature.unknown')}</strong></dd>
              {s.signerOrganization && <dd>{t('assessment.signature.organization')}: {s.signerOrganization}</dd>}
              {s.issuer && <dd>{t('assessment.signature.issuer')}: {s.issuer}</dd>}
              <dd>
                {t('assessment.signature.signingTime')}: {s.signingTime ? `${format.dateTime(s.signingTime)} (${t(s.signingTimeSource === 'timestamp' ? 'assessment.signature.fromTimestamp' : 'assessment.signature.fromSignedAttribute')})` : t('assessment.signature.unknown')}
              </dd>
              {s.certificateNotBefore && s.certificateNotAfter && (
                <dd>{t('assessment.signature.certificateValidity')}: {format.dateTime(s.certificateNotBefore)} – {format.dateTime(s.certificateNotAfter)}</dd>
              )}
              {s.signerName !== null && (
                <>
                  <dd>{t('assessment.signature.intact')}: {yesNo(s.intact, 'assessment.signature.intactYes', 'assessment.signature.intactNo')}</dd>
                  <dd>{t('assessment.signature.verified')}: {yesNo(s.signatureVerified, 'assessment.signature.verifiedYes', 'assessment.signature.verifiedNo')}</dd>
                  <dd>{t('assessment.signature.validAtSigning')}: {yesNo(s.certificateValidAtSigning, 'assessment.signature.validYes', 'assessment.signature.validNo')}</dd>
                  <dd>{t('assessment.signature.trust')}: {yesNo(s.trusted, 'assessment.signature.trustYes', 'assessment.signature.trustNo')}</dd>
                </>
              )}
              {!s.coversWholeFile && s.valid && <dd className="muted">{t('assessment.signature.earlierRevision')}</dd>}
              {s.problems.map((p) => <dd key={p.code} className={s.valid ? 'muted' : 'field__error'}>{format.text(p)}</dd>)}
            </dl>
          ))}
          {signature.checkedAt && <p className="muted">{t('assessment.signature.checkedAt', { at: format.dateTime(signature.checkedAt) })}</p>}
        </div>
      )}
    </>
  );
}
