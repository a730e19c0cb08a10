import type { Page } from 'playwright-core';
import type { Harness } from './governance-harness';
import { expectAccessible } from './browser';

/** The sign-in link in the newest mail to `email` after `before` mails, waiting for it to arrive. */
async function nextSignInLink(h: Harness, email: string, before: number): Promise<string> {
  const to = email.toLowerCase();
  const mine = () => h.mail.messages().filter((m) => m.to.includes(to) && /\/auth\/sign-in\//.test(m.text));
  const deadline = Date.now() + 15_000;
  while (mine().length <= before) {
    if (Date.now() > deadline) throw new Error(`no sign-in mail to ${email} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const link = mine().at(-1)!.text.match(/https?:\/\/\S+\/auth\/sign-in\/\S+/)?.[0];
  if (!link) throw new Error(`no sign-in link in the mail to ${email}`);
  return link;
}

/**
 * Signs in as a person would, from the page the app sent them to (/sign-in?returnTo=...): types
 * the address, reads the link from the captured mail, opens it and presses its button; resolves
 * once the app is back at the returnTo path. axe checks each of those pages.
 */
export async function signInFromEmail(h: Harness, page: Page, email: string): Promise<void> {
  const url = new URL(page.url());
  if (url.pathname !== '/sign-in') throw new Error(`expected the sign-in page, at ${page.url()}`);
  const returnTo = url.searchParams.get('returnTo') ?? '/';
  const before = h.mail.messages().filter((m) => m.to.includes(email.toLowerCase()) && /\/auth\/sign-in\//.test(m.text)).length;
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
  await page.goto(await nextSignInLink(h, email, before));
  await expectAccessible(page, 'the emailed sign-in page');
  await page.getByRole('button', { name: `Sign in as ${email}` }).click();
  await page.waitForURL((u) => u.pathname + u.search === returnTo && u.origin === url.origin);
}
