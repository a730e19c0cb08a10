import { PAGE_STYLESHEET_HREF } from '../common/server-page';
import { renderSsoError } from './sso-page.template';

describe('the single sign-on error page', () => {
  it('says why, escaped, and leads back to the sign-in page, with no inline style or script', () => {
    const html = renderSsoError(403, 'your groups <b>give</b> no role');
    expect(html).toContain('<p>your groups &lt;b&gt;give&lt;/b&gt; no role</p>');
    expect(html).toContain('<a href="/sign-in">Back to sign-in</a>');
    expect(html).toContain('HTTP 403');
    expect(html).not.toMatch(/<style|<script|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain(`href="${PAGE_STYLESHEET_HREF}"`);
  });
});
