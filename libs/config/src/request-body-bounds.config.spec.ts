import { DEFAULT_REQUEST_BODY_BOUNDS, loadRequestBodyBounds } from './request-body-bounds.config';

describe('request body bounds configuration', () => {
  it('defaults, and reads each bound from its variable', () => {
    expect(loadRequestBodyBounds({})).toEqual(DEFAULT_REQUEST_BODY_BOUNDS);
    expect(loadRequestBodyBounds({ BODY_MAX_DEPTH: '10', BODY_MAX_ENTRIES: '500', BODY_MAX_OBJECT_KEYS: '50', BODY_MAX_ARRAY_LENGTH: '100' })).toEqual({
      maxDepth: 10,
      maxEntries: 500,
      maxObjectKeys: 50,
      maxArrayLength: 100,
    });
  });

  it('names a bad variable', () => {
    expect(() => loadRequestBodyBounds({ BODY_MAX_DEPTH: '100000' })).toThrow(/BODY_MAX_DEPTH: must be an integer from 2 to 256/);
    expect(() => loadRequestBodyBounds({ BODY_MAX_OBJECT_KEYS: 'many' })).toThrow(/BODY_MAX_OBJECT_KEYS/);
  });
});
