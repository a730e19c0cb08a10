import { Suspense, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { setCsrfToken } from '../api/client';
import { LoadingState } from '../components/LoadingState';
import { navigationFor, ROLE_LABELS, type Role } from './roles';
import { useSession } from './session';
import { signOut } from './sign-out';

/**
 * The frame of every signed-in screen: skip link, header with the navigation for the person's
 * roles and sign-out, and the main region the routes render into. After each navigation focus
 * moves to the main region, so keyboard and screen-reader users start at the new content.
 */
export function AppShell() {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const [signingOut, setSigningOut] = useState(false);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  async function onSignOut() {
    setSigningOut(true);
    const after = await signOut();
    setCsrfToken(null);
    queryClient.clear();
    // A single sign-on session ends at the identity provider too: its page, which comes back to the sign-in page.
    if (after.providerSignOutUrl) window.location.assign(after.providerSignOutUrl);
    else navigate(`/sign-in?signedOut=${after.providerUnreachable ? 'provider-unreachable' : '1'}`, { replace: true });
  }

  const roles = user.roles.map((role) => ROLE_LABELS[role as Role] ?? role).join(', ');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <NavLink to="/" className="shell__brand">
            AI Governance
          </NavLink>
          <div className="shell__user">
            <span className="shell__name" title={user.email}>
              {user.name}
            </span>
            <span className="shell__roles">{roles}</span>
          </div>
          <button type="button" className="button button--quiet" onClick={() => void onSignOut()} disabled={signingOut}>
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
        <nav aria-label="Main" className="shell__nav">
          <ul>
            {navigationFor(user.roles).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="shell__main">
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
