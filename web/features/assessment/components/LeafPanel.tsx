import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/apiError';
import { errorMessage } from '../../../shared/api/errorMessage';
import { Badge } from '../../../shared/components/Badge';
import { Button } from '../../../shared/components/Button';
import { Dialog } from '../../../shared/components/Dialog';
import { Field, TextArea, TextInput } from '../../../shared/components/Field';
import { useFormat } from '../../../shared/format/useFormat';
import { useAppraise, useFinalise, useRespond, useSaveSelf } from '../api/mutations';
import type { EvidenceRef, Phase, SheetNode } from '../api/types';
import { EvidencePanel } from './EvidencePanel';
import { EvidencePreview } from './EvidencePreview';
import { LeafHistory } from './LeafHistory';
import { APPRAISAL_TONE, appraisalKey, ruleInputs } from './labels';

interface Props {
  campaignId: string;
  unitId: string;
  node: SheetNode;
  openNow: Phase[];
  onClose: () => void;
}

/** Parses "1,5" or "1.5" (people type either); null for blank, NaN for nonsense. */
function parseDecimal(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * One criterion of a unit's sheet: what it expects, the unit's score, figures, explanation and evidence; the
 * appraiser's decision; the unit's response; the final score; the history. Each part is editable only by whom and
 * when the server allows (node.can), and a stale version comes back as a clear conflict.
 */
export function LeafPanel({ campaignId, unitId, node, openNow, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const leaf = node.leaf!;
  const inputs = ruleInputs(node.rule);
  const isRule = inputs.length > 0;
  const [score, setScore] = useState(leaf.selfScore == null ? '' : format.score(leaf.selfScore));
  const [figures, setFigures] = useState<Record<string, string>>(Object.fromEntries(inputs.map((k) => [k, String(leaf.selfInputs?.[k === 'rank' ? 'numerator' : k] ?? '')])));
  const [explanation, setExplanation] = useState(leaf.explanation ?? '');
  const [appraised, setAppraised] = useState(leaf.appraisedScore == null ? '' : format.score(leaf.appraisedScore));
  const [comment, setComment] = useState(leaf.appraisalComment ?? '');
  const [response, setResponse] = useState(leaf.responseText ?? '');
  const [finalScore, setFinalScore] = useState(leaf.finalScore == null ? (leaf.appraisedScore == null ? '' : format.score(leaf.appraisedScore)) : format.score(leaf.finalScore));
  const [finalComment, setFinalComment] = useState(leaf.finalComment ?? '');
  const [localError, setLocalError] = useState<string | null>(null);
  const [preview, setPreview] = useState<EvidenceRef | null>(null);
  const saveSelf = useSaveSelf(campaignId, unitId);
  const appraise = useAppraise(campaignId, unitId);
  const respond = useRespond(campaignId, unitId);
  const finalise = useFinalise(campaignId, unitId);
  const failed = saveSelf.error ?? appraise.error ?? respond.error ?? finalise.error;
  const conflict = failed instanceof ApiError && failed.code === 'version_conflict';
  const max = format.score(node.maxPoints);

  /** Checks a score field in the form, before any round trip: a number between 0 and the leaf's maximum. */
  function checkScore(text: string): number | null | undefined {
    const v = parseDecimal(text);
    if (v === null) return null;
    if (Number.isNaN(v) || v < 0 || v > node.maxPoints) {
      setLocalError(t('assessment.leaf.scoreRange', { max }));
      return undefined;
    }
    setLocalError(null);
    return v;
  }

  function onSaveSelf() {
    if (isRule) {
      const values: Record<string, number> = {};
      for (const k of inputs) {
        const v = parseDecimal(figures[k] ?? '');
        if (v === null || Number.isNaN(v) || v < 0) { setLocalError(t('assessment.leaf.figureInvalid', { name: t(`assessment.leaf.input.${k}`, { defaultValue: k }) })); return; }
        values[k === 'rank' ? 'numerator' : k] = v;
      }
      if (values.denominator === 0) { setLocalError(t('assessment.leaf.denominatorZero')); return; }
      setLocalError(null);
      saveSelf.mutate({ code: node.code, update: { version: leaf.version, inputs: values, explanation: explanation || null } });
      return;
    }
    const v = checkScore(score);
    if (v === undefined) return;
    saveSelf.mutate({ code: node.code, update: { version: leaf.version, score: v, explanation: explanation || null } });
  }

  function onAppraise(action: 'agree' | 'score' | 'more_evidence') {
    if (action === 'score') {
      const v = checkScore(appraised);
      if (v == null) { if (v === null) setLocalError(t('assessment.leaf.scoreRange', { max })); return; }
      if (leaf.selfScore != null && v < leaf.selfScore && !comment.trim()) { setLocalError(t('assessment.leaf.commentRequired')); return; }
      appraise.mutate({ code: node.code, update: { version: leaf.version, action, score: v, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      return;
    }
    if (action === 'more_evidence' && !comment.trim()) { setLocalError(t('assessment.leaf.commentRequired')); return; }
    setLocalError(null);
    appraise.mutate({ code: node.code, update: { version: leaf.version, action, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
  }

  function onFinal() {
    const v = checkScore(finalScore);
    if (v == null) { if (v === null) setLocalError(t('assessment.leaf.scoreRange', { max })); return; }
    if (leaf.selfScore != null && v < leaf.selfScore && !finalComment.trim()) { setLocalError(t('assessment.leaf.commentRequired')); return; }
    finalise.mutate({ code: node.code, version: leaf.version, score: v, ...(finalComment.trim() ? { comment: finalComment.trim() } : {}) });
  }

  const saved = saveSelf.isSuccess || appraise.isSuccess || respond.isSuccess || finalise.isSuccess;

  return (
    <Dialog title={`${node.code} · ${node.name}`} onClose={onClose}>
      <div className="stack" data-testid="leaf-panel">
        <dl className="facts">
          <dt>{t('assessment.leaf.max')}</dt><dd className="num">{max}</dd>
          <dt>{t('assessment.leaf.status')}</dt><dd><Badge tone={APPRAISAL_TONE[leaf.appraisalStatus]}>{t(appraisalKey(leaf.appraisalStatus))}</Badge></dd>
        </dl>
        {node.notApplicable && <p className="note">{t('assessment.leaf.notApplicable')}{node.notApplicableReason ? `: ${node.notApplicableReason}` : ''}</p>}
        {(node.evidenceExpected?.length || node.evidenceGuidance) && (
          <div className="note">
            <strong>{node.evidenceRequired ? t('assessment.leaf.evidenceRequired') : t('assessment.leaf.evidenceSuggested')}</strong>
            {node.evidenceExpected?.length ? <ul>{node.evidenceExpected.map((d) => <li key={d}>{d}</li>)}</ul> : null}
            {node.evidenceGuidance && <p className="small">{node.evidenceGuidance}</p>}
          </div>
        )}

        <section className="stack stack--tight">
          <h3>{t('assessment.leaf.selfTitle')}</h3>
          {isRule ? inputs.map((k) => (
            <Field key={k} label={t(`assessment.leaf.input.${k}`, { defaultValue: k })} htmlFor={`in-${k}`}>
              <TextInput id={`in-${k}`} inputMode="decimal" className="input--number" disabled={!node.can.self} value={figures[k] ?? ''}
                onChange={(e) => setFigures({ ...figures, [k]: e.target.value })} />
            </Field>
          )) : (
            <Field label={t('assessment.leaf.selfScore', { max })} htmlFor="self-score">
              <TextInput id="self-score" inputMode="decimal" className="input--number" disabled={!node.can.self} value={score}
                onChange={(e) => setScore(e.target.value)} onBlur={() => { if (score) checkScore(score); }} />
            </Field>
          )}
          {isRule && leaf.selfScore != null && <p className="small">{t('assessment.leaf.computed', { score: format.score(leaf.selfScore), max })}</p>}
          <Field label={t('assessment.leaf.explanation')} htmlFor="explanation" hint={t('assessment.leaf.explanationHint')}>
            <TextArea id="explanation" rows={3} maxLength={4000} disabled={!node.can.self} value={explanation} onChange={(e) => setExplanation(e.target.value)} />
          </Field>
          {node.can.self && <Button variant="primary" busy={saveSelf.isPending} onClick={onSaveSelf}>{t('assessment.leaf.saveSelf')}</Button>}
        </section>

        <EvidencePanel campaignId={campaignId} unitId={unitId} code={node.code} evidence={leaf.evidence}
          editable={node.can.self || node.can.respond} stage={node.can.respond ? 'response' : 'self'} onPreview={setPreview} />

        {(node.can.appraise || leaf.appraisalStatus !== 'pending') && (
          <section className="stack stack--tight">
            <h3>{t('assessment.leaf.appraisalTitle')}</h3>
            {leaf.appraisedScore != null && <p>{t('assessment.leaf.appraisedScore')}: <strong className="num">{format.score(leaf.appraisedScore)}</strong></p>}
            {leaf.appraisalComment && <p className="note">{leaf.appraisalComment}</p>}
            {node.can.appraise && openNow.includes('appraisal') && (
              <>
                <Field label={t('assessment.leaf.appraisedScore')} htmlFor="appraised">
                  <TextInput id="appraised" inputMode="decimal" className="input--number" value={appraised} onChange={(e) => setAppraised(e.target.value)} />
                </Field>
                <Field label={t('assessment.leaf.comment')} htmlFor="comment" hint={t('assessment.leaf.commentHint')}>
                  <TextArea id="comment" rows={3} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} />
                </Field>
                <div className="actions">
                  <Button busy={appraise.isPending} onClick={() => onAppraise('agree')}>{t('assessment.leaf.agree')}</Button>
                  <Button variant="primary" busy={appraise.isPending} onClick={() => onAppraise('score')}>{t('assessment.leaf.setScore')}</Button>
                  <Button busy={appraise.isPending} onClick={() => onAppraise('more_evidence')}>{t('assessment.leaf.moreEvidence')}</Button>
                </div>
              </>
            )}
          </section>
        )}

        {(node.can.respond || leaf.responseText) && (
          <section className="stack stack--tight">
            <h3>{t('assessment.leaf.responseTitle')}</h3>
            {node.can.respond ? (
              <>
                <Field label={t('assessment.leaf.response')} htmlFor="response">
                  <TextArea id="response" rows={3} maxLength={4000} value={response} onChange={(e) => setResponse(e.target.value)} />
                </Field>
                <Button variant="primary" busy={respond.isPending} disabled={!response.trim()}
                  onClick={() => respond.mutate({ code: node.code, version: leaf.version, text: response.trim() })}>{t('assessment.leaf.sendResponse')}</Button>
              </>
            ) : <p className="note">{leaf.responseText}</p>}
          </section>
        )}

        {(node.can.finalise || leaf.finalScore != null) && (
          <section className="stack stack--tight">
            <h3>{t('assessment.leaf.finalTitle')}</h3>
            {node.can.finalise ? (
              <>
                <Field label={t('assessment.leaf.finalScore')} htmlFor="final">
                  <TextInput id="final" inputMode="decimal" className="input--number" value={finalScore} onChange={(e) => setFinalScore(e.target.value)} />
                </Field>
                <Field label={t('assessment.leaf.comment')} htmlFor="final-comment">
                  <TextArea id="final-comment" rows={2} maxLength={4000} value={finalComment} onChange={(e) => setFinalComment(e.target.value)} />
                </Field>
                <Button variant="primary" busy={finalise.isPending} onClick={onFinal}>{t('assessment.leaf.saveFinal')}</Button>
              </>
            ) : <p><strong className="num">{format.score(leaf.finalScore)}</strong>{leaf.finalComment ? ` — ${leaf.finalComment}` : ''}</p>}
          </section>
        )}

        {localError && <p className="field__error" role="alert">{localError}</p>}
        {failed && !localError && (
          <p className="field__error" role="alert">{conflict ? t('assessment.leaf.conflict') : errorMessage(failed, t, i18n.language)}</p>
        )}
        {saved && !failed && <p className="count--good" role="status">{t('assessment.leaf.saved')}</p>}
        <LeafHistory campaignId={campaignId} unitId={unitId} code={node.code} />
      </div>
      {preview && <EvidencePreview doc={preview} onClose={() => setPreview(null)} />}
    </Dialog>
  );
}
