import { escapeHtml } from './html-escape';

export type PromptKind = 'request' | 'reminder' | 'escalation' | 'delegation';

export interface TaskPromptModel {
  kind: PromptKind;
  taskKind: 'approval' | 'review';
  recipientName: string;
  systemName: string;
  systemPurpose: string;
  stage: string;
  riskTier: string | null;
  riskReasons: string[];
  stepName: string | null;
  dueAt: Date | null;
  actionUrl: string;
  /** the application's pages (not the JSON API): `${publicBaseUrl}/inbox`, `/tasks/<id>`, `/systems/<id>` */
  inboxUrl: string;
  taskUrl: string;
  /** set when the task is about an AI system */
  systemUrl?: string | null;
  /** whom the recipient decides for (out-of-office routing or delegation), and why */
  onBehalfOf?: { name: string; reason: string | null } | null;
  /**
   * Set when the task approves something other than an AI system (a Statement of Applicability
   * version, a risk acceptance): its label and facts replace the system's name, purpose, stage
   * and risk tier, which are then ignored.
   */
  subject?: PromptSubject | null;
}

/** What is approved, as the email names it: `Statement of Applicability version 3` and a few facts. */
export interface PromptSubject {
  label: string;
  name: string;
  facts: Array<{ label: string; value: string; list?: string[] }>;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const ASK: Record<TaskPromptModel['taskKind'], string> = {
  approval: 'approve, reject or request changes to',
  review: 'carry out the periodic review of',
};

const PREFIX: Record<PromptKind, string> = {
  request: 'Action needed',
  reminder: 'Reminder',
  escalation: 'Escalated to you',
  delegation: 'Delegated to you',
};

/** The AI system as the subject of a prompt, from the model's system fields. */
function systemSubject(m: TaskPromptModel): PromptSubject {
  return {
    label: `the AI system "${m.systemName}"`,
    name: m.systemName,
    facts: [
      { label: 'Purpose', value: m.systemPurpose },
      { label: 'Stage', value: m.stage },
      { label: 'Risk tier', value: m.riskTier ?? 'not assessed', list: m.riskReasons.length ? m.riskReasons : ['no reasons recorded'] },
    ],
  };
}

/** The email sent for one task: plain text and HTML with the same content. */
export function renderTaskPrompt(m: TaskPromptModel): RenderedMail {
  const subject = m.subject ?? systemSubject(m);
  const what = `${ASK[m.taskKind]} ${subject.label}${m.stepName ? ` (step: ${m.stepName})` : ''}`;
  const due = m.dueAt ? m.dueAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'no due date';
  const qualifier = m.subject ? '' : ` (${m.riskTier ?? 'not assessed'} risk)`;
  const mailSubject = `${PREFIX[m.kind]}: ${m.taskKind === 'approval' ? 'approve' : 'review'} "${subject.name}"${qualifier}`;
  const behalf = m.onBehalfOf
    ? `You decide on behalf of ${m.onBehalfOf.name}${m.onBehalfOf.reason ? ` (${m.onBehalfOf.reason})` : ''}.`
    : null;
  const text = [
    `Hello ${m.recipientName},`,
    '',
    `You are asked to ${what}.`,
    ...(behalf ? [behalf] : []),
    '',
    ...subject.facts.flatMap((f) => [`${f.label}: ${f.value}`, ...(f.list ?? []).map((r) => `  - ${r}`)]),
    `Due: ${due}`,
    '',
    `Decide here (you will be asked to confirm): ${m.actionUrl}`,
    `Open the task in the application: ${m.taskUrl}`,
    ...(m.systemUrl ? [`The system in the application: ${m.systemUrl}`] : []),
    `Your task inbox: ${m.inboxUrl}`,
    '',
    'The link is personal, works once and expires. Opening it changes nothing until you confirm.',
  ].join('\n');
  const rows = subject.facts
    .map((f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}${f.list ? `<ul>${f.list.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : ''}</td></tr>`)
    .join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:640px">
<p>Hello ${escapeHtml(m.recipientName)},</p>
<p>You are asked to <strong>${escapeHtml(what)}</strong>.</p>
${behalf ? `<p>${escapeHtml(behalf)}</p>\n` : ''}<table cellpadding="4">
${rows}
<tr><th align="left">Due</th><td>${escapeHtml(due)}</td></tr>
</table>
<p><a href="${escapeHtml(m.actionUrl)}">Open the decision page</a> (you will be asked to confirm)</p>
<p><a href="${escapeHtml(m.taskUrl)}">The task in the application</a>${m.systemUrl ? ` &middot; <a href="${escapeHtml(m.systemUrl)}">The system</a>` : ''} &middot; <a href="${escapeHtml(m.inboxUrl)}">Your task inbox</a></p>
<p style="color:#666;font-size:smaller">The link is personal, works once and expires. Opening it changes nothing until you confirm.</p>
</body></html>`;
  return { subject: mailSubject, text, html };
}
