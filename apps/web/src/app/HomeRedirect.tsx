import { Navigate } from 'react-router';
import { homePathFor } from './roles';
import { useSession } from './session';

/** "/": each person's start page by role. */
export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={homePathFor(user.roles)} replace />;
}
