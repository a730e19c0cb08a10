import { PAGE_STYLESHEET_HREF } from '../common/server-page';
import { ActionPageTask, renderActionError, renderDecisionDone, renderDecisionForm } from './action-page.template';

const task: ActionPageTask = {
  kind: 'approval',
  title: 'Approve "CV screener"',
  systemName: 'CV screener <beta>',
  systemPurpose: 'Rank applications & shortlist',
  riskTier: 'high',
  stepName: 'risk',
  decisions: ['approve', 'reject', 'request_changes'],
  system: {
    facts: [
      { label: 'Intended use', value: 'First pass <script>alert(1)</script>' },
      { label: 'Business unit', value: 'HR' },
    ],
    reasons: [{ text: 'Employment use case', reference: 'EU AI Act Annex III point 4', tier: 'high' }],
    assessment: {
      version: 2,
      submittedAt: new Date('2026-11-30T09:15:00Z'),
      answers: [
        { id: 'annex3_area', section: 'High-risk classification (Art. 6, Annex III)', question: 'Is the system intended to be used in one of these areas?', answer: 'Employment & workers' },
        { id: 'mitigations', section: 'Context (ISO/IEC 42005)', question: 'Which measures reduce the risks identified?', answer: '"Weekly" <b>bias</b> test' },
      ],
    },
  },
};

describe('emailed action pages', () => {
  it('carry no inline style or script, only the served stylesheet (the pages’ CSP refuses inline ones)', () => {
    for (const html of [renderDecisionForm(task), renderDecisionDone('approve', 'CV screener', 'deployment'), renderActionError(409, 'used')]) {
      expect(html).not.toMatch(/<style|<script|\sstyle=|\son[a-z]+=/i);
      expect(html).toContain(`<link rel="stylesheet" href="${PAGE_STYLESHEET_HREF}">`);
    }
  });

  it('show the system’s summary, the reasons for its tier and the assessment’s answers, escaped', () => {
    const html = renderDecisionForm(task);
    expect(html).toContain('<dt>Business unit</dt><dd>HR</dd>');
    expect(html).toContain('First pass &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Employment use case <span class="muted">(EU AI Act Annex III point 4; high)</span>');
    expect(html).toContain('Version 2, submitted 2026-11-30 09:15 UTC');
    expect(html).toContain('<caption>High-risk classification (Art. 6, Annex III)</caption>');
    expect(html).toContain('<td>Employment &amp; workers</td>');
    expect(html).toContain('&quot;Weekly&quot; &lt;b&gt;bias&lt;/b&gt; test');
    expect(html).toContain('CV screener &lt;beta&gt;');
  });

  it('say so when no assessment or reason exists yet, and show none of it for another subject', () => {
    const early = renderDecisionForm({ ...task, system: { facts: [], reasons: [], assessment: null } });
    expect(early).toContain('No impact assessment has been submitted yet.');
    expect(early).toContain('No reasons recorded.');
    const soa = renderDecisionForm({ ...task, system: null, subject: { name: 'Statement of Applicability version 3', facts: [{ label: 'Controls', value: '120' }] } });
    expect(soa).not.toContain('Impact assessment answers');
    expect(soa).toContain('Controls: 120');
  });
});
