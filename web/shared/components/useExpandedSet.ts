import { useCallback, useState } from 'react';

/** Which rows of a collapsible tree are open, by code. */
export function useExpandedSet(initial: () => Iterable<string>) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(initial()));
  const toggle = useCallback((code: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  }, []);
  const setAll = useCallback((codes: Iterable<string>) => setExpanded(new Set(codes)), []);
  return { expanded, toggle, setAll };
}
