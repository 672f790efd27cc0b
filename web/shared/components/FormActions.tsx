import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { ErrorNotice } from './ErrorNotice';

interface FormActionsProps {
  /** the main action's text */
  label: ReactNode;
  variant?: 'primary' | 'danger';
  /** omitted: the main button submits its form */
  onConfirm?: () => void;
  onCancel: () => void;
  busy?: boolean;
  disabled?: boolean;
  small?: boolean;
  /** the main action's failure, shown above the buttons */
  error?: unknown;
}

/** The end of a form or a confirmation dialog: the main action's error if it failed, the main action, Cancel. */
export function FormActions({ label, variant = 'primary', onConfirm, onCancel, busy, disabled, small, error }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions">
        <Button type={onConfirm ? 'button' : 'submit'} small={small} variant={variant} busy={busy} disabled={disabled} onClick={onConfirm}>
          {label}
        </Button>
        <Button small={small} variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </>
  );
}
