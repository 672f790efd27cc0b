import type { ReactNode } from 'react';
import { TreeToggle } from './TreeToggle';

interface TreeCellProps {
  /** the row's code, named by the toggle for screen readers */
  code: string;
  /** undefined for a leaf (no toggle, same indentation) */
  open?: boolean | undefined;
  onToggle?: () => void;
  children: ReactNode;
}

/** The first cell of a tree row: ▸/▾ (or the same space on a leaf), then the row's code and name. Indented by --depth on the row. */
export function TreeCell({ code, open, onToggle, children }: TreeCellProps) {
  return (
    <td className="cell--primary tree-cell">
      <div className="tree-cell__inner">
        {open !== undefined && onToggle ? <TreeToggle open={open} onToggle={onToggle} label={code} /> : <span className="tree-toggle-space" />}
        <div className="tree-cell__text">{children}</div>
      </div>
    </td>
  );
}
