import { useDeferredValue, useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { answersToSend, questionOfField, sectionsOf, startingAnswers, type Answers } from '../systems/assessment-draft';
import { QuestionField } from '../systems/QuestionField';
import { TierBadge } from '../systems/SystemBadges';
import { aiSystemQuery, assessmentsQuery, type AiSystemDetail } from '../systems/system-queries';
import { TierPreview } from '../systems/TierPreview';
import { reassessmentPreviewQuery, reassessmentsQuery, useAnswerReassessment, versionQuery, type Definition, type Reassessment, type ReassessmentPreview } from './questionnaire-queries';
import { ReassessmentMarkers } from './ReassessmentMarkers';
import '../systems/systems.css';
import './questionnaire.css';

const PATH_TEXT: Record<string, string> = {
  unchanged: 'The tier stays as it is: submitting records these answers as the system’s next assessment. Nothing else changes.',
  reclassification: 'The tier changes: submitting proposes a reclassification for approval (the approvers the new tier needs). The approved version keeps running meanwhile, and the reclassified one is deployed once approved.',
  prohibited: 'These answers describe a prohibited practice: the reclassification will be refused and the governance office told at once. The system still runs its approved version until it is rolled back or retired.',
};

/**
 * /systems/:id/reassessment: the owner answers the questionnaire version a re-assessment asks
 * for, starting from the system's last answers (new questions marked), sees the tier and what
 * submitting will do, and submits. The API decides: same tier recorded, another tier proposed
 * for approval, a prohibited practice refused.
 */
export default function ReassessmentPage() {
  const { id = '' } = useParams();
  const system = useQuery(aiSystemQuery(id));
  const requests = useQuery(reassessmentsQuery({ systemId: id }));
  const history = useQuery(assessmentsQuery(id));
  useDocumentTitle(system.data ? `Re-assessment · ${system.data.name}` : 'Re-assessment');
  if (system.isPending || requests.isPending || history.isPending) return <LoadingState label="Loading the re-assessment…" />;
  if (system.isError) return <ErrorState error={system.error} what="system" onRetry={() => void system.refetch()} />;
  if (requests.isError || history.isError) return <ErrorState error={requests.error ?? history.error} onRetry={() => void Promise.all([requests.refetch(), history.refetch()])} />;
  const request = requests.data.items.find((r) => r.state === 'open' || r.state === 'overdue');
  if (!request) {
    return (
      <section className="page" aria-labelledby="reassessment-title">
        <p className="breadcrumb">
          <Link to={`/systems/${id}`}>{system.data.name}</Link>
        </p>
        <h1 id="reassessment-title">Re-assessment</h1>
        <EmptyState title="No re-assessment is asked of this system">
          <p>When a new questionnaire version could change its tier, the request appears here and in your inbox.</p>
        </EmptyState>
      </section>
    );
  }
  const latest = [...history.data].sort((a, b) => b.version - a.version)[0];
  return <VersionLoader system={system.data} request={request} previous={latest?.answers} />;
}

function VersionLoader({ system, request, previous }: { system: AiSystemDetail; request: Reassessment; previous?: Answers }) {
  const version = useQuery(versionQuery(request.questionnaireVersion));
  if (version.isPending) return <LoadingState label="Loading the questionnaire…" />;
  if (version.isError) return <ErrorState error={version.error} onRetry={() => void version.refetch()} />;
  if (!version.data.definition) return <ErrorState error={new Error(`Version ${request.questionnaireVersion} has no questions on record.`)} />;
  return <Questionnaire system={system} request={request} definition={version.data.definition} previous={previous} />;
}

function Questionnaire({ system, request, definition, previous }: { system: AiSystemDetail; request: Reassessment; definition: Definition; previous?: Answers }) {
  const navigate = useNavigate();
  const template = useMemo(() => ({ version: definition.version, questions: definition.questions }), [definition]);
  const sections = useMemo(() => sectionsOf(template), [template]);
  const [answers, setAnswers] = useState<Answers>(() => startingAnswers(template, previous));
  const sent = useMemo(() => answersToSend(template, answers), [template, answers]);
  const deferred = useDeferredValue(sent);
  const preview = useQuery(reassessmentPreviewQuery(request.id, deferred));
  const submit = useAnswerReassessment(request.id, system.id);
  const refused = submit.error instanceof ApiError ? questionOfField(submit.error.field) : undefined;
  const isNew = (questionId: string) => !previous || !(questionId in previous);
  const unanswered = preview.data?.unanswered ?? [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const result = await submit.mutateAsync(sent);
      const notice =
        result.outcome === 'unchanged'
          ? `Re-assessed on questionnaire ${request.questionnaireVersion}: the tier stays ${humanize(result.riskTier)}, recorded as assessment ${result.assessmentVersion}.`
          : result.outcome === 'prohibited'
            ? 'The re-assessment found a prohibited practice: the reclassification is refused and the governance office has been told. The system still runs its approved version.'
            : `Re-assessed: the tier becomes ${humanize(result.riskTier)}. The reclassification (version ${result.materialChange?.version ?? ''}) is in approval; the approved version keeps running meanwhile.`;
      navigate(`/systems/${system.id}`, { state: { notice } });
    } catch (failure) {
      const question = failure instanceof ApiError ? questionOfField(failure.field) : undefined;
      if (question) document.getElementById(`q-${question}`)?.focus();
    }
  }

  return (
    <article className="page assessment" aria-labelledby="reassessment-title">
      <p className="breadcrumb">
        <Link to={`/systems/${system.id}`}>{system.name}</Link>
      </p>
      <h1 id="reassessment-title">Re-assessment on questionnaire {request.questionnaireVersion}</h1>
      <div className="page__lead">
        <p>
          {definition.note ? `${definition.note} ` : ''}Due {formatDateTime(request.dueAt)}. The system runs as <TierBadge tier={system.riskTier} /> until the answers are in.
        </p>
        <ReassessmentMarkers request={request} />
      </div>
      <form className="assessment__layout" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="reassessment-title">
        <div className="assessment__questions">
          {previous ? <p className="panel__meta">Your last assessment’s answers are filled in; questions new in this version are marked.</p> : null}
          {sections.map((section, index) => (
            <section key={section.title} className="panel assessment__section" aria-labelledby={`section-${index}`}>
              <h2 id={`section-${index}`} className="assessment__section-title">
                {section.title}
              </h2>
              {section.questions.map((question) => (
                <div key={question.id} className={isNew(question.id) ? 'reassessment__new' : undefined}>
                  {isNew(question.id) ? <p className="reassessment__new-label">New in version {definition.version}</p> : null}
                  <QuestionField
                    question={question}
                    value={answers[question.id]}
                    onAnswer={(value) => setAnswers((current) => ({ ...current, [question.id]: value }))}
                    error={refused === question.id ? submit.error!.message : undefined}
                    unanswered={question.required && unanswered.includes(question.id)}
                  />
                </div>
              ))}
            </section>
          ))}
        </div>
        <aside className="assessment__aside" aria-labelledby="preview-title">
          <TierPreview
            preview={preview.data ? asAssessmentPreview(preview.data) : undefined}
            pending={preview.isPending}
            error={preview.error}
            questions={definition.questions}
            fresh={!preview.isPlaceholderData && deferred === sent}
          />
          <div className="panel panel--action">
            {preview.data && !unanswered.length ? <p role="status">{PATH_TEXT[preview.data.path]}</p> : null}
            <FormProblem error={submit.error && !refused ? submit.error : null} />
            {refused ? (
              <p className="form-problem" role="alert">
                <span className="form-problem__title">The re-assessment was not accepted.</span> {submit.error!.message}. The question is marked; your answers are kept.
              </p>
            ) : null}
            <p>
              {unanswered.length
                ? `Answer the ${unanswered.length === 1 ? 'remaining required question' : `${unanswered.length} remaining required questions`} to submit.`
                : 'Submitting records these answers on the new version.'}
            </p>
            <button type="submit" className="button" disabled={submit.isPending || unanswered.length > 0 || !preview.data}>
              {submit.isPending ? 'Submitting…' : 'Submit the re-assessment'}
            </button>
          </div>
        </aside>
      </form>
    </article>
  );
}

function asAssessmentPreview(p: ReassessmentPreview) {
  return { templateVersion: p.questionnaireVersion, riskTier: p.riskTier, reasons: p.reasons, unanswered: p.unanswered };
}
