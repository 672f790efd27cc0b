import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { optionsOf, progress, questionnaireTitle, validateAnswers, type Questionnaire, type ValidationIssue } from '../../../../survey-forms/src';
import { isApiError } from '../../../shared/api/apiError';
import type { RespondInfo } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';
import { useSubmitResponse } from '../api/useSubmitResponse';
import { loadDraft, removeDraft, saveDraft } from './draft';
import { ReviewStep } from './ReviewStep';
import { ScaleExplanation } from './ScaleExplanation';
import { ScaleQuestion } from './ScaleQuestion';
import type { FinalState } from './StatusScreens';

interface RespondFormProps {
  token: string;
  draftKey: string;
  info: RespondInfo;
  questionnaire: Questionnaire;
  onFinished: (state: FinalState) => void;
}

type Answers = Record<string, string | number>;

/**
 * The questionnaire, one screen per field (lĩnh vực): introduction → sections → review → send once.
 * The answers are kept on this device (under a hash of the link) until they are sent.
 */
export function RespondForm({ token, draftKey, info, questionnaire, onFinished }: RespondFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const submit = useSubmitResponse(token);
  const sections = questionnaire.sections;
  const reviewStep = sections.length + 1;
  const [initial] = useState(() => loadDraft(draftKey, questionnaire));
  const [answers, setAnswers] = useState<Answers>(initial?.answers ?? {});
  const [step, setStep] = useState(initial?.step ?? 0);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [fromReview, setFromReview] = useState(false);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const sending = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const counts = useMemo(() => progress(questionnaire, answers), [questionnaire, answers]);
  const numbers = useMemo(() => {
    const map = new Map<string, number>();
    for (const s of sections) for (const q of s.questions) map.set(q.id, map.size + 1);
    return map;
  }, [sections]);
  const firstQuestion = sections[0]?.questions[0];
  const scale = firstQuestion ? optionsOf(questionnaire, firstQuestion) : [];

  // every change is kept on this device at once
  useEffect(() => {
    saveDraft(draftKey, { questionnaireId: questionnaire.id, version: questionnaire.version, answers, step });
  }, [draftKey, questionnaire, answers, step]);

  // a new screen starts at its top, its title focused for screen readers
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, [step]);

  const answer = (questionId: string, value: string | number) => {
    setAnswers((a) => ({ ...a, [questionId]: value }));
    setMissing((m) => {
      if (!m.has(questionId)) return m;
      const next = new Set(m);
      next.delete(questionId);
      return next;
    });
  };

  const go = (next: number) => {
    setMissing(new Set());
    setStep(next);
  };

  const nextFromSection = (index: number) => {
    const section = sections[index];
    if (!section) return;
    const unanswered = section.questions.filter((q) => q.required && answers[q.id] === undefined).map((q) => q.id);
    if (unanswered.length > 0) {
      setMissing(new Set(unanswered));
      const first = document.getElementById(`question-${unanswered[0]}`);
      first?.scrollIntoView({ block: 'center' });
      first?.focus({ preventScroll: true });
      return;
    }
    if (fromReview) {
      setFromReview(false);
      go(reviewStep);
    } else {
      go(index + 2);
    }
  };

  const send = () => {
    if (sending.current || submit.isPending || submit.isSuccess) return;
    const check = validateAnswers(questionnaire, answers);
    if (!check.ok) {
      setIssues(check.issues);
      return;
    }
    sending.current = true;
    setIssues([]);
    submit.mutate(answers, {
      onSuccess: () => {
        removeDraft(draftKey);
        onFinished('thanks');
      },
      onError: (error) => {
        sending.current = false;
        if (isApiError(error, 409)) {
          removeDraft(draftKey);
          onFinished('answered');
        } else if (isApiError(error, 410)) {
          removeDraft(draftKey);
          onFinished('expired');
        } else if (isApiError(error, 404)) {
          removeDraft(draftKey);
          onFinished('unknown');
        }
      },
    });
  };

  const progressBar = (
    <div className="respond-progress">
      <div className="respond-progress__text small">
        <span>
          {step >= 1 && step <= sections.length
            ? t('respond.progress.section', { current: step, total: sections.length })
            : step === reviewStep
              ? t('respond.progress.review')
              : t('respond.progress.intro')}
        </span>
        <span>{t('respond.progress.answered', { answered: counts.total.answered, total: counts.total.visible })}</span>
      </div>
      <progress max={counts.total.visible} value={counts.total.answered} aria-label={t('respond.progress.label')} />
    </div>
  );

  if (step === 0) {
    return (
      <div className="stack">
        {progressBar}
        <section className="card stack" aria-labelledby="respond-title">
          <h1 id="respond-title" ref={heading} tabIndex={-1}>
            {format.text(questionnaireTitle(questionnaire, info.campaign.year))}
          </h1>
          <p className="muted">
            {info.campaign.name} · {info.campaign.year}
            {info.deadline && <> · {t('respond.intro.deadline', { date: format.date(info.deadline) })}</>}
          </p>
          <p>{t('respond.intro.body', { questions: counts.total.visible, sections: sections.length })}</p>
          <Notice tone="info" title={t('respond.intro.anonymousTitle')}>
            {t('respond.intro.anonymous')}
          </Notice>
          <h2>{t('respond.scale.title')}</h2>
          <ScaleExplanation options={scale} />
          <p className="muted small">{t('respond.intro.draft')}</p>
        </section>
        <div className="actions actions--sticky respond-nav">
          <Button variant="primary" onClick={() => go(1)}>
            {counts.total.answered > 0 ? t('respond.nav.continue') : t('respond.nav.start')}
          </Button>
        </div>
      </div>
    );
  }

  if (step === reviewStep) {
    return (
      <div className="stack">
        {progressBar}
        <ReviewStep
          questionnaire={questionnaire}
          answers={answers}
          numbers={numbers}
          headingRef={heading}
          onEdit={(index) => {
            setFromReview(true);
            go(index + 1);
          }}
        />
        {issues.length > 0 && (
          <Notice tone="error" title={t('respond.review.invalid')}>
            <ul className="plain-list">
              {issues.map((issue) => (
                <li key={`${issue.questionId}-${issue.code}`}>{format.text(issue.message)}</li>
              ))}
            </ul>
          </Notice>
        )}
        {submit.error != null && !isApiError(submit.error, 409) && !isApiError(submit.error, 410) && !isApiError(submit.error, 404) && (
          <ServerIssues error={submit.error} />
        )}
        <p className="muted small">{t('respond.review.once')}</p>
        <div className="actions actions--sticky respond-nav">
          <Button onClick={() => go(sections.length)} disabled={submit.isPending}>
            {t('respond.nav.back')}
          </Button>
          <Button variant="primary" busy={submit.isPending} disabled={!counts.total.complete || submit.isSuccess} onClick={send}>
            {t('respond.nav.submit')}
          </Button>
        </div>
      </div>
    );
  }

  const index = step - 1;
  const section = sections[index];
  if (!section) return null;
  const sectionCounts = counts.sections[index];
  return (
    <div className="stack">
      {progressBar}
      <section className="stack" aria-labelledby="section-title">
        <div className="card stack stack--tight">
          <p className="muted small">{t('respond.progress.section', { current: step, total: sections.length })}</p>
          <h1 id="section-title" className="section-title" ref={heading} tabIndex={-1}>
            {format.text(section.title)}
          </h1>
          {section.help && <p>{format.text(section.help)}</p>}
          <details className="scale-details">
            <summary>{t('respond.scale.title')}</summary>
            <ScaleExplanation options={scale} />
          </details>
        </div>
        {missing.size > 0 && (
          <Notice tone="error" title={t('respond.section.missing', { count: missing.size })}>
            {t('respond.section.missingHint')}
          </Notice>
        )}
        {section.questions.map((q) => (
          <ScaleQuestion
            key={q.id}
            question={q}
            number={numbers.get(q.id) ?? 0}
            options={optionsOf(questionnaire, q)}
            value={answers[q.id]}
            onChange={(value) => answer(q.id, value)}
            missing={missing.has(q.id)}
          />
        ))}
      </section>
      <div className="actions actions--sticky respond-nav">
        <Button onClick={() => go(step - 1)}>{t('respond.nav.back')}</Button>
        <span className="respond-nav__count small muted">
          {sectionCounts && t('respond.section.count', { answered: sectionCounts.answered, total: sectionCounts.visible })}
        </span>
        <Button variant="primary" onClick={() => nextFromSection(index)}>
          {fromReview ? t('respond.nav.toReview') : index === sections.length - 1 ? t('respond.nav.review') : t('respond.nav.next')}
        </Button>
      </div>
    </div>
  );
}

/** A refused submission: the questionnaire's own messages when the server sent them, else the error. */
function ServerIssues({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  const details = isApiError(error, 400) ? (error.details as { issues?: unknown } | null | undefined) : null;
  const list = Array.isArray(details?.issues) ? (details.issues as { questionId?: string; message?: { vi: string; en: string } }[]) : null;
  if (list && list.length > 0) {
    return (
      <Notice tone="error" title={t('respond.review.invalid')}>
        <ul className="plain-list">
          {list.map((issue, i) => (
            <li key={i}>{issue.message ? format.text(issue.message) : issue.questionId}</li>
          ))}
        </ul>
      </Notice>
    );
  }
  return <ErrorNotice error={error} title={t('respond.review.failed')} />;
}
