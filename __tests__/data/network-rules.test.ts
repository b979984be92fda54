import { isSecurityGroupId, isWholeInternet, parseCidr, pascalKey } from '../../lib/constructs/data/network-rules';

test.each([
  ['10.0.0.0/16', { family: 4, prefix: 16 }],
  ['192.168.1.7/32', { family: 4, prefix: 32 }],
  ['0.0.0.0/0', { family: 4, prefix: 0 }],
  ['2600:1f18::/56', { family: 6, prefix: 56 }],
  ['::/0', { family: 6, prefix: 0 }],
  ['2001:db8:0:0:0:0:0:1/128', { family: 6, prefix: 128 }],
])('parses %s', (cidr, parsed) => {
  expect(parseCidr(cidr)).toEqual(parsed);
});

test.each(['10.0.0.0', '10.0.0.256/16', '10.0.0.0/33', 'abc/8', '::1::2/64', '2001:db8::/129', `\${aws_vpc.x.cidr_block}`, ''])('rejects %j as a CIDR', (value) => {
  expect(parseCidr(value)).toBeUndefined();
});

test.each([
  ['0.0.0.0/0', true],
  ['::/0', true],
  ['0::/0', true],
  ['10.0.0.0/0', true],
  ['10.0.0.0/8', false],
  ['2600:1f18::/56', false],
  ['not-a-cidr', false],
])('%s is the whole internet: %s', (cidr, open) => {
  expect(isWholeInternet(cidr)).toBe(open);
});

test.each([
  ['sg-0123abcd', true],
  ['sg-0123456789abcdef0', true],
  [`\${aws_security_group.app.id}`, true],
  ['sg-123', false],
  ['0.0.0.0/0', false],
  ['app', false],
])('%s is a security group id: %s', (value, ok) => {
  expect(isSecurityGroupId(value)).toBe(ok);
});

test('turns rule keys into PascalCase construct id fragments', () => {
  expect(pascalKey('app')).toBe('App');
  expect(pascalKey('app-tier')).toBe('AppTier');
  expect(pascalKey('Bastion')).toBe('Bastion');
});
