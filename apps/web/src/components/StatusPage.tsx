import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from './useDocumentTitle';

/** A whole-page answer instead of the screen: not allowed (403) or not found (404). */
export function StatusPage({ code, title, children }: { code: 403 | 404; title: string; children?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <section className="status-page" aria-labelledby="status-title">
      <p className="status-page__code">{code === 403 ? 'Not allowed' : 'Not found'}</p>
      <h1 id="status-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
      <p>
        <Link to="/">Go to your start page</Link>
      </p>
    </section>
  );
}

export function ForbiddenView({ reason }: { reason?: string }) {
  return (
    <StatusPage code={403} title="You cannot open this page">
      <p>{reason ?? 'Your roles do not give you access to it.'}</p>
      <p>If you need it, ask the governance office to grant you the role.</p>
    </StatusPage>
  );
}

export function NotFoundView({ what = 'page' }: { what?: string }) {
  return (
    <StatusPage code={404} title={`This ${what} does not exist`}>
      <p>The link may be old, or the address mistyped.</p>
    </StatusPage>
  );
}
