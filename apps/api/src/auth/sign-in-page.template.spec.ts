import { PAGE_STYLESHEET_HREF } from '../common/server-page';
import { renderSignInConfirmation, renderSignInError } from './sign-in-page.template';

describe('sign-in pages', () => {
  it('offer one button naming the person, posting back to the same address', () => {
    const html = renderSignInConfirmation({ email: 'ann@example.test', name: 'Ann' });
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain('>Sign in as ann@example.test</button>');
    expect(html).toContain('<form method="post">');
    expect(html).not.toContain('action=');
  });

  it('escape the name, the address and error messages', () => {
    expect(renderSignInConfirmation({ email: 'a"b@example.test', name: '<i>Ann</i>' })).toContain('Hello &lt;i&gt;Ann&lt;/i&gt;.');
    expect(renderSignInConfirmation({ email: 'a"b@example.test', name: 'Ann' })).toContain('Sign in as a&quot;b@example.test');
    expect(renderSignInError(409, 'used <again>')).toContain('<p>used &lt;again&gt;</p>');
  });

  it('carry no inline style or script, only the served stylesheet', () => {
    for (const html of [renderSignInConfirmation({ email: 'a@example.test', name: 'A' }), renderSignInError(410, 'expired')]) {
      expect(html).not.toMatch(/<style|<script|\sstyle=|\son[a-z]+=/i);
      expect(html).toContain(`href="${PAGE_STYLESHEET_HREF}"`);
    }
  });
});
