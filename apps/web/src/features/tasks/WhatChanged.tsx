import { humanize } from '../../app/format';
import { changedAnswers } from './assessment-answers';
import type { AiSystemDetail, AssessmentTemplate, ImpactAssessment, MaterialChange } from './task-queries';

/**
 * What changed since the last approved version: the material change under approval (kinds,
 * description, new model, data, purpose, affected groups) and the assessment answers that
 * differ from the previous assessment. A first approval says there is nothing before it.
 */
export function WhatChanged({
  system,
  change,
  template,
  assessments,
}: {
  system: AiSystemDetail;
  change: MaterialChange | undefined;
  template: AssessmentTemplate;
  assessments: ImpactAssessment[];
}) {
  const ordered = [...assessments].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1);
  const previous = ordered.at(-2);
  const answers = latest && previous ? changedAnswers(template, previous.answers, latest.answers) : [];
  return (
    <section aria-labelledby="changed-title" className="panel">
      <h2 id="changed-title">What changed</h2>
      {!system.lastApprovedVersion && !change ? (
        <p>This is the system's first approval: no version of it was approved before.</p>
      ) : (
        <p>
          Since the last approved version{system.lastApprovedVersion ? ` (${system.lastApprovedVersion})` : ''}
          {change ? `, proposed as ${change.version}` : ''}:
        </p>
      )}
      {change ? (
        <dl className="facts">
          <div className="facts__row">
            <dt>Kind of change</dt>
            <dd>{change.kinds.map(humanize).join(', ')}</dd>
          </div>
          <div className="facts__row">
            <dt>Described as</dt>
            <dd>{change.description}</dd>
          </div>
          {change.model ? (
            <div className="facts__row">
              <dt>New model</dt>
              <dd>
                {change.model.name} {change.model.version}
              </dd>
            </div>
          ) : null}
          {change.datasets.length ? (
            <div className="facts__row">
              <dt>Data</dt>
              <dd>{change.datasets.map((d) => `${d.name} ${d.version}`).join(', ')}</dd>
            </div>
          ) : null}
          {change.newPurpose ? (
            <div className="facts__row">
              <dt>New purpose</dt>
              <dd>{change.newPurpose}</dd>
            </div>
          ) : null}
          {change.newAffectedGroups.length ? (
            <div className="facts__row">
              <dt>Newly affected</dt>
              <dd>{change.newAffectedGroups.join(', ')}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {previous ? (
        answers.length ? (
          <>
            <h3>Assessment answers changed since version {previous.version}</h3>
            <ul className="diff">
              {answers.map((a) => (
                <li key={a.questionId}>
                  <p className="diff__question">{a.question}</p>
                  <p>
                    <span className="diff__before">
                      <span className="visually-hidden">Before: </span>
                      {a.before}
                    </span>{' '}
                    <span aria-hidden="true">→</span>{' '}
                    <span className="diff__after">
                      <span className="visually-hidden">Now: </span>
                      {a.after}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>The assessment answers are the same as in version {previous.version}.</p>
        )
      ) : null}
    </section>
  );
}
