import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const LIMIT = 80;

/** A note cut to one short line, with "more" / "less". */
export function NoteText({ note }: { note: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (note.length <= LIMIT) return <span className="note">{note}</span>;
  return (
    <span className="note">
      {open ? note : `${note.slice(0, LIMIT).trimEnd()}…`}{' '}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('common.less') : t('common.more')}
      </button>
    </span>
  );
}
