import type { CreateRisk, Risk, UpdateRisk } from './risk-queries';

/** The rating and treatment part of a risk form, as the inputs hold it (strings; '' = not given). */
export interface RatingInputs {
  inherentLikelihood: string;
  inherentImpact: string;
  residualLikelihood: string;
  residualImpact: string;
  treatment: string;
  /** one control a line: `iso42001 A.6.2.6` */
  controls: string;
  /** yyyy-mm-dd */
  nextReviewAt: string;
  ownerId: string;
}

export function ratingInputsOf(risk: Risk | null, me: string): RatingInputs {
  return {
    inherentLikelihood: risk?.inherent?.likelihood ?? '',
    inherentImpact: risk?.inherent?.impact ?? '',
    residualLikelihood: risk?.residual?.likelihood ?? '',
    residualImpact: risk?.residual?.impact ?? '',
    treatment: risk?.treatment ?? '',
    controls: (risk?.controls ?? []).map((c) => `${c.framework} ${c.ref}`).join('\n'),
    nextReviewAt: risk?.nextReviewAt ? risk.nextReviewAt.slice(0, 10) : '',
    ownerId: risk?.ownerId ?? me,
  };
}

/**
 * `iso42001 A.6.2.6` (or `iso42001:A.6.2.6`) per line into the API's control references. A line
 * without a framework is sent as it is, so the API names it (`controls.<i>.framework`).
 */
export function parseControls(text: string): Array<{ framework: string; ref: string }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^([a-z0-9_]+)[\s:]+(\S+)$/i.exec(line);
      return m ? { framework: m[1]!.toLowerCase(), ref: m[2]! } : { framework: '', ref: line };
    });
}

/** A date from a date input as the moment the API takes: noon that day, here. */
export function dateInputToIso(date: string): string {
  return new Date(`${date}T12:00:00`).toISOString();
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The fields of a new risk, leaving out what was not given. */
export function createBody(
  base: { title: string; description: string; source: string; threat: string; aiSystemIds: string[]; assets: string; affectedParties: string },
  r: RatingInputs,
): CreateRisk {
  return {
    title: base.title,
    description: base.description,
    source: base.source as CreateRisk['source'],
    threat: base.threat,
    ownerId: r.ownerId,
    ...(base.aiSystemIds.length ? { aiSystemIds: base.aiSystemIds } : {}),
    ...(lines(base.assets).length ? { assets: lines(base.assets) } : {}),
    ...(lines(base.affectedParties).length ? { affectedParties: lines(base.affectedParties) } : {}),
    ...ratingFields(r, null),
  };
}

/**
 * What an edit changes: only the fields that differ from the risk (a rating's likelihood and
 * impact go together), so an unchanged form is "nothing to change" and a rating is not re-rated
 * by accident (whoever rates a risk may not accept it).
 */
export function updateBody(risk: Risk, r: RatingInputs): UpdateRisk {
  const before = ratingInputsOf(risk, risk.ownerId);
  const body: UpdateRisk = { ...ratingFields(r, before) };
  if (r.ownerId !== before.ownerId) body.ownerId = r.ownerId;
  return body;
}

function ratingFields(r: RatingInputs, before: RatingInputs | null): UpdateRisk {
  const changed = (...keys: Array<keyof RatingInputs>) => !before || keys.some((k) => r[k] !== before[k]);
  const body: UpdateRisk = {};
  if ((r.inherentLikelihood || r.inherentImpact) && changed('inherentLikelihood', 'inherentImpact')) {
    if (r.inherentLikelihood) body.inherentLikelihood = r.inherentLikelihood;
    if (r.inherentImpact) body.inherentImpact = r.inherentImpact;
  }
  if ((r.residualLikelihood || r.residualImpact) && changed('residualLikelihood', 'residualImpact')) {
    if (r.residualLikelihood) body.residualLikelihood = r.residualLikelihood;
    if (r.residualImpact) body.residualImpact = r.residualImpact;
  }
  if (r.treatment && changed('treatment')) body.treatment = r.treatment as UpdateRisk['treatment'];
  if (changed('controls') && (before || r.controls.trim())) body.controls = parseControls(r.controls) as UpdateRisk['controls'];
  if (r.nextReviewAt && changed('nextReviewAt')) body.nextReviewAt = dateInputToIso(r.nextReviewAt);
  return body;
}
