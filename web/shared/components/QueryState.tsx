import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { Spinner } from './Spinner';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
}

/** Renders a spinner while a query loads, its error when it fails, and `children(data)` when it has data. */
export function QueryState<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <ErrorNotice error={query.error} />;
  return <Spinner />;
}
