import { useDeferredValue, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { humanize } from '../../app/format';
import { ErrorState } from '../../components/ErrorState';
import { FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { answersToSend, questionOfField, sectionsOf, startingAnswers, type Answers } from './assessment-draft';
import { useFlashNotice } from './flash-notice';
import { QuestionField } from './QuestionField';
import { StageBadge } from './SystemBadges';
import { aiSystemQuery, assessmentPreviewQuery, assessmentsQuery, assessmentTemplateQuery, type AiSystemDetail } from './system-queries';
import { TierPreview } from './TierPreview';
import { ScopeProposalPanel } from '../scope/ScopeProposalPanel';
import { useSubmitAssessment, useSubmitForAssessment } from './use-system-actions';
import type { AssessmentTemplate } from '../tasks/task-queries';
import './systems.css';

const draftKey = (systemId: string) => `aigov.assessment-draft.${systemId}`;

/**
 * /systems/:id/assessment: the impact assessment by section. As the owner answers, the API
 * computes the tier and its reasons with their legal references (the preview writes nothing),
 * shown before anything is submitted; submitting records the assessment and starts approval.
 */
export default function AssessmentPage() {
  const { id = '' } = useParams();
  const system = useQuery(aiSystemQuery(id));
  const template = useQuery(assessmentTemplateQuery);
  const history = useQuery(assessmentsQuery(id));
  useDocumentTitle(system.data ? `Impact assessment · ${system.data.name}` : 'Impact assessment');

  if (system.isPending || template.isPending || history.isPending) return <LoadingState label="Loading the questionnaire…" />;
  if (system.isError) return <ErrorState error={system.error} what="system" onRetry={() => void system.refetch()} />;
  if (template.isError || history.isError) return <ErrorState error={template.error ?? history.error} onRetry={() => void Promise.all([template.refetch(), history.refetch()])} />;
  const latest = [...history.data].sort((a, b) => b.version - a.version)[0];
  return <Questionnaire key={system.data.id} system={system.data} template={template.data} previous={latest?.answers} />;
}

function Questionnaire({ system, template, previous }: { system: AiSystemDetail; template: AssessmentTemplate; previous?: Answers }) {
  const navigate = useNavigate();
  const notice = useFlashNotice();
  const sections = useMemo(() => sectionsOf(template), [template]);
  const [answers, setAnswers] = useState<Answers>(() => {
    try {
      const saved = sessionStorage.getItem(draftKey(system.id));
      if (saved) return JSON.parse(saved) as Answers;
    } catch {
      // a broken draft starts afresh
    }
    return startingAnswers(template, previous);
  });
  const canSubmit = system.availableActions.includes('assess') || system.availableActions.includes('submit_for_assessment');
  const sent = useMemo(() => answersToSend(template, answers), [template, answers]);
  // The preview follows the answers without a request per keystroke in the text answer.
  const deferred = useDeferredValue(sent);
  const preview = useQuery({ ...assessmentPreviewQuery(system.id, deferred), enabled: canSubmit });
  const toAssessment = useSubmitForAssessment(system.id);
  const submit = useSubmitAssessment(system.id);
  const error = toAssessment.error ?? submit.error;
  const refused = error instanceof ApiError ? questionOfField(error.field) : undefined;
  const [changedSince, setChangedSince] = useState<Set<string>>(new Set());

  useEffect(() => {
    sessionStorage.setItem(draftKey(system.id), JSON.stringify(answers));
  }, [system.id, answers]);

  function answer(questionId: string, value: unknown) {
    setAnswers((current) => ({ ...current, [questionId]: value }));
    if (refused === questionId) setChangedSince((current) => new Set(current).add(questionId));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChangedSince(new Set());
    submit.reset();
    toAssessment.reset();
    try {
      // A system still in design goes to impact assessment first; both are the owner's one step here.
      if (system.stage === 'design') await toAssessment.mutateAsync();
      const result = await submit.mutateAsync(sent);
      sessionStorage.removeItem(draftKey(system.id));
      navigate(`/systems/${system.id}`, {
        state: {
          notice:
            result.stage === 'rejected'
              ? `The assessment found a prohibited practice: the system is rejected (tier ${humanize(result.riskTier)}).`
              : `Assessment submitted: risk tier ${humanize(result.riskTier)}. Approval has started.`,
        },
      });
    } catch (failure) {
      const question = failure instanceof ApiError ? questionOfField(failure.field) : undefined;
      if (question) document.getElementById(`q-${question}`)?.focus();
    }
  }

  const unanswered = preview.data?.unanswered ?? [];
  const busy = toAssessment.isPending || submit.isPending;

  return (
    <article className="page assessment" aria-labelledby="assessment-title">
      <p className="breadcrumb">
        <Link to={`/systems/${system.id}`}>{system.name}</Link>
      </p>
      <h1 id="assessment-title">Impact assessment</h1>
      <p className="page__lead">
        {system.name} · <StageBadge stage={system.stage} /> · questionnaire {template.version}
      </p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {!canSubmit ? (
        <div className="notice notice--info">
          <p>
            The assessment cannot be answered now: the system is in {humanize(system.stage).toLowerCase()}
            {system.availableActions.length === 0 && system.stage === 'impact_assessment' ? ', and only its accountable owner or the governance office answers it' : ''}.
          </p>
          <p>
            <Link to={`/systems/${system.id}`}>Back to the system</Link>
          </p>
        </div>
      ) : (
        <form className="assessment__layout" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="assessment-title">
          <div className="assessment__questions">
            {previous ? <p className="panel__meta">Your last assessment’s answers are filled in: change what has changed.</p> : null}
            {sections.map((section, index) => (
              <section key={section.title} className="panel assessment__section" aria-labelledby={`section-${index}`}>
                <p className="assessment__section-number">
                  Part {index + 1} of {sections.length}
                </p>
                <h2 id={`section-${index}`} className="assessment__section-title">
                  {section.title}
                </h2>
                {section.questions.map((question) => (
                  <QuestionField
                    key={question.id}
                    question={question}
                    value={answers[question.id]}
                    onAnswer={(value) => answer(question.id, value)}
                    error={refused === question.id && !changedSince.has(question.id) ? error!.message : undefined}
                    unanswered={question.required && unanswered.includes(question.id)}
                  />
                ))}
              </section>
            ))}
          </div>
          <aside className="assessment__aside" aria-labelledby="preview-title">
            <TierPreview
              preview={preview.data}
              pending={preview.isPending}
              error={preview.error}
              questions={template.questions}
              fresh={!preview.isPlaceholderData && deferred === sent}
            />
            <div className="panel panel--action">
              <FormProblem error={error && !refused ? error : null} />
              {refused ? (
                <p className="form-problem" role="alert">
                  <span className="form-problem__title">The assessment was not accepted.</span> {error!.message}. The question is marked above; your answers are kept.
                </p>
              ) : null}
              <p>
                {unanswered.length
                  ? `Answer the ${unanswered.length === 1 ? 'remaining required question' : `${unanswered.length} remaining required questions`} to submit.`
                  : 'Submitting records these answers and the tier shown, and asks the approvers the tier needs.'}
              </p>
              <button type="submit" className="button" disabled={busy || unanswered.length > 0 || !preview.data}>
                {busy ? 'Submitting…' : 'Submit the assessment'}
              </button>
            </div>
          </aside>
        </form>
      )}
      {canSubmit ? <ScopeProposalPanel systemId={system.id} /> : null}
    </article>
  );
}
