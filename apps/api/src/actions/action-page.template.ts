import { escapeHtml } from '@aigov/notifications/html-escape';
import { CHECKLIST_RESULTS, REVIEW_CHECKLIST_ITEMS } from '@aigov/domain/review-checklist';
import { renderPage } from '../common/server-page';
import type { DescribedAnswer } from './assessment-answers';

const ITEM_LABEL: Record<string, string> = {
  performance: 'Performance against its metric',
  drift: 'Drift',
  bias_fairness: 'Bias and fairness results',
  incidents: 'Incidents since the last review',
  data_or_model_changes: 'Changes to data or model',
  intended_use: 'Still within its intended use',
};

/** The review checklist as form fields: a result per item (no default: each must be chosen) and a note. */
function reviewChecklistFields(): string {
  const rows = REVIEW_CHECKLIST_ITEMS.map((item) => {
    const options = CHECKLIST_RESULTS.map((r) => `<option value="${r}">${r.replace('_', ' ')}</option>`).join('');
    return `<p><label for="${item}">${escapeHtml(ITEM_LABEL[item])}</label><br>
<select id="${item}" name="${item}" required><option value="" selected disabled>choose</option>${options}</select>
<input name="${item}_note" maxlength="2000" placeholder="note (required for concern or fail)" aria-label="${escapeHtml(ITEM_LABEL[item])} note"></p>`;
  }).join('\n');
  return `<fieldset><legend>Review checklist</legend>
${rows}
<p><label for="evidence_uri">Evidence (a link to the report or dashboard looked at)</label><br>
<input id="evidence_label" name="evidence_label" maxlength="200" placeholder="label"> <input id="evidence_uri" name="evidence_uri" maxlength="2000" placeholder="https://…"></p>
<p><label for="corrective_title">Corrective action (for remediate)</label><br>
<input id="corrective_title" name="corrective_title" maxlength="200" placeholder="title"><br>
<textarea id="corrective_description" name="corrective_description" maxlength="4000" placeholder="what is to be done"></textarea></p>
</fieldset>`;
}

export interface ActionPageTask {
  kind: 'approval' | 'review';
  title: string;
  systemName: string;
  systemPurpose: string;
  riskTier: string | null;
  stepName: string | null;
  decisions: readonly string[];
  /** set for a subject other than an AI system (an SoA version): shown instead of the system's name, purpose and tier */
  subject?: { name: string; facts: Array<{ label: string; value: string }> } | null;
  /** for an AI system: its summary, why it has its tier, and the assessment's answers, so the decision is informed */
  system?: ActionPageSystemDetails | null;
}

export interface ActionPageSystemDetails {
  facts: Array<{ label: string; value: string }>;
  reasons: Array<{ text: string; reference: string; tier: string }>;
  /** the latest submitted impact assessment; null before the first */
  assessment: { version: number; submittedAt: Date; answers: DescribedAnswer[] } | null;
}

const LABEL: Record<string, string> = {
  approve: 'Approve',
  reject: 'Reject',
  request_changes: 'Request changes',
  continue: 'Continue operation',
  remediate: 'Remediate (keeps running; opens a corrective action)',
  rollback: 'Roll back',
  retire: 'Retire',
};

/** The system's summary, the reasons for its tier with their legal references, and the assessment's answers. */
function systemDetails(details: ActionPageSystemDetails): string {
  const facts = details.facts.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('\n');
  const reasons = details.reasons.length
    ? `<ul class="reasons">${details.reasons
        .map((r) => `<li>${escapeHtml(r.text)} <span class="muted">(${escapeHtml(r.reference)}; ${escapeHtml(r.tier)})</span></li>`)
        .join('\n')}</ul>`
    : '<p class="muted">No reasons recorded.</p>';
  const assessment = details.assessment;
  const answers = assessment
    ? [...new Set(assessment.answers.map((a) => a.section))]
        .map(
          (section) => `<table class="answers"><caption>${escapeHtml(section)}</caption>
${assessment.answers
  .filter((a) => a.section === section)
  .map((a) => `<tr><th scope="row">${escapeHtml(a.question)}</th><td>${escapeHtml(a.answer)}</td></tr>`)
  .join('\n')}
</table>`,
        )
        .join('\n')
    : '';
  return `<h2>The system</h2>
<dl class="facts">
${facts}
</dl>
<h2>Why this risk tier</h2>
${reasons}
<h2>Impact assessment answers</h2>
${
  assessment
    ? `<p class="muted">Version ${assessment.version}, submitted ${escapeHtml(assessment.submittedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC</p>\n${answers}`
    : '<p class="muted">No impact assessment has been submitted yet.</p>'
}`;
}

/**
 * The confirmation page an emailed link opens. Opening it changes nothing (mail scanners
 * prefetch links); only submitting the form records a decision.
 */
export function renderDecisionForm(task: ActionPageTask): string {
  const options = task.decisions
    .map(
      (d, i) =>
        `<label class="choice"><input type="radio" name="decision" value="${escapeHtml(d)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(LABEL[d] ?? d)}</label>`,
    )
    .join('\n');
  return renderPage(
    task.title,
    `<h1>${escapeHtml(task.title)}</h1>
${
  task.subject
    ? `<p><strong>${escapeHtml(task.subject.name)}</strong></p>
${task.subject.facts.map((f) => `<p class="muted">${escapeHtml(f.label)}: ${escapeHtml(f.value)}</p>`).join('\n')}${task.stepName ? `\n<p class="muted">step: ${escapeHtml(task.stepName)}</p>` : ''}`
    : `<p><strong>${escapeHtml(task.systemName)}</strong>: ${escapeHtml(task.systemPurpose)}</p>
<p class="muted">Risk tier: ${escapeHtml(task.riskTier ?? 'not assessed')}${task.stepName ? ` · step: ${escapeHtml(task.stepName)}` : ''}</p>${
        task.system ? `\n${systemDetails(task.system)}` : ''
      }`
}
<form method="post">
${task.kind === 'review' ? reviewChecklistFields() : ''}
<fieldset><legend>Your decision</legend>
${options}
<p><label for="comment">Comment (required unless you approve or continue)</label><br>
<textarea id="comment" name="comment" maxlength="4000"></textarea></p>
</fieldset>
<button type="submit" class="primary">Record decision</button>
</form>`,
  );
}

/** `stage` is the AI system's stage after the decision; null for other subjects (an SoA version). */
export function renderDecisionDone(decision: string, subjectName: string, stage: string | null): string {
  const after = stage === null ? '' : ` The system is now in stage\n<strong>${escapeHtml(stage)}</strong>.`;
  return renderPage(
    'Decision recorded',
    `<h1>Decision recorded</h1><p>Your decision <strong>${escapeHtml(LABEL[decision] ?? decision)}</strong> on
<strong>${escapeHtml(subjectName)}</strong> is recorded in the audit trail.${after}</p><p class="muted">This link cannot be used again.</p>`,
  );
}

export function renderActionError(status: number, message: string): string {
  return renderPage('Cannot use this link', `<h1>Cannot use this link</h1><p>${escapeHtml(message)}</p><p class="muted">HTTP ${status}</p>`);
}
