import { StoredResponseCipher } from './stored-response.cipher';

describe('StoredResponseCipher', () => {
  const cipher = new StoredResponseCipher('s'.repeat(32));
  const answer = JSON.stringify({ user: { id: 'u1' }, token: 'aigov_secret-token' });

  it('opens what it sealed, and the sealed bytes do not contain the secret', () => {
    const sealed = cipher.seal(answer, 'admin\nkey-1\nhash');
    expect(sealed.includes(Buffer.from('secret-token'))).toBe(false);
    expect(cipher.open(sealed, 'admin\nkey-1\nhash')).toBe(answer);
    // a fresh IV every time
    expect(cipher.seal(answer, 'b').equals(cipher.seal(answer, 'b'))).toBe(false);
  });

  it('refuses another binding, another secret, altered or short bytes', () => {
    const sealed = cipher.seal(answer, 'admin\nkey-1\nhash');
    expect(cipher.open(sealed, 'someone-else\nkey-1\nhash')).toBeNull();
    expect(new StoredResponseCipher('t'.repeat(32)).open(sealed, 'admin\nkey-1\nhash')).toBeNull();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(cipher.open(altered, 'admin\nkey-1\nhash')).toBeNull();
    expect(cipher.open(Buffer.alloc(10), 'admin\nkey-1\nhash')).toBeNull();
  });
});
