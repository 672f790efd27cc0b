import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { ErrorNotice } from './ErrorNotice';
import { Notice } from './Notice';

interface SaveActionsProps {
  /** the save mutation */
  save: { error: unknown; isPending: boolean; isSuccess: boolean };
  /** there are unsaved changes */
  dirty: boolean;
  /** no buttons: the user may not change this */
  readOnly: boolean;
  label: string;
  /** shown after a save until the next change */
  savedMessage: string;
  /** omitted: the save button submits its form */
  onSave?: () => void;
  /** Cancel (shown while there are changes) */
  onDiscard: () => void;
  /** saving is allowed without changes (nothing is stored yet: the defaults can be saved as they are) */
  saveUnchanged?: boolean;
  /** the buttons stick to the bottom of the screen: always, or while there are changes */
  sticky?: 'always' | 'dirty';
  /** next to the buttons while there are changes */
  unsavedNote?: string;
}

/** The end of a settings form: the save's error or success, Save, and Cancel while there are changes. */
export function SaveActions({ save, dirty, readOnly, label, savedMessage, onSave, onDiscard, saveUnchanged, sticky, unsavedNote }: SaveActionsProps) {
  const { t } = useTranslation();
  const stuck = sticky === 'always' || (sticky === 'dirty' && dirty);
  return (
    <>
      {save.error ? <ErrorNotice error={save.error} /> : null}
      {save.isSuccess && !dirty && <Notice tone="success">{savedMessage}</Notice>}
      {!readOnly && (
        <div className={stuck ? 'actions actions--sticky' : 'actions'}>
          <Button type={onSave ? 'button' : 'submit'} variant="primary" busy={save.isPending} disabled={!saveUnchanged && !dirty} onClick={onSave}>
            {label}
          </Button>
          {dirty && (
            <>
              <Button variant="ghost" onClick={onDiscard}>
                {t('common.cancel')}
              </Button>
              {unsavedNote && <span className="muted small">{unsavedNote}</span>}
            </>
          )}
        </div>
      )}
    </>
  );
}
