import { DEFAULT_RISK_MATRIX } from './risk-matrix';
import { checkRiskAcceptance, riskDraftKey } from './risk-register';

describe('risk acceptance', () => {
  const m = DEFAULT_RISK_MATRIX;

  it('lets someone other than the rater accept a residual rating within the appetite', () => {
    expect(checkRiskAcceptance(m, { residualRating: 'medium', ratedById: 'rater' }, 'acceptor')).toBeNull();
    expect(checkRiskAcceptance(m, { residualRating: 'low', ratedById: 'rater' }, 'acceptor')).toBeNull();
  });

  it('refuses the rater, whatever the rating', () => {
    expect(checkRiskAcceptance(m, { residualRating: 'low', ratedById: 'rater' }, 'rater')).toMatchObject({ kind: 'rater', field: 'treatment' });
  });

  it('sends a rating above the appetite to an approval round', () => {
    expect(checkRiskAcceptance(m, { residualRating: 'high', ratedById: 'rater' }, 'acceptor')).toMatchObject({ kind: 'above_appetite', field: 'treatment' });
    expect(checkRiskAcceptance({ ...m, appetite: 'high' }, { residualRating: 'high', ratedById: 'rater' }, 'acceptor')).toBeNull();
  });

  it('needs a residual rating first', () => {
    expect(checkRiskAcceptance(m, { residualRating: null, ratedById: null }, 'acceptor')).toMatchObject({ kind: 'not_rated' });
  });

  it('keys drafts by system, assessment version and trigger', () => {
    expect(riskDraftKey('s1', 2, 'annex3.employment')).toBe('s1:2:annex3.employment');
  });
});
