import { lazy } from 'react';
import { Navigate } from 'react-router';
import { useCurrentUser } from '../shared/session/useCurrentUser';

// The enumerator screens are their own chunk so a phone downloads only what it needs.
const EnumeratorHome = lazy(() => import('../features/enumerator/components/EnumeratorHome').then((m) => ({ default: m.EnumeratorHome })));

/** "/" — enumerators get their app, everyone else the campaigns. */
export function HomePage() {
  const user = useCurrentUser().data;
  if (user?.role === 'enumerator') return <EnumeratorHome />;
  return <Navigate to="/campaigns" replace />;
}
