import { loadApiGcTuning } from './api-gc.config';

describe('API garbage-collection tuning', () => {
  it('turns allocation-site pretenuring off unless told on', () => {
    expect(loadApiGcTuning({})).toEqual({ allocationSitePretenuring: false });
    expect(loadApiGcTuning({ API_V8_PRETENURING: ' OFF ' })).toEqual({ allocationSitePretenuring: false });
    expect(loadApiGcTuning({ API_V8_PRETENURING: 'on' })).toEqual({ allocationSitePretenuring: true });
  });

  it('names the variable on any other value', () => {
    expect(() => loadApiGcTuning({ API_V8_PRETENURING: 'yes' })).toThrow(/API_V8_PRETENURING: must be on .* or off .*, not 'yes'/);
  });
});
