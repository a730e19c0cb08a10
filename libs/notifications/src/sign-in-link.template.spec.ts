import { renderSignInLink } from './sign-in-link.template';

describe('sign-in link email', () => {
  const model = { recipientName: 'Ann <b>', signInUrl: 'https://gov.example/auth/sign-in/abc.def.ghi?returnTo=%2Finbox&x=1', validMinutes: 15 };

  it('carries the link and how long it is valid in both parts', () => {
    const mail = renderSignInLink(model);
    expect(mail.subject).toBe('Your sign-in link for AI Governance');
    expect(mail.text).toContain('https://gov.example/auth/sign-in/abc.def.ghi?returnTo=%2Finbox&x=1');
    expect(mail.html).toContain('href="https://gov.example/auth/sign-in/abc.def.ghi?returnTo=%2Finbox&amp;x=1"');
    for (const part of [mail.text, mail.html]) expect(part).toContain('expires in 15 minutes');
    expect(renderSignInLink({ ...model, validMinutes: 1 }).text).toContain('expires in 1 minute.');
  });

  it('escapes the name in the HTML part', () => {
    const { html, text } = renderSignInLink(model);
    expect(html).toContain('Hello Ann &lt;b&gt;,');
    expect(html).not.toContain('<b>');
    expect(text).toContain('Hello Ann <b>,');
  });
});
