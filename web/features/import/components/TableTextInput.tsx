import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { Field, TextArea } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';

interface TableTextInputProps {
  text: string;
  fileName: string | null;
  onChange: (text: string, fileName: string | null) => void;
  disabled?: boolean;
}

/** The table as pasted text, or read from a .tsv / .csv / .txt file (UTF-8) in the browser. */
export function TableTextInput({ text, fileName, onChange, disabled }: TableTextInputProps) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again still fires onChange
    if (!file) return;
    try {
      setReadError(null);
      onChange(await file.text(), file.name);
    } catch {
      setReadError(t('import.fileReadError', { name: file.name }));
    }
  };

  return (
    <div className="stack stack--tight">
      <Field label={t('import.pasteLabel')} htmlFor="import-text" hint={t('import.pasteHint')}>
        <TextArea
          id="import-text"
          className="textarea--code"
          rows={10}
          spellCheck={false}
          wrap="off"
          value={text}
          disabled={disabled}
          placeholder={t('import.pastePlaceholder')}
          onChange={(event) => onChange(event.target.value, fileName)}
        />
      </Field>
      <div className="actions">
        <input
          ref={fileInput}
          type="file"
          accept=".tsv,.csv,.txt,text/plain,text/csv,text/tab-separated-values"
          className="visually-hidden"
          tabIndex={-1}
          onChange={(event) => void onFile(event)}
        />
        <Button disabled={disabled} onClick={() => fileInput.current?.click()}>
          {t('import.chooseFile')}
        </Button>
        {fileName && <span className="muted">{t('import.fromFile', { name: fileName })}</span>}
      </div>
      {readError && <Notice tone="error">{readError}</Notice>}
    </div>
  );
}
