import { escapeHtml } from '@aigov/notifications/html-escape';
import { linkIn, openTaskOf, postLink, registerForApproval } from '../../support/governance-flows';
import { Harness, startGovernanceHarness } from '../../support/governance-harness';

/**
 * What an approver gets (issue 14): the task mail links the web application (the task, the
 * system, the inbox), not the JSON API, and the emailed action page, which still works without
 * signing in, shows the system's summary, the reasons for its tier and the assessment's answers.
 */
describe('task mail and the emailed action page', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startGovernanceHarness();
  });
  afterAll(async () => h?.stop());

  it('link the application, and show the system, its tier reasons and the assessment answers, escaped, before deciding', async () => {
    const owner = await h.createUser(['product_owner']);
    const office = await h.createUser(['governance_office']);
    const name = `Help <chat> ${Math.random().toString(36).slice(2, 8)}`;
    const system = await registerForApproval(h, owner, 'limited', { name });
    const mail = await h.mail.waitFor((m) => m.to.includes(office.user.email) && m.subject.includes(name), 30_000);
    const task = await openTaskOf(h, system.id, office);

    const base = h.config.publicBaseUrl;
    expect(mail.text).toContain(`Open the task in the application: ${base}/tasks/${task.id}`);
    expect(mail.text).toContain(`The system in the application: ${base}/systems/${system.id}`);
    expect(mail.text).toContain(`Your task inbox: ${base}/inbox`);
    expect(mail.html).toContain(`<a href="${base}/tasks/${task.id}">`);
    for (const part of [mail.text, mail.html]) expect(part).not.toContain('/api/v1');

    const link = linkIn(mail.text);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/<style|<script|\sstyle=/i);
    expect(html).toContain(`<strong>${escapeHtml(name)}</strong>`);
    expect(html).toContain('<dt>Business unit</dt><dd>Operations</dd>');
    expect(html).toContain('<dt>Intended use</dt><dd>Internal decision support</dd>');
    const [{ risk_reasons: reasons }] = await h.dataSource.query('SELECT risk_reasons FROM ai_systems WHERE id = $1', [system.id]);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(html).toContain(`${escapeHtml(reason.text)} <span class="muted">(${escapeHtml(reason.reference)}; limited)</span>`);
    expect(html).toMatch(/Version 1, submitted \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(html).toContain('<caption>Transparency (Art. 50)</caption>');
    expect(html).toContain('<tr><th scope="row">Does it interact directly with people (for example a chatbot or voice assistant)?</th><td>Yes</td></tr>');
    expect(html).toContain('<tr><th scope="row">What human oversight is in place?</th><td>No routine human oversight</td></tr>');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)![1];
    expect((await fetch(`${h.baseUrl}${stylesheet}`)).headers.get('content-type')).toContain('text/css');

    // Deciding from the page still needs no sign-in: the link is the credential.
    const decided = await postLink(link, 'approve');
    expect(decided.status).toBe(200);
    expect(await decided.text()).toContain('Decision recorded');
  });
});
