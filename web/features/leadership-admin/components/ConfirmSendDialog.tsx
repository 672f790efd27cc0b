import type { ReactNode } from 'react';
import { Dialog } from '../../../shared/components/Dialog';
import { FormActions } from '../../../shared/components/FormActions';

/** The part of a send mutation the dialog uses (the invitation and reminder mutations of ../api). */
interface SendMutation {
  isPending: boolean;
  error: unknown;
  mutate: (variables: undefined, options: { onSuccess: (result: { queued: number }) => void }) => void;
}

interface ConfirmSendDialogProps {
  title: string;
  /** the sending button's text */
  label: string;
  send: SendMutation;
  onQueued: (queued: number) => void;
  onClose: () => void;
  /** what will be sent, to whom, and how long it takes */
  children: ReactNode;
}

/** The confirmation before e-mails are queued: sends on "yes" (closing, then reporting how many were queued), or cancels. */
export function ConfirmSendDialog({ title, label, send, onQueued, onClose, children }: ConfirmSendDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="stack">
        {children}
        <FormActions
          label={label}
          busy={send.isPending}
          error={send.error}
          onConfirm={() =>
            send.mutate(undefined, {
              onSuccess: ({ queued }) => {
                onClose();
                onQueued(queued);
              },
            })
          }
          onCancel={onClose}
        />
      </div>
    </Dialog>
  );
}
