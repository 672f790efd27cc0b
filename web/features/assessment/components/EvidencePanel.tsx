import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/errorMessage';
import { Button } from '../../../shared/components/Button';
import { Field, Select, TextInput } from '../../../shared/components/Field';
import { useFormat } from '../../../shared/format/useFormat';
import { useLinkEvidence, useUnlinkEvidence } from '../api/mutations';
import { evidenceContentPath } from '../api/paths';
import { useEvidenceDocuments } from '../api/queries';
import type { EvidenceRef } from '../api/types';
import { uploadEvidence } from '../api/uploadEvidence';
import { useQueryClient } from '@tanstack/react-query';
import { assessmentKeys } from '../api/paths';
import { SignatureBadge } from './SignatureBadge';

interface Props {
  campaignId: string;
  unitId: string;
  code: string;
  evidence: EvidenceRef[];
  /** officers may add and remove while their phase is open */
  editable: boolean;
  stage: 'self' | 'response';
  onPreview: (ref: EvidenceRef) => void;
}

type Upload = { name: string; fraction: number; error?: string; done?: boolean };

/** A leaf's evidence documents: open / preview, upload several files with progress, attach an already uploaded one. */
export function EvidencePanel({ campaignId, unitId, code, evidence, editable, stage, onPreview }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [pointer, setPointer] = useState('');
  const [attachId, setAttachId] = useState('');
  const documents = useEvidenceDocuments(campaignId, unitId);
  const link = useLinkEvidence(campaignId, unitId);
  const unlink = useUnlinkEvidence(campaignId, unitId);
  const linked = new Set(evidence.map((e) => e.documentId));
  const others = (documents.data?.documents ?? []).filter((d) => !linked.has(d.id));

  async function uploadAll(files: FileList) {
    const list = [...files];
    setUploads(list.map((f) => ({ name: f.name, fraction: 0 })));
    // several at once, as the issue asks; the browser caps parallel requests per host anyway
    await Promise.all(list.map(async (file, i) => {
      try {
        await uploadEvidence({ campaignId, unitId, criterionCode: code, pointer: pointer || undefined, stage }, file,
          (fraction) => setUploads((u) => u.map((x, j) => (j === i ? { ...x, fraction } : x))));
        setUploads((u) => u.map((x, j) => (j === i ? { ...x, fraction: 1, done: true } : x)));
      } catch (err) {
        setUploads((u) => u.map((x, j) => (j === i ? { ...x, error: errorMessage(err, t, i18n.language) } : x)));
      }
    }));
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.campaign(campaignId) });
    if (input.current) input.current.value = '';
  }

  return (
    <div className="stack stack--tight" data-testid="evidence-panel">
      <strong>{t('assessment.evidence.title')}</strong>
      {evidence.length === 0 ? <p className="muted small">{t('assessment.evidence.none')}</p> : (
        <ul className="plain-list">
          {evidence.map((e) => (
            <li key={e.linkId} className="tree-list__row" style={{ flexWrap: 'wrap' }}>
              <button type="button" className="link-button" onClick={() => onPreview(e)}>{e.filename}</button>{' '}
              <SignatureBadge filename={e.filename} signature={e.signature} />
              <span className="muted small"> · {format.number(e.size / 1_048_576, 2)} MB{e.pointer ? ` · ${e.pointer}` : ''}{e.stage === 'response' ? ` · ${t('assessment.evidence.response')}` : ''}</span>{' '}
              <a className="small" href={evidenceContentPath(e.documentId, true)}>{t('assessment.evidence.download')}</a>{' '}
              {editable && (
                <Button small variant="ghost" busy={unlink.isPending} onClick={() => unlink.mutate(e.linkId)}>{t('assessment.evidence.detach')}</Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="stack stack--tight">
          <Field label={t('assessment.evidence.pointer')} htmlFor={`pointer-${code}`} hint={t('assessment.evidence.pointerHint')}>
            <TextInput id={`pointer-${code}`} value={pointer} maxLength={300} onChange={(e) => setPointer(e.target.value)} />
          </Field>
          <Field label={t('assessment.evidence.upload')} htmlFor={`files-${code}`} hint={t('assessment.evidence.uploadHint')}>
            <input id={`files-${code}`} ref={input} type="file" multiple
              accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png"
              onChange={(e) => { if (e.target.files?.length) void uploadAll(e.target.files); }} />
          </Field>
          {uploads.map((u) => (
            <div key={u.name} className="small">
              {u.name}{' '}
              {u.error ? <span className="field__error" role="alert">{u.error}</span>
                : <progress max={1} value={u.fraction} aria-label={u.name}>{format.percent(u.fraction * 100)}</progress>}
              {u.done && <span className="count--good"> ✓</span>}
            </div>
          ))}
          {others.length > 0 && (
            <div className="inline-form">
              <Field label={t('assessment.evidence.attachExisting')} htmlFor={`attach-${code}`}>
                <Select id={`attach-${code}`} value={attachId} onChange={(e) => setAttachId(e.target.value)}>
                  <option value="">—</option>
                  {others.map((d) => <option key={d.id} value={d.id}>{d.filename}</option>)}
                </Select>
              </Field>
              <Button small disabled={!attachId} busy={link.isPending}
                onClick={() => link.mutate({ documentId: attachId, criterionCode: code, pointer: pointer || undefined, stage }, { onSuccess: () => setAttachId('') })}>
                {t('assessment.evidence.attach')}
              </Button>
            </div>
          )}
          {(link.error || unlink.error) && <p className="field__error" role="alert">{errorMessage(link.error ?? unlink.error, t, i18n.language)}</p>}
        </div>
      )}
    </div>
  );
}
