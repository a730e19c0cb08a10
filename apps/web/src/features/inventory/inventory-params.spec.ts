import { apiFilters, readParams, sortBy, withFilter, writeParams } from './inventory-params';

describe('inventory address', () => {
  it('reads filters, sort and page, dropping what the API would refuse', () => {
    const params = readParams(new URLSearchParams('stage=operation&riskTier=none&ownerId=not-a-uuid&q=%20cv%20&sort=name&page=3&reviewOverdue=true&businessUnit=People'));
    expect(params).toEqual({ stage: 'operation', riskTier: 'none', ownerId: undefined, businessUnit: 'People', q: 'cv', reviewOverdue: 'true', sort: 'name', order: 'asc', page: 3 });
    expect(readParams(new URLSearchParams('stage=limbo&sort=evil&order=up&page=-2&riskTier=medium'))).toEqual({
      stage: undefined, riskTier: undefined, ownerId: undefined, businessUnit: undefined, q: undefined, reviewOverdue: undefined, sort: 'createdAt', order: 'desc', page: 1,
    });
  });

  it('writes the defaults nowhere and reads back what it wrote', () => {
    const params = readParams(new URLSearchParams('stage=design&sort=nextReviewAt&order=desc&page=2'));
    const written = writeParams(params);
    expect(written.toString()).toBe('stage=design&sort=nextReviewAt&order=desc&page=2');
    expect(readParams(written)).toEqual(params);
    expect(writeParams(readParams(new URLSearchParams(''))).toString()).toBe('');
  });

  it('flips the direction of the same column, starts another at its default, and goes back to page 1', () => {
    const start = readParams(new URLSearchParams('sort=name&page=4'));
    expect(sortBy(start, 'name')).toMatchObject({ sort: 'name', order: 'desc', page: 1 });
    expect(sortBy(start, 'updatedAt')).toMatchObject({ sort: 'updatedAt', order: 'desc', page: 1 });
    expect(withFilter(start, { stage: 'approval' })).toMatchObject({ stage: 'approval', page: 1, sort: 'name' });
  });

  it('gives the API only the filters set, without the page', () => {
    expect(apiFilters(readParams(new URLSearchParams('riskTier=high&page=2')))).toEqual({ riskTier: 'high', sort: 'createdAt', order: 'desc' });
  });
});
