import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DecisionAction, FormStatus } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Dialog } from '../../../shared/components/Dialog';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, TextArea } from '../../../shared/components/Field';
import { FormActions } from '../../../shared/components/FormActions';
import { Notice } from '../../../shared/components/Notice';
import { useDecision } from '../api/useDecision';
import { reasonSchema, type ReasonValues } from './decisionSchema';

const DONE: Record<DecisionAction, FormStatus> = { accept: 'accepted', reject: 'rejected', return: 'returned' };

/** Accept / Reject / Return; the last two ask for a reason in a dialog. */
export function DecisionPanel({ formId, status }: { formId: string; status: FormStatus }) {
  const { t } = useTranslation();
  const decision = useDecision(formId);
  const [asking, setAsking] = useState<'reject' | 'return' | null>(null);
  const [done, setDone] = useState<DecisionAction | null>(null);

  const decide = (action: DecisionAction, reason?: string) =>
    decision.mutate(reason === undefined ? { action } : { action, reason }, {
      onSuccess: () => {
        setDone(action);
        setAsking(null);
      },
    });

  return (
    <div className="stack stack--tight">
      <div className="actions decision-bar">
        <Button variant="primary" busy={decision.isPending && decision.variables?.action === 'accept'} disabled={status === 'accepted' || decision.isPending} onClick={() => decide('accept')}>
          ✓ {t('review.decision.accept')}
        </Button>
        <Button disabled={status === 'returned' || decision.isPending} onClick={() => setAsking('return')}>
          ↩ {t('review.decision.return')}
        </Button>
        <Button variant="danger" disabled={status === 'rejected' || decision.isPending} onClick={() => setAsking('reject')}>
          ✕ {t('review.decision.reject')}
        </Button>
      </div>
      {done && !decision.isPending && status === DONE[done] && <Notice tone="success">{t(`review.decision.done.${done}`)}</Notice>}
      {decision.error && !asking && <ErrorNotice error={decision.error} />}
      {asking && (
        <ReasonDialog
          action={asking}
          busy={decision.isPending}
          error={decision.error}
          onCancel={() => {
            setAsking(null);
            decision.reset();
          }}
          onSubmit={(reason) => decide(asking, reason)}
        />
      )}
    </div>
  );
}

function ReasonDialog({
  action,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  action: 'reject' | 'return';
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ReasonValues>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });

  return (
    <Dialog title={t(`review.decision.${action}Title`)} onClose={onCancel}>
      <form className="stack" noValidate onSubmit={handleSubmit((values) => onSubmit(values.reason.trim()))}>
        <p className="muted small">{t(`review.decision.${action}Hint`)}</p>
        <Field label={t('review.decision.reason')} htmlFor="decision-reason" error={errors.reason?.message ? t(errors.reason.message) : undefined}>
          <TextArea id="decision-reason" rows={4} autoFocus {...register('reason')} />
        </Field>
        <FormActions label={t(`review.decision.${action}Confirm`)} variant={action === 'reject' ? 'danger' : 'primary'} busy={busy} error={error} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
