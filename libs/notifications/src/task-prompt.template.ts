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
  inboxUrl: string;
  /** whom the recipient decides for (out-of-office routing or delegation), and why */
  onBehalfOf?: { name: string; reason: string | null } | null;
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

/** The email sent for one task: plain text and HTML with the same content. */
export function renderTaskPrompt(m: TaskPromptModel): RenderedMail {
  const what = `${ASK[m.taskKind]} the AI system "${m.systemName}"${m.stepName ? ` (step: ${m.stepName})` : ''}`;
  const due = m.dueAt ? m.dueAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'no due date';
  const tier = m.riskTier ?? 'not assessed';
  const subject = `${PREFIX[m.kind]}: ${m.taskKind === 'approval' ? 'approve' : 'review'} "${m.systemName}" (${tier} risk)`;
  const reasons = m.riskReasons.length ? m.riskReasons : ['no reasons recorded'];
  const behalf = m.onBehalfOf
    ? `You decide on behalf of ${m.onBehalfOf.name}${m.onBehalfOf.reason ? ` (${m.onBehalfOf.reason})` : ''}.`
    : null;
  const text = [
    `Hello ${m.recipientName},`,
    '',
    `You are asked to ${what}.`,
    ...(behalf ? [behalf] : []),
    '',
    `Purpose: ${m.systemPurpose}`,
    `Stage: ${m.stage}`,
    `Risk tier: ${tier}`,
    ...reasons.map((r) => `  - ${r}`),
    `Due: ${due}`,
    '',
    `Decide here (you will be asked to confirm): ${m.actionUrl}`,
    `Your task inbox: ${m.inboxUrl}`,
    '',
    'The link is personal, works once and expires. Opening it changes nothing until you confirm.',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:640px">
<p>Hello ${escapeHtml(m.recipientName)},</p>
<p>You are asked to <strong>${escapeHtml(what)}</strong>.</p>
${behalf ? `<p>${escapeHtml(behalf)}</p>\n` : ''}<table cellpadding="4">
<tr><th align="left">Purpose</th><td>${escapeHtml(m.systemPurpose)}</td></tr>
<tr><th align="left">Stage</th><td>${escapeHtml(m.stage)}</td></tr>
<tr><th align="left">Risk tier</th><td>${escapeHtml(tier)}<ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul></td></tr>
<tr><th align="left">Due</th><td>${escapeHtml(due)}</td></tr>
</table>
<p><a href="${escapeHtml(m.actionUrl)}">Open the decision page</a> (you will be asked to confirm) &middot; <a href="${escapeHtml(m.inboxUrl)}">Task inbox</a></p>
<p style="color:#666;font-size:smaller">The link is personal, works once and expires. Opening it changes nothing until you confirm.</p>
</body></html>`;
  return { subject, text, html };
}
