import { describeAnswers } from './assessment-answers';
import type { AssessmentTemplate, ImpactAssessment } from './task-queries';

/** The latest impact assessment's answers, by section (collapsible: long on a phone). */
export function AssessmentAnswers({ template, assessment }: { template: AssessmentTemplate; assessment: ImpactAssessment }) {
  const sections = describeAnswers(template, assessment.answers);
  return (
    <section aria-labelledby="answers-title" className="panel">
      <h2 id="answers-title">Assessment answers</h2>
      <p className="panel__meta">
        Version {assessment.version} of the assessment, questionnaire {assessment.templateVersion}.
      </p>
      {sections.map((section) => (
        <details key={section.section} className="answers">
          <summary>
            {section.section} <span className="answers__count">({section.rows.length})</span>
          </summary>
          <dl className="facts facts--stacked">
            {section.rows.map((row) => (
              <div key={row.questionId} className="facts__row">
                <dt>{row.question}</dt>
                <dd>{row.answer}</dd>
              </div>
            ))}
          </dl>
        </details>
      ))}
    </section>
  );
}
