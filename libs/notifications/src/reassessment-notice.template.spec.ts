import { renderReassessmentNotice, ReassessmentNoticeModel, tierOutlook } from './reassessment-notice.template';

const model: ReassessmentNoticeModel = {
  kind: 'request',
  recipientName: 'Olga <Owner>',
  questionnaireVersion: '2026-12.1',
  note: 'Digital Omnibus: new Art. 5 prohibition',
  dueAt: new Date('2027-01-15T09:30:00Z'),
  systems: [
    {
      name: 'Chat "helper"',
      fromTier: 'limited',
      lowestTier: 'limited',
      highestTier: 'prohibited',
      questions: ['Does the system generate non-consensual intimate imagery?'],
      url: 'https://gov.example/systems/5d1c/reassessment',
    },
  ],
  more: 0,
  listUrl: 'https://gov.example/inbox',
};

describe('re-assessment notices', () => {
  it('asks the owner to answer the new version by the due date, naming the question that decides, in both parts', () => {
    const mail = renderReassessmentNotice(model);
    expect(mail.subject).toBe('Re-assess by 2027-01-15 09:30 UTC: impact assessment questionnaire 2026-12.1');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('keeps running on its approved version and tier');
      expect(part).toContain('could become prohibited');
      expect(part).toContain('Does the system generate non-consensual intimate imagery?');
      expect(part).toContain('https://gov.example/systems/5d1c/reassessment');
      expect(part).not.toContain('/api/v1');
    }
    expect(mail.html).toContain('Olga &lt;Owner&gt;');
    expect(mail.html).toContain('Chat &quot;helper&quot;');
    expect(mail.html).not.toContain('<Owner>');
  });

  it('says overdue, escalated and prohibited plainly, and counts what an escalation leaves out', () => {
    expect(renderReassessmentNotice({ ...model, kind: 'reminder' }).subject).toBe('Reminder: re-assess by 2027-01-15 09:30 UTC (questionnaire 2026-12.1)');
    expect(renderReassessmentNotice({ ...model, kind: 'overdue' }).text).toContain('The governance office sees them as overdue');
    const escalation = renderReassessmentNotice({ ...model, kind: 'escalation', more: 4, systems: [{ ...model.systems[0], ownerName: 'Olga' }] });
    expect(escalation.subject).toBe('Escalated: 5 re-assessments on questionnaire 2026-12.1 overdue');
    expect(escalation.text).toContain('(owner: Olga)');
    expect(escalation.text).toContain('- and 4 more');
    expect(renderReassessmentNotice({ ...model, kind: 'prohibited' }).text).toContain('roll it back or retire it');
  });

  it('describes what the tier will or could become', () => {
    expect(tierOutlook({ fromTier: 'limited', lowestTier: 'limited', highestTier: 'prohibited' })).toBe(
      'limited; stays and could become prohibited, depending on the answers',
    );
    expect(tierOutlook({ fromTier: 'limited', lowestTier: 'minimal', highestTier: 'minimal' })).toBe('limited; will become minimal under the new version');
    expect(tierOutlook({ fromTier: 'minimal', lowestTier: 'limited', highestTier: 'high' })).toBe('minimal; becomes at least limited and could become high, depending on the answers');
  });
});
