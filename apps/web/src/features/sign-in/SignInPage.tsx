import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Navigate, useSearchParams } from 'react-router';
import { safeReturnTo } from '../../api/return-to';
import { sessionQuery } from '../../app/session';
import { TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { requestSignInLink } from './request-sign-in-link';
import { signInMethodsQuery, singleSignOnHref } from './sign-in-methods';

/**
 * /sign-in: a person asks for a sign-in link by email. The link opens a page on the API with
 * one button; pressing it signs in and comes back to `returnTo`. Where the server offers single
 * sign-on, a link beside the form goes through the organisation's identity provider instead
 * (a full page navigation: the API sends the browser to the provider and back to `returnTo`).
 * Someone already signed in goes straight there.
 */
export default function SignInPage() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const session = useQuery(sessionQuery);
  const methods = useQuery(signInMethodsQuery);
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: (address: string) => requestSignInLink(address, returnTo) });

  if (session.isPending) return <LoadingState label="Checking your sign-in…" />;
  if (session.data) return <Navigate to={returnTo} replace />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate(email.trim());
  }

  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <div className="sign-in__card">
        <p className="sign-in__brand">AI Governance</p>
        {request.isSuccess ? (
          <section aria-labelledby="sent-title">
            <h1 id="sent-title">Check your mail</h1>
            <p role="status">
              If <strong>{request.variables}</strong> belongs to an account, a sign-in link is on its way. It works once and expires
              after a few minutes.
            </p>
            <p>Open the link on this device and press the button on the page it opens.</p>
            <button type="button" className="button button--secondary" onClick={() => request.reset()}>
              Use another address
            </button>
          </section>
        ) : (
          <section aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">Sign in</h1>
            {params.get('signedOut') === 'provider-unreachable' ? (
              <p role="status">
                You are signed out here. Your single sign-on provider could not be reached, so you may still be signed in there: close the
                browser if others use this computer.
              </p>
            ) : params.get('signedOut') ? (
              <p role="status">You are signed out.</p>
            ) : null}
            {params.get('returnTo') && returnTo !== '/' ? <p>Sign in to continue where you were.</p> : null}
            {methods.data?.singleSignOn ? (
              <div className="sign-in__sso">
                <a className="button sign-in__sso-link" href={singleSignOnHref(returnTo)}>
                  Sign in with single sign-on
                </a>
                <p className="sign-in__or">or get a link by email</p>
              </div>
            ) : null}
            <form onSubmit={onSubmit} noValidate={false}>
              <FormProblem error={request.isError && !fieldError(request.error, 'email') ? request.error : null} />
              <TextField
                label="Work email"
                hint="We email you a link to sign in with. No password needed."
                type="email"
                name="email"
                autoComplete="email"
                inputMode="email"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                error={fieldError(request.error, 'email')}
              />
              <button type="submit" className="button" disabled={request.isPending}>
                {request.isPending ? 'Sending…' : 'Email me a sign-in link'}
              </button>
            </form>
          </section>
        )}
      </div>
    </main>
  );
}
