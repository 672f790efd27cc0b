import { useEffect, useMemo, useRef, useState } from 'react';
import { allQuestions, validateAnswers, visibleIds, type ValidationIssue } from '../../../survey-forms/src/runtime';
import type { SessionUser } from '../api';
import { db, type DraftRow } from '../db';
import { applyAnswer, finishDraft, interviewYear, questionnaireOf, recordPosition, writeAnswers } from '../forms';
import { useI18n } from '../i18n';
import { useLive } from '../live';
import { requestSync } from '../sync';
import { go, setFlash } from '../navigation';
import { namesOf } from '../names';
import { FormProgress } from './FormProgress';
import { QuestionField } from './QuestionField';

interface Props {
  clientUuid: string;
  user: SessionUser;
}

/**
 * One section per screen. Every change is written to IndexedDB at once (a phone may die any moment); answers of
 * questions that skip logic hides are dropped; "Tiếp" and "Hoàn thành" show what is missing or wrong.
 */
export function FormScreen({ clientUuid }: Props) {
  const i18n = useI18n();
  const [draft, setDraft] = useState<DraftRow | null | undefined>(undefined);
  const answersRef = useRef<Record<string, unknown>>({});
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [sectionIndex, setSectionIndex] = useState(0);
  /** sections where "Tiếp"/"Hoàn thành" was pressed: their missing answers are shown */
  const [attempted, setAttempted] = useState<ReadonlySet<number>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [scrollToError, setScrollToError] = useState(0);
  const [busy, setBusy] = useState(false);
  const profile = useLive(() => db.profile.get('me'), []);
  const gps = useLive(() => db.drafts.get(clientUuid).then((d) => ({ gps: d?.gps ?? null })), [clientUuid]);

  useEffect(() => {
    let live = true;
    void db.drafts.get(clientUuid).then((d) => {
      if (!live) return;
      setDraft(d ?? null);
      if (!d) return;
      answersRef.current = d.answers;
      setAnswers(d.answers);
      setSectionIndex(d.sectionIndex);
      if (d.gpsConsent && !d.gps) void recordPosition(clientUuid);
    });
    return () => {
      live = false;
    };
  }, [clientUuid]);

  const q = draft ? questionnaireOf(draft) : undefined;
  const numbers = useMemo(() => new Map(q ? allQuestions(q).map((p, i) => [p.question.id, i + 1]) : []), [q]);
  const visible = useMemo(() => (q ? visibleIds(q, answers) : new Set<string>()), [q, answers]);
  const validation = useMemo(() => (q && draft ? validateAnswers(q, answers, { interviewYear: interviewYear(draft) }) : null), [q, draft, answers]);

  useEffect(() => {
    if (scrollToError === 0) return;
    document.querySelector('[data-invalid="true"]')?.scrollIntoView({ block: 'start' });
  }, [scrollToError]);

  if (draft === undefined) return null;
  if (draft === null || !q || !validation) {
    return (
      <div className="card stack">
        <p>{i18n.t('formMissing')}</p>
        <a className="btn" href="#/">
          {i18n.t('home')}
        </a>
      </div>
    );
  }

  // sections with at least one question shown (skip logic can hide a whole section)
  const shown = q.sections.map((s, i) => ({ s, i })).filter(({ s }) => s.questions.some((x) => visible.has(x.id)));
  let pos = shown.findIndex((x) => x.i === sectionIndex);
  if (pos < 0) pos = Math.max(0, shown.findIndex((x) => x.i > sectionIndex));
  const current = shown[pos]!;
  const isLast = pos === shown.length - 1;
  const issuesOf = new Map<string, ValidationIssue[]>();
  for (const issue of validation.issues) issuesOf.set(issue.questionId, [...(issuesOf.get(issue.questionId) ?? []), issue]);
  const sectionIssues = current.s.questions.filter((x) => issuesOf.has(x.id));
  const names = namesOf(profile?.me);

  function setAnswer(questionId: string, value: unknown) {
    if (!q) return;
    const { answers: next, removed } = applyAnswer(q, answersRef.current, questionId, value);
    answersRef.current = next;
    setAnswers(next);
    writeAnswers(clientUuid, next).then(
      () => setSaveError(null),
      (err: unknown) => setSaveError(String(err)),
    );
    if (removed.length > 0) setNotice({ tone: 'info', text: i18n.t('removedHidden', { n: removed.length }) });
  }

  function moveTo(index: number) {
    setSectionIndex(index);
    setNotice(null);
    void db.drafts.update(clientUuid, { sectionIndex: index });
    window.scrollTo({ top: 0 });
  }

  function next() {
    if (sectionIssues.length > 0) {
      setAttempted(new Set(attempted).add(current.i));
      setNotice({ tone: 'error', text: i18n.t('sectionErrors', { n: sectionIssues.length }) });
      setScrollToError((n) => n + 1);
      return;
    }
    const following = shown[pos + 1];
    if (following) moveTo(following.i);
  }

  async function finish() {
    if (!validation?.ok) {
      const first = validation?.issues[0];
      const where = first && shown.find(({ s }) => s.questions.some((x) => x.id === first.questionId));
      if (where) {
        setSectionIndex(where.i);
        void db.drafts.update(clientUuid, { sectionIndex: where.i });
        setAttempted(new Set(attempted).add(where.i));
      }
      setNotice({ tone: 'error', text: i18n.t('formErrors', { n: validation?.issues.length ?? 0 }) });
      setScrollToError((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const result = await finishDraft(clientUuid);
      if (!result.ok) {
        setNotice({ tone: 'error', text: i18n.t(result.reason === 'missing' ? 'formMissing' : 'formErrors', { n: validation.issues.length }) });
        return;
      }
      setFlash(i18n.t('finishedSaved'));
      void requestSync('finished');
      go('/', true);
    } finally {
      setBusy(false);
    }
  }

  async function discard() {
    if (!window.confirm(i18n.t('discardConfirm'))) return;
    await db.drafts.delete(clientUuid);
    go('/', true);
  }

  const gpsText = !draft.gpsConsent
    ? i18n.t('gpsNotRecorded')
    : gps?.gps
      ? i18n.t('gpsRecorded', { m: gps.gps.accuracy })
      : Date.now() - Date.parse(draft.startedAt) < 30_000
        ? i18n.t('gpsWaiting')
        : i18n.t('gpsNotRecorded');

  return (
    <div className="form-screen">
      <div className="form-head card stack-s">
        <div className="row-between">
          <strong>{names.unit(draft.unitId)}</strong>
          <a href="#/" className="link">
            {i18n.t('home')}
          </a>
        </div>
        <div className="muted small">
          {draft.mode === 'paper' ? `${i18n.t('modePaper')} · ${i18n.t('paperSerialShort', { serial: draft.paperSerial ?? '' })}` : i18n.t('modeInterview')}
          {' · '}
          {gpsText}
        </div>
        <FormProgress q={q} answers={answers} section={pos + 1} sections={shown.length} />
      </div>

      <h1 className="section-title" data-testid="section-title">
        {i18n.text(current.s.title)}
      </h1>
      {current.s.help && <p className="muted">{i18n.text(current.s.help)}</p>}

      <div className="stack">
        {current.s.questions
          .filter((x) => visible.has(x.id))
          .map((question) => {
            const show = (issuesOf.get(question.id) ?? []).filter((issue) =>
              issue.code === 'required' ? attempted.has(current.i) : attempted.has(current.i) || touched.has(question.id),
            );
            return (
              <QuestionField
                key={question.id}
                q={q}
                question={question}
                number={numbers.get(question.id) ?? 0}
                value={answers[question.id]}
                issues={show}
                i18n={i18n}
                onChange={(v) => setAnswer(question.id, v)}
                onTouched={() => !touched.has(question.id) && setTouched(new Set(touched).add(question.id))}
              />
            );
          })}
      </div>

      {saveError && (
        <p className="notice notice-error" role="alert">
          {saveError}
        </p>
      )}
      {notice && (
        <p className={`notice ${notice.tone === 'error' ? 'notice-error' : 'notice-info'}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}

      <button type="button" className="btn btn-danger-link" onClick={() => void discard()}>
        {i18n.t('discardForm')}
      </button>

      <div className="form-footer">
        <button type="button" className="btn btn-big" disabled={pos === 0} onClick={() => moveTo(shown[pos - 1]!.i)}>
          {i18n.t('back')}
        </button>
        {isLast ? (
          <button type="button" className="btn btn-primary btn-big" disabled={busy} onClick={() => void finish()}>
            {i18n.t('finish')}
          </button>
        ) : (
          <button type="button" className="btn btn-primary btn-big" onClick={next}>
            {i18n.t('next')}
          </button>
        )}
      </div>
    </div>
  );
}
