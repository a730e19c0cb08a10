import { escapeHtml } from './html-escape';
import type { RenderedMail } from './task-prompt.template';

export type ReassessmentNoticeKind = 'request' | 'reminder' | 'overdue' | 'escalation' | 'prohibited';

/** One system in a notice, as its owner or the governance office reads it. */
export interface NoticeSystem {
  name: string;
  /** the tier it runs under now */
  fromTier: string | null;
  lowestTier: string;
  highestTier: string;
  /** the texts of the unanswered questions that could raise its tier */
  questions: string[];
  /** the web application's re-assessment page (owners) or system page (governance office) */
  url: string;
  ownerName?: string;
}

export interface ReassessmentNoticeModel {
  kind: ReassessmentNoticeKind;
  recipientName: string;
  questionnaireVersion: string;
  /** why the version exists */
  note: string | null;
  dueAt: Date;
  systems: NoticeSystem[];
  /** systems beyond those listed (a long escalation list is cut) */
  more: number;
  /** the inbox (owners) or the overdue list (governance office) */
  listUrl: string;
}

const day = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** What the tier could become, in words: "limited; could become prohibited", "will become minimal". */
export function tierOutlook(s: Pick<NoticeSystem, 'fromTier' | 'lowestTier' | 'highestTier'>): string {
  const now = s.fromTier ?? 'not assessed';
  if (s.lowestTier === s.highestTier) return `${now}; will become ${s.lowestTier} under the new version`;
  const low = s.lowestTier === s.fromTier ? 'stays' : `becomes at least ${s.lowestTier}`;
  return `${now}; ${low} and could become ${s.highestTier}, depending on the answers`;
}

function subjectOf(m: ReassessmentNoticeModel): string {
  const n = m.systems.length + m.more;
  switch (m.kind) {
    case 'request':
      return `Re-assess by ${day(m.dueAt)}: impact assessment questionnaire ${m.questionnaireVersion}`;
    case 'reminder':
      return `Reminder: re-assess by ${day(m.dueAt)} (questionnaire ${m.questionnaireVersion})`;
    case 'overdue':
      return `Overdue: the re-assessment on questionnaire ${m.questionnaireVersion} was due ${day(m.dueAt)}`;
    case 'escalation':
      return `Escalated: ${n} re-assessment${n === 1 ? '' : 's'} on questionnaire ${m.questionnaireVersion} overdue`;
    case 'prohibited':
      return `Prohibited practice found: re-assessment on questionnaire ${m.questionnaireVersion}`;
  }
}

function lead(m: ReassessmentNoticeModel): string[] {
  const why = m.note ? ` (${m.note})` : '';
  switch (m.kind) {
    case 'request':
      return [
        `The impact assessment questionnaire has a new version, ${m.questionnaireVersion}${why}.`,
        `It could change the risk tier of the systems below, which you own. Please answer the new version by ${day(m.dueAt)}.`,
        'Until then each system keeps running on its approved version and tier.',
      ];
    case 'reminder':
      return [`Your re-assessment on questionnaire ${m.questionnaireVersion} is due ${day(m.dueAt)} and still open for these systems:`];
    case 'overdue':
      return [
        `Your re-assessment on questionnaire ${m.questionnaireVersion} was due ${day(m.dueAt)} and is still open for these systems.`,
        'The governance office sees them as overdue. Please answer the new version now.',
      ];
    case 'escalation':
      return [`These re-assessments on questionnaire ${m.questionnaireVersion} were due ${day(m.dueAt)} and are still open:`];
    case 'prohibited':
      return [
        `A re-assessment on questionnaire ${m.questionnaireVersion} found a prohibited practice (EU AI Act Art. 5).`,
        'The reclassification was refused and the system still runs its approved version: decide now whether to roll it back or retire it.',
      ];
  }
}

/** The mail for one recipient: plain text and HTML with the same content. */
export function renderReassessmentNotice(m: ReassessmentNoticeModel): RenderedMail {
  const line = (s: NoticeSystem) => `${s.name}${s.ownerName ? ` (owner: ${s.ownerName})` : ''}: ${tierOutlook(s)}`;
  const text = [
    `Hello ${m.recipientName},`,
    '',
    ...lead(m),
    '',
    ...m.systems.flatMap((s) => [`- ${line(s)}`, ...s.questions.map((q) => `    Question to answer: ${q}`), `    ${s.url}`]),
    ...(m.more ? [`- and ${m.more} more`] : []),
    '',
    `All of them: ${m.listUrl}`,
  ].join('\n');
  const items = m.systems
    .map(
      (s) =>
        `<li><a href="${escapeHtml(s.url)}">${escapeHtml(s.name)}</a>${s.ownerName ? ` (owner: ${escapeHtml(s.ownerName)})` : ''}: ${escapeHtml(tierOutlook(s))}` +
        (s.questions.length ? `<ul>${s.questions.map((q) => `<li>Question to answer: ${escapeHtml(q)}</li>`).join('')}</ul>` : '') +
        '</li>',
    )
    .join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:640px">
<p>Hello ${escapeHtml(m.recipientName)},</p>
${lead(m)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join('\n')}
<ul>
${items}${m.more ? `\n<li>and ${m.more} more</li>` : ''}
</ul>
<p><a href="${escapeHtml(m.listUrl)}">All of them in the application</a></p>
</body></html>`;
  return { subject: subjectOf(m), text, html };
}
