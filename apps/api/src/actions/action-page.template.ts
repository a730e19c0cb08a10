import { escapeHtml } from '@aigov/notifications/html-escape';
import { CHECKLIST_RESULTS, REVIEW_CHECKLIST_ITEMS } from '@aigov/domain/review-checklist';

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

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
fieldset{border:1px solid #ccd;padding:1rem}textarea{width:100%;min-height:5rem}button{margin-top:1rem;padding:.5rem 1.25rem}
.muted{color:#5a6472}</style></head><body>${body}</body></html>`;
}

/**
 * The confirmation page an emailed link opens. Opening it changes nothing (mail scanners
 * prefetch links); only submitting the form records a decision.
 */
export function renderDecisionForm(task: ActionPageTask): string {
  const options = task.decisions
    .map(
      (d, i) =>
        `<label><input type="radio" name="decision" value="${escapeHtml(d)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(LABEL[d] ?? d)}</label><br>`,
    )
    .join('\n');
  return layout(
    task.title,
    `<h1>${escapeHtml(task.title)}</h1>
${
  task.subject
    ? `<p><strong>${escapeHtml(task.subject.name)}</strong></p>
${task.subject.facts.map((f) => `<p class="muted">${escapeHtml(f.label)}: ${escapeHtml(f.value)}</p>`).join('\n')}${task.stepName ? `\n<p class="muted">step: ${escapeHtml(task.stepName)}</p>` : ''}`
    : `<p><strong>${escapeHtml(task.systemName)}</strong>: ${escapeHtml(task.systemPurpose)}</p>
<p class="muted">Risk tier: ${escapeHtml(task.riskTier ?? 'not assessed')}${task.stepName ? ` · step: ${escapeHtml(task.stepName)}` : ''}</p>`
}
<form method="post">
${task.kind === 'review' ? reviewChecklistFields() : ''}
<fieldset><legend>Your decision</legend>
${options}
<p><label for="comment">Comment (required unless you approve or continue)</label><br>
<textarea id="comment" name="comment" maxlength="4000"></textarea></p>
</fieldset>
<button type="submit">Record decision</button>
</form>`,
  );
}

/** `stage` is the AI system's stage after the decision; null for other subjects (an SoA version). */
export function renderDecisionDone(decision: string, subjectName: string, stage: string | null): string {
  const after = stage === null ? '' : ` The system is now in stage\n<strong>${escapeHtml(stage)}</strong>.`;
  return layout(
    'Decision recorded',
    `<h1>Decision recorded</h1><p>Your decision <strong>${escapeHtml(LABEL[decision] ?? decision)}</strong> on
<strong>${escapeHtml(subjectName)}</strong> is recorded in the audit trail.${after}</p><p class="muted">This link cannot be used again.</p>`,
  );
}

export function renderActionError(status: number, message: string): string {
  return layout('Cannot use this link', `<h1>Cannot use this link</h1><p>${escapeHtml(message)}</p><p class="muted">HTTP ${status}</p>`);
}
