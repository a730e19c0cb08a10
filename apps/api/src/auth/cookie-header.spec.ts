import { parseCookieHeader, serializeCookie } from './cookie-header';

describe('parseCookieHeader', () => {
  it('reads every name=value pair of a browser Cookie header', () => {
    const cookies = parseCookieHeader('aigov_session=abc-DEF_123; theme=dark;lang=en');
    expect([...cookies]).toEqual([
      ['aigov_session', 'abc-DEF_123'],
      ['theme', 'dark'],
      ['lang', 'en'],
    ]);
  });

  it('keeps the first of two cookies with the same name (the more specific path comes first)', () => {
    expect(parseCookieHeader('a=first; a=second').get('a')).toBe('first');
  });

  it('keeps "=" inside values, strips surrounding quotes and whitespace, and allows empty values', () => {
    const cookies = parseCookieHeader('  b64=YWJj==  ; quoted="x y"; empty=');
    expect(cookies.get('b64')).toBe('YWJj==');
    expect(cookies.get('quoted')).toBe('x y');
    expect(cookies.get('empty')).toBe('');
  });

  it('skips pairs without "=" and names that are not tokens, and answers empty for no header', () => {
    expect([...parseCookieHeader('novalue; bad name=1; ok=2; =3')]).toEqual([['ok', '2']]);
    expect(parseCookieHeader(undefined).size).toBe(0);
    expect(parseCookieHeader('').size).toBe(0);
  });

  it('joins a header sent twice', () => {
    expect([...parseCookieHeader(['a=1', 'b=2'])]).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});

describe('serializeCookie', () => {
  it('writes the attributes a session cookie needs, in a fixed order', () => {
    expect(serializeCookie('aigov_session', 'tok', { path: '/', maxAge: 43200, httpOnly: true, secure: true, sameSite: 'Lax' })).toBe(
      'aigov_session=tok; Path=/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax',
    );
  });

  it('clears a cookie with Max-Age=0 and an Expires in the past', () => {
    expect(serializeCookie('aigov_session', '', { path: '/', maxAge: 0, httpOnly: true, sameSite: 'Lax' })).toBe(
      'aigov_session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    );
  });

  it('rounds Max-Age down to whole seconds and never below zero', () => {
    expect(serializeCookie('a', 'b', { maxAge: 59.9 })).toBe('a=b; Max-Age=59');
    expect(serializeCookie('a', 'b', { maxAge: -5 })).toBe('a=b; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('refuses names, values and paths that would break the header, and SameSite=None without Secure', () => {
    expect(() => serializeCookie('bad name', 'x')).toThrow(/not a token/);
    expect(() => serializeCookie('a', 'x;y')).toThrow(/cannot carry/);
    expect(() => serializeCookie('a', 'x y')).toThrow(/cannot carry/);
    expect(() => serializeCookie('a', 'x\r\nSet-Cookie: b=1')).toThrow(/cannot carry/);
    expect(() => serializeCookie('a', 'x', { path: '/; Domain=evil' })).toThrow(/bad path/);
    expect(() => serializeCookie('a', 'x', { sameSite: 'None' })).toThrow(/needs Secure/);
  });

  it('round-trips through parseCookieHeader', () => {
    const header = serializeCookie('aigov_session', 'Zm9v-YmFy_0123456789', { path: '/', httpOnly: true });
    expect(parseCookieHeader(header.split(';')[0]).get('aigov_session')).toBe('Zm9v-YmFy_0123456789');
  });
});
