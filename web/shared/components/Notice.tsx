import type { ReactNode } from 'react';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

/** A coloured message block; errors are announced to screen readers at once. */
export function Notice({ tone = 'info', title, children }: { tone?: NoticeTone; title?: ReactNode; children?: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <div className="notice__title">{title}</div>}
      {children && <div className="notice__body">{children}</div>}
    </div>
  );
}
