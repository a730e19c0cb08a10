import { renderTaskPrompt, TaskPromptModel } from './task-prompt.template';

const model: TaskPromptModel = {
  kind: 'request',
  taskKind: 'approval',
  recipientName: 'Ann <script>',
  systemName: 'CV screener "beta"',
  systemPurpose: 'Rank applications & shortlist',
  stage: 'approval',
  riskTier: 'high',
  riskReasons: ['Employment use case (Annex III point 4)'],
  stepName: 'risk',
  dueAt: new Date('2026-12-01T10:00:00Z'),
  actionUrl: 'https://gov.example/actions/abc.def.ghi',
  inboxUrl: 'https://gov.example/inbox',
  taskUrl: 'https://gov.example/tasks/7f0c',
  systemUrl: 'https://gov.example/systems/5d1c',
};

describe('task prompt email', () => {
  it('says what is asked, the tier with its reasons, the due date and the link, in both parts', () => {
    const mail = renderTaskPrompt(model);
    expect(mail.subject).toBe('Action needed: approve "CV screener "beta"" (high risk)');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Annex III point 4');
      expect(part).toContain('2026-12-01 10:00 UTC');
      expect(part).toContain('https://gov.example/actions/abc.def.ghi');
    }
  });

  it('links the task, the system and the inbox in the application, not the JSON API', () => {
    const mail = renderTaskPrompt(model);
    expect(mail.text).toContain('Open the task in the application: https://gov.example/tasks/7f0c');
    expect(mail.text).toContain('The system in the application: https://gov.example/systems/5d1c');
    expect(mail.text).toContain('Your task inbox: https://gov.example/inbox');
    expect(mail.html).toContain('<a href="https://gov.example/tasks/7f0c">The task in the application</a>');
    expect(mail.html).toContain('<a href="https://gov.example/systems/5d1c">The system</a>');
    expect(mail.html).toContain('<a href="https://gov.example/inbox">Your task inbox</a>');
    for (const part of [mail.text, mail.html]) expect(part).not.toContain('/api/v1');
  });

  it('escapes every value in the HTML part', () => {
    const { html } = renderTaskPrompt(model);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Ann &lt;script&gt;');
    expect(html).toContain('Rank applications &amp; shortlist');
  });

  it('marks reminders and escalations in the subject', () => {
    expect(renderTaskPrompt({ ...model, kind: 'reminder' }).subject).toMatch(/^Reminder:/);
    expect(renderTaskPrompt({ ...model, kind: 'escalation', taskKind: 'review' }).subject).toMatch(/^Escalated to you: review/);
  });

  it('says on whose behalf a delegated task is decided, and why, escaped', () => {
    const mail = renderTaskPrompt({ ...model, kind: 'delegation', onBehalfOf: { name: 'Bo <b>', reason: 'on leave & busy' } });
    expect(mail.subject).toMatch(/^Delegated to you:/);
    expect(mail.text).toContain('You decide on behalf of Bo <b> (on leave & busy).');
    expect(mail.html).toContain('on behalf of Bo &lt;b&gt; (on leave &amp; busy)');
    expect(renderTaskPrompt(model).text).not.toContain('on behalf of');
  });
});

describe('task prompt email for a subject other than an AI system', () => {
  it('names the Statement of Applicability version and its facts instead of a system and a tier', () => {
    const mail = renderTaskPrompt({
      ...model,
      systemName: '',
      systemPurpose: '',
      stage: '',
      riskTier: null,
      riskReasons: [],
      stepName: 'governance',
      systemUrl: null,
      subject: { label: 'Statement of Applicability version 3', name: 'Statement of Applicability version 3', facts: [{ label: 'Controls', value: '120 applicable, 11 excluded' }] },
    });
    expect(mail.subject).toBe('Action needed: approve "Statement of Applicability version 3"');
    expect(mail.text).toContain('You are asked to approve, reject or request changes to Statement of Applicability version 3 (step: governance).');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('120 applicable, 11 excluded');
      expect(part).not.toMatch(/Risk tier|AI system|\/systems\//);
      expect(part).toContain('https://gov.example/tasks/7f0c');
    }
  });
});
