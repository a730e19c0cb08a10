import { safeReturnTo, signInPath } from './return-to';

describe('returnTo after signing in', () => {
  it.each([
    ['/inbox', '/inbox'],
    ['/tasks/123?tab=answers#decide', '/tasks/123?tab=answers#decide'],
    [null, '/'],
    ['', '/'],
    ['inbox', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/inbox', '/'],
    ['/\\evil.example', '/'],
    ['/inbox\nSet-Cookie: x', '/'],
    ['/sign-in', '/'],
    ['/sign-in?returnTo=%2Finbox', '/'],
  ])('%j -> %j', (raw, expected) => {
    expect(safeReturnTo(raw)).toBe(expected);
  });

  it('builds the sign-in address that comes back, and none for home', () => {
    expect(signInPath('/tasks/1?x=1')).toBe('/sign-in?returnTo=%2Ftasks%2F1%3Fx%3D1');
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('//evil.example')).toBe('/sign-in');
  });
});
