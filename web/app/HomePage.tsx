import { Navigate } from 'react-router';
import { useCurrentUser } from '../shared/session/useCurrentUser';
import { EnumeratorRedirect } from './EnumeratorRedirect';

/** "/" — enumerators go to their own app (/enumerator/), supervisors to the fieldwork, everyone else to the campaigns. */
export function HomePage() {
  const user = useCurrentUser().data;
  if (user?.role === 'enumerator') return <EnumeratorRedirect />;
  if (user?.role === 'supervisor') return <Navigate to="/fieldwork" replace />;
  if (user?.role === 'unit_officer' || user?.role === 'appraiser') return <Navigate to="/assessment" replace />;
  return <Navigate to="/campaigns" replace />;
}
