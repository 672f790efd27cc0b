import type { CSSProperties, ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'accent';

export function Badge({ tone = 'neutral', title, style, children }: { tone?: BadgeTone; title?: string; style?: CSSProperties; children: ReactNode }) {
  return (
    <span className={`badge badge--${tone}`} title={title} style={style}>
      {children}
    </span>
  );
}
