import { createBody, parseControls, ratingInputsOf, updateBody } from './risk-form';
import type { Risk } from './risk-queries';

const risk = (over: Partial<Risk> = {}): Risk =>
  ({
    id: 'r1',
    title: 'T',
    description: 'D',
    source: 'ai',
    aiSystemIds: [],
    assets: [],
    threat: 'X',
    affectedParties: [],
    inherent: { likelihood: 'likely', impact: 'major', score: 16, rating: 'high' },
    residual: { likelihood: 'possible', impact: 'moderate', score: 9, rating: 'medium' },
    currentRating: 'medium',
    treatment: 'mitigate',
    controls: [{ framework: 'iso42001', ref: 'A.6.2.6' }],
    pdcaItemIds: [],
    ownerId: 'owner',
    ratedById: 'owner',
    ratedAt: null,
    acceptance: null,
    acceptedById: null,
    acceptedAt: null,
    nextReviewAt: '2027-01-15T11:00:00.000Z',
    status: 'open',
    origin: null,
    createdById: 'owner',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  }) as Risk;

describe('the risk form', () => {
  it('reads controls a line each, framework then ref, and leaves a line without a framework for the API to name', () => {
    expect(parseControls('iso42001 A.6.2.6\n\n  iso27001:A.8.15 \nA.5.2')).toEqual([
      { framework: 'iso42001', ref: 'A.6.2.6' },
      { framework: 'iso27001', ref: 'A.8.15' },
      { framework: '', ref: 'A.5.2' },
    ]);
  });

  it('registers what was given: half a rating is sent as it is (the API names the missing half), empty lists are left out', () => {
    const inputs = { ...ratingInputsOf(null, 'me'), inherentLikelihood: 'likely' };
    const body = createBody({ title: 'T', description: 'D', source: 'ai', threat: 'X', aiSystemIds: [], assets: ' \n', affectedParties: 'applicants\n' }, inputs);
    expect(body).toEqual({ title: 'T', description: 'D', source: 'ai', threat: 'X', ownerId: 'me', affectedParties: ['applicants'], inherentLikelihood: 'likely' });
  });

  it('edits only what changed, a rating as a pair, so an unchanged form re-rates nothing', () => {
    const r = risk();
    expect(updateBody(r, ratingInputsOf(r, r.ownerId))).toEqual({});
    expect(updateBody(r, { ...ratingInputsOf(r, r.ownerId), residualImpact: 'minor' })).toEqual({ residualLikelihood: 'possible', residualImpact: 'minor' });
    expect(updateBody(r, { ...ratingInputsOf(r, r.ownerId), treatment: 'accept', ownerId: 'someone' })).toEqual({ treatment: 'accept', ownerId: 'someone' });
    expect(updateBody(r, { ...ratingInputsOf(r, r.ownerId), controls: '' })).toEqual({ controls: [] });
  });
});
