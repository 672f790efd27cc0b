import { useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { Field, TextArea } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';

interface CsvInputProps {
  text: string;
  fileName: string | null;
  onChange: (text: string, fileName: string | null) => void;
  disabled?: boolean;
  extraActions?: ReactNode;
}

/** The respondent list as pasted CSV text, or read from a .csv / .txt file (UTF-8, BOM allowed) in the browser. */
export function CsvInput({ text, fileName, onChange, disabled, extraActions }: CsvInputProps) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again still fires onChange
    if (!file) return;
    try {
      setReadError(null);
      onChange((await file.text()).replace(/^\uFEFF/, ''), file.name);
    } catch {
      setReadError(t('leadership.import.fileReadError', { name: file.name }));
    }
  };

  return (
    <div className="stack stack--tight">
      <Field label={t('leadership.import.pasteLabel')} htmlFor="respondents-csv" hint={t('leadership.import.pasteHint')}>
        <TextArea
          id="respondents-csv"
          className="textarea--code"
          rows={8}
          spellCheck={false}
          wrap="off"
          value={text}
          disabled={disabled}
          placeholder={t('leadership.import.placeholder')}
          onChange={(event) => onChange(event.target.value, fileName)}
        />
      </Field>
      <div className="actions">
        <input
          ref={fileInput}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('leadership.import.chooseFile')}
          onChange={(event) => void onFile(event)}
        />
        <Button disabled={disabled} onClick={() => fileInput.current?.click()}>
          {t('leadership.import.chooseFile')}
        </Button>
        {extraActions}
        {fileName && <span className="muted">{t('leadership.import.fromFile', { name: fileName })}</span>}
      </div>
      {readError && <Notice tone="error">{readError}</Notice>}
    </div>
  );
}
