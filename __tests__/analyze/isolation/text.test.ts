import { Text, Tri, concat, concrete, hole, matchText, text } from '../../../lib/analyze/isolation';
import { globMatch, triAnd, triNot, triOr } from '../../../lib/terraform/text';

const key = (id: string): Text => concat('arn:aws:kms:us-east-1:111111111111:key/', hole(`key ${id}`, id));
const objects: Text = concat('arn:aws:s3:::blue-documents/', hole('object key', undefined, true));

describe('three-valued logic', () => {
  it.each<[Tri[], Tri, Tri]>([
    [['yes', 'yes'], 'yes', 'yes'],
    [['yes', 'maybe'], 'maybe', 'yes'],
    [['no', 'maybe'], 'no', 'maybe'],
    [['no', 'yes'], 'no', 'yes'],
    [[], 'yes', 'no'],
  ])('and/or of %j give %s/%s', (values, and, or) => {
    expect(triAnd(...values)).toBe(and);
    expect(triOr(...values)).toBe(or);
  });

  it('negation keeps maybe', () => {
    expect([triNot('yes'), triNot('no'), triNot('maybe')]).toEqual(['no', 'yes', 'maybe']);
  });
});

describe('glob matching of concrete strings', () => {
  it.each<[string, string, boolean]>([
    ['*', 'anything', true],
    ['kms:*', 'kms:Decrypt', true],
    ['kms:Decrypt*', 'kms:Decrypt', true],
    ['kms:?ecrypt', 'kms:Decrypt', true],
    ['kms:?ecrypt', 'kms:Encrypt', false],
    ['kms:Encrypt', 'kms:Decrypt', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });

  it('compares case-insensitively only when asked (IAM actions)', () => {
    expect(globMatch('KMS:decrypt', 'kms:Decrypt')).toBe(false);
    expect(globMatch('KMS:decrypt', 'kms:Decrypt', true)).toBe(true);
  });

  it('treats wildcards as plain characters when wildcards are off', () => {
    expect(matchText(text('a*'), text('abc'), { wildcards: false })).toBe('no');
    expect(matchText(text('a*'), text('a*'), { wildcards: false })).toBe('yes');
  });
});

describe('matching values that are unknown before apply', () => {
  it('matches a key ARN whose id is unknown under a wildcard, certainly', () => {
    expect(matchText(text('arn:aws:kms:*:*:key/*'), key('k1'))).toBe('yes');
    expect(matchText(text('*'), key('k1'))).toBe('yes');
  });

  it('matches a reference to the same key, and never one to another key', () => {
    expect(matchText(key('k1'), key('k1'))).toBe('yes');
    expect(matchText(key('k2'), key('k1'))).toBe('no');
  });

  it('cannot decide a literal key id against an unknown one', () => {
    expect(matchText(text('arn:aws:kms:us-east-1:111111111111:key/1234abcd'), key('k1'))).toBe('maybe');
  });

  it('rules out a different account or Region whatever the key id', () => {
    expect(matchText(text('arn:aws:kms:us-east-1:222222222222:key/*'), key('k1'))).toBe('no');
    expect(matchText(text('arn:aws:kms:eu-west-1:*:key/*'), key('k1'))).toBe('no');
  });

  it('never matches a prefix that stops before a resource id (ids are never empty)', () => {
    expect(matchText(text('arn:aws:kms:us-east-1:111111111111:key/'), key('k1'))).toBe('no');
  });

  it('answers maybe for an unresolved reference in the pattern', () => {
    expect(matchText(concat('arn:aws:kms:us-east-1:111111111111:key/', hole('var.key_id')), key('k1'))).toBe('maybe');
  });

  it('asks whether SOME object matches when the question is existential, and whether all do otherwise', () => {
    const reports = text('arn:aws:s3:::blue-documents/reports/*');
    expect(matchText(reports, objects, { existential: true })).toBe('yes');
    expect(matchText(reports, objects)).toBe('maybe');
    expect(matchText(text('arn:aws:s3:::blue-documents/*'), objects)).toBe('yes');
    expect(matchText(text('arn:aws:s3:::red-documents/*'), objects, { existential: true })).toBe('no');
  });

  it('renders concrete values and refuses to render holes as concrete', () => {
    expect(concrete(text('abc'))).toBe('abc');
    expect(concrete(key('k1'))).toBeUndefined();
  });
});
