import { closestMatch, didYouMean, editDistance } from '../lib/text';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['acme', 'acme', 0],
    ['acme', 'acm', 1],
    ['acme', 'acne', 1],
    ['beta', 'betta', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('between "%s" and "%s" is %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('closestMatch', () => {
  test.each([
    ['acm', ['beta', 'acme'], 'acme'],
    ['prod-c', ['prod-a', 'prod-b'], 'prod-a'],
    ['ACME', ['acme'], 'acme'],
    ['gamma', ['acme', 'beta'], undefined],
    ['ab', ['xy'], undefined],
    ['anything', [], undefined],
  ])('suggests for "%s" among %j: %s', (name, candidates, expected) => {
    expect(closestMatch(name, candidates)).toBe(expected);
  });

  it('renders the suggestion, or nothing', () => {
    expect(didYouMean('acm', ['acme'])).toBe(' (did you mean "acme"?)');
    expect(didYouMean('zzz', ['acme'])).toBe('');
  });
});
