import { sanitiseReturnTo } from './return-to';

describe('sanitiseReturnTo', () => {
  it('keeps a path of this application with its query and fragment', () => {
    expect(sanitiseReturnTo('/inbox')).toBe('/inbox');
    expect(sanitiseReturnTo('/systems/5d1c?tab=audit#events')).toBe('/systems/5d1c?tab=audit#events');
    expect(sanitiseReturnTo('/')).toBe('/');
  });

  it.each([
    ['//evil.example'],
    ['//evil.example/inbox'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['https://evil.example/'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['evil.example'],
    ['inbox'],
    [' /inbox'],
    [''],
  ])('sends %j to "/"', (value) => {
    expect(sanitiseReturnTo(value)).toBe('/');
  });

  it('gives "/" for anything that is not a string, and for an overlong path', () => {
    for (const value of [undefined, null, 42, ['/inbox'], { path: '/inbox' }]) expect(sanitiseReturnTo(value)).toBe('/');
    expect(sanitiseReturnTo(`/${'a'.repeat(2000)}`)).toBe('/');
  });

  it('normalises dot segments and encodes what a header cannot carry, staying on this origin', () => {
    expect(sanitiseReturnTo('/a/../systems')).toBe('/systems');
    expect(sanitiseReturnTo('/../../evil')).toBe('/evil');
    expect(sanitiseReturnTo('/systems?q=é')).toBe('/systems?q=%C3%A9');
    expect(sanitiseReturnTo('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });
});
