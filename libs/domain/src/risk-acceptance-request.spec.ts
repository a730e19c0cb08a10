import { DEFAULT_RISK_MATRIX } from './risk-matrix';
import { checkRiskAcceptanceRequest } from './risk-register';

describe('asking for a risk acceptance round', () => {
  const m = DEFAULT_RISK_MATRIX;
  const open = (residualRating: string | null, acceptance: 'needs_approval' | 'in_approval' | null = null) => ({ status: 'open' as const, residualRating, acceptance });

  it('is allowed for an open risk rated above the appetite, again after a round that did not approve', () => {
    expect(checkRiskAcceptanceRequest(m, open('high'))).toBeNull();
    expect(checkRiskAcceptanceRequest(m, open('critical', 'needs_approval'))).toBeNull();
  });

  it('sends a rating within the appetite to a plain PATCH (409, residualRating)', () => {
    expect(checkRiskAcceptanceRequest(m, open('medium'))).toMatchObject({ kind: 'within_appetite', field: 'residualRating' });
    expect(checkRiskAcceptanceRequest({ ...m, appetite: 'high' }, open('high'))).toMatchObject({ kind: 'within_appetite' });
  });

  it('refuses a second round while one runs, whatever else holds', () => {
    expect(checkRiskAcceptanceRequest(m, open('high', 'in_approval'))).toMatchObject({ kind: 'in_approval', field: 'acceptance' });
  });

  it('needs a residual rating, and an open risk', () => {
    expect(checkRiskAcceptanceRequest(m, open(null))).toMatchObject({ kind: 'not_rated', field: 'residualRating' });
    expect(checkRiskAcceptanceRequest(m, { status: 'draft', residualRating: null, acceptance: null })).toMatchObject({ kind: 'not_open', field: 'status' });
    expect(checkRiskAcceptanceRequest(m, { status: 'accepted', residualRating: 'high', acceptance: 'approved' })).toMatchObject({ kind: 'not_open' });
    expect(checkRiskAcceptanceRequest(m, { status: 'closed', residualRating: 'high', acceptance: null })).toMatchObject({ kind: 'not_open' });
  });
});
