import { issueActionToken, linkKeyFor, parseActionToken } from './action-token';

describe('action tokens', () => {
  const key = 'k'.repeat(32);

  it('round-trips an issued token to its id and stored hash', () => {
    const issued = issueActionToken(key);
    expect(parseActionToken(key, issued.token)).toEqual({ ok: true, id: issued.id, tokenHash: issued.tokenHash });
  });

  it('never stores the secret part itself', () => {
    const issued = issueActionToken(key);
    expect(issued.token.split('.')[1]).not.toEqual(issued.tokenHash);
    expect(issued.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a token signed with another key', () => {
    const issued = issueActionToken('x'.repeat(32));
    expect(parseActionToken(key, issued.token)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token whose secret part was altered', () => {
    const [id, secret, sig] = issueActionToken(key).token.split('.');
    const altered = `${id}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}.${sig}`;
    expect(parseActionToken(key, altered)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each(['', 'abc', 'a.b.c', 'not-a-uuid.aaaaaaaaaaaaaaaaaaaa.sig', '../../etc/passwd'])('calls %p malformed', (token) => {
    expect(parseActionToken(key, token)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('derives a separate key for sign-in links, so a link of one kind does not verify as the other', () => {
    const signInKey = linkKeyFor(key, 'sign-in');
    expect(signInKey).not.toBe(key);
    expect(linkKeyFor(key, 'sign-in')).toBe(signInKey);
    expect(linkKeyFor('y'.repeat(32), 'sign-in')).not.toBe(signInKey);
    expect(parseActionToken(signInKey, issueActionToken(key).token)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(parseActionToken(key, issueActionToken(signInKey).token)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
