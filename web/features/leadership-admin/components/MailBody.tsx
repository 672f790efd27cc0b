import { Fragment } from 'react';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+|\/r\/[A-Za-z0-9_-]+)/g;
const TRAILING = /[.,;:!?)\]]+$/;

/** A plain-text e-mail body: line breaks kept, web addresses clickable (opened in a new tab, no referrer). */
export function MailBody({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <div className="mail__body">
      {parts.map((part, index) => {
        if (index % 2 === 0) return <Fragment key={index}>{part}</Fragment>;
        // a full stop after an address belongs to the sentence, not to the address
        const tail = TRAILING.exec(part)?.[0] ?? '';
        const href = part.slice(0, part.length - tail.length);
        return (
          <Fragment key={index}>
            <a href={href} target="_blank" rel="noopener noreferrer">
              {href}
            </a>
            {tail}
          </Fragment>
        );
      })}
    </div>
  );
}
