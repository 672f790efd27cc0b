import { useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { Button } from './Button';
import { Field, TextArea } from './Field';
import { Notice } from './Notice';
import { readTableFile } from '../files/readTableFile';

/** The texts of a FileTextInput, already translated. */
export interface FileTextInputLabels {
  label: string;
  hint: string;
  placeholder: string;
  chooseFile: string;
  /** under the buttons once a file was read */
  fromFile: (fileName: string) => string;
  /** when the browser cannot read the chosen file */
  readError: (fileName: string) => string;
  /**
   * when the chosen file is not UTF-8 text (nor an XLSX the page accepts): 'xls' an old Excel file, 'xlsx' an XLSX
   * where only text is read, 'binary' anything else; without it `readError` is shown
   */
  notText?: (fileName: string, reason: 'xls' | 'xlsx' | 'binary') => string;
}

/** An XLSX chosen in the file picker (its first bytes are a zip's), for an import body's `xlsxBase64`. */
export interface ChosenXlsx {
  fileName: string;
  base64: string;
  bytes: number;
}

interface FileTextInputProps {
  /** the textarea's id (its label points to it) */
  id: string;
  text: string;
  fileName: string | null;
  onChange: (text: string, fileName: string | null) => void;
  labels: FileTextInputLabels;
  /** the file types the file picker offers, as in `<input accept>` */
  accept: string;
  rows: number;
  textareaClassName?: string;
  /** drop the UTF-8 byte order mark a chosen file starts with (Excel writes one) */
  stripBom?: boolean;
  /** an accessible name for the (visually hidden) file input */
  fileInputLabel?: string;
  disabled?: boolean;
  /** more buttons next to "choose a file" */
  extraActions?: ReactNode;
  /** accept XLSX files (told by their content, not their name): they are handed here instead of filling the textarea */
  onXlsx?: (file: ChosenXlsx) => void;
}

/** A table or list as pasted text, or read from a text file (UTF-8) chosen in the browser. */
export function FileTextInput({
  id,
  text,
  fileName,
  onChange,
  labels,
  accept,
  rows,
  textareaClassName = 'textarea--code',
  stripBom = false,
  fileInputLabel,
  disabled,
  extraActions,
  onXlsx,
}: FileTextInputProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again still fires onChange
    if (!file) return;
    try {
      setReadError(null);
      const read = await readTableFile(file);
      if (read.kind === 'xlsx' && onXlsx) onXlsx({ fileName: file.name, base64: read.base64, bytes: read.bytes });
      else if (read.kind === 'text') onChange(stripBom ? read.text.replace(/^\uFEFF/, '') : read.text, file.name);
      else setReadError((labels.notText ?? labels.readError)(file.name, read.kind === 'xlsx' ? 'xlsx' : read.reason));
    } catch {
      setReadError(labels.readError(file.name));
    }
  };

  return (
    <div className="stack stack--tight">
      <Field label={labels.label} htmlFor={id} hint={labels.hint}>
        <TextArea
          id={id}
          className={textareaClassName}
          rows={rows}
          spellCheck={false}
          wrap="off"
          value={text}
          disabled={disabled}
          placeholder={labels.placeholder}
          onChange={(event) => onChange(event.target.value, fileName)}
        />
      </Field>
      <div className="actions">
        <input
          ref={fileInput}
          type="file"
          accept={accept}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={fileInputLabel}
          onChange={(event) => void onFile(event)}
        />
        <Button disabled={disabled} onClick={() => fileInput.current?.click()}>
          {labels.chooseFile}
        </Button>
        {extraActions}
        {fileName && <span className="muted">{labels.fromFile(fileName)}</span>}
      </div>
      {readError && <Notice tone="error">{readError}</Notice>}
    </div>
  );
}
