import { csrfTokenFor, csrfTokenMatches, isSafeMethod } from './csrf';

describe('CSRF token of a session', () => {
  const session = 'c2Vzc2lvbi10b2tlbi1vbmU';

  it('is stable for a session and differs between sessions', () => {
    expect(csrfTokenFor(session)).toBe(csrfTokenFor(session));
    expect(csrfTokenFor(session)).not.toBe(csrfTokenFor('c2Vzc2lvbi10b2tlbi10d28'));
    expect(csrfTokenFor(session)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('does not reveal the session token', () => {
    expect(csrfTokenFor(session)).not.toContain(session);
  });

  it('matches only the exact token of the same session', () => {
    const token = csrfTokenFor(session);
    expect(csrfTokenMatches(session, token)).toBe(true);
    expect(csrfTokenMatches(session, csrfTokenFor('another'))).toBe(false);
    expect(csrfTokenMatches(session, `${token}x`)).toBe(false);
    expect(csrfTokenMatches(session, token.slice(0, -1))).toBe(false);
    expect(csrfTokenMatches(session, token.toUpperCase())).toBe(false);
    expect(csrfTokenMatches(session, '')).toBe(false);
    expect(csrfTokenMatches(session, undefined)).toBe(false);
    expect(csrfTokenMatches(session, [token, token])).toBe(false);
  });
});

describe('safe methods', () => {
  it('are GET, HEAD and OPTIONS in any case; every other method needs the token', () => {
    for (const m of ['GET', 'head', 'Options']) expect(isSafeMethod(m)).toBe(true);
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'TRACE']) expect(isSafeMethod(m)).toBe(false);
  });
});
