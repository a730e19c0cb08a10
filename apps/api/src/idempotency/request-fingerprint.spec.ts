import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  const body = { name: 'A', roles: ['admin'], nested: { b: 1, a: 2 } };

  it('is the same for the same request, whatever the order of its keys', () => {
    const reordered = { nested: { a: 2, b: 1 }, roles: ['admin'], name: 'A' };
    expect(requestFingerprint('post', '/api/v1/users', body)).toBe(requestFingerprint('POST', '/api/v1/users', reordered));
    expect(requestFingerprint('POST', '/api/v1/users', body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when the method, the path, the query or any value differs', () => {
    const base = requestFingerprint('POST', '/api/v1/users', body);
    const others = [
      requestFingerprint('PUT', '/api/v1/users', body),
      requestFingerprint('POST', '/api/v1/users/x', body),
      requestFingerprint('POST', '/api/v1/users?x=1', body),
      requestFingerprint('POST', '/api/v1/users', { ...body, name: 'B' }),
      requestFingerprint('POST', '/api/v1/users', { ...body, roles: ['admin', 'auditor'] }),
      requestFingerprint('POST', '/api/v1/users', undefined),
      requestFingerprint('POST', '/api/v1/users', {}),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('tells an array from the object with its indexes as keys, and a string from a number', () => {
    expect(requestFingerprint('POST', '/x', ['a'])).not.toBe(requestFingerprint('POST', '/x', { 0: 'a' }));
    expect(requestFingerprint('POST', '/x', { a: '1' })).not.toBe(requestFingerprint('POST', '/x', { a: 1 }));
  });
});
