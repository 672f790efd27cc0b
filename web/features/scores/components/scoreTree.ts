import type { ScoreNode } from '../../../shared/api/types';

export interface ScoreLine {
  node: ScoreNode;
  /** 0 = field */
  depth: number;
  hasChildren: boolean;
}

/** The rows to show: the fields and, below each expanded node, its children (depth first). */
export function visibleScoreLines(root: ScoreNode, expanded: ReadonlySet<string>): ScoreLine[] {
  const lines: ScoreLine[] = [];
  const visit = (nodes: readonly ScoreNode[], depth: number) => {
    for (const node of nodes) {
      const hasChildren = node.children.length > 0;
      lines.push({ node, depth, hasChildren });
      if (hasChildren && expanded.has(node.code)) visit(node.children, depth + 1);
    }
  };
  visit(root.children, 0);
  return lines;
}

/** Codes of all nodes below the root that have children. */
export function innerCodes(root: ScoreNode): string[] {
  const codes: string[] = [];
  const visit = (node: ScoreNode) => {
    for (const child of node.children) {
      if (child.children.length > 0) {
        codes.push(child.code);
        visit(child);
      }
    }
  };
  visit(root);
  return codes;
}

/** Finds a node by code. */
export function findNode(root: ScoreNode, code: string): ScoreNode | undefined {
  if (root.code === code) return root;
  for (const child of root.children) {
    const found = findNode(child, code);
    if (found) return found;
  }
  return undefined;
}
