import {
  AccessInput,
  Caller,
  ConditionEntry,
  Policy,
  RequestContext,
  Tri,
  concat,
  decideAccess,
  evaluateCondition,
  hole,
  readPolicy,
  requestContext,
  substituteVariables,
  show,
  text,
} from '../../../lib/analyze/isolation';

const ACCOUNT = '111111111111';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/red-app`;
const caller: Caller = { arn: text(ROLE), account: ACCOUNT, roleName: 'red-app', partition: 'aws' };
const context: RequestContext = requestContext(
  {
    'aws:PrincipalArn': ROLE,
    'aws:PrincipalAccount': ACCOUNT,
    'aws:PrincipalTag/Tenant': 'red',
    'aws:ResourceTag/Tenant': 'blue',
    'aws:SecureTransport': 'true',
    'kms:ViaService': undefined,
    'aws:TagKeys': ['Tenant', 'Owner'],
  },
  ['aws:PrincipalTag/', 'aws:ResourceTag/'],
);
const cond = (operator: string, key: string, ...values: string[]): ConditionEntry => ({ operator, key, values: values.map((v) => text(v)) });

describe('condition operators', () => {
  it.each<[string, string, string[], Tri]>([
    ['StringEquals', 'aws:PrincipalTag/Tenant', ['red'], 'yes'],
    ['StringEquals', 'aws:PrincipalTag/Tenant', ['blue', 'red'], 'yes'],
    ['StringEquals', 'aws:PrincipalTag/Tenant', ['Red'], 'no'],
    ['StringEquals', 'aws:PrincipalTag/Tenant', ['r*'], 'no'],
    ['StringNotEquals', 'aws:PrincipalTag/Tenant', ['red'], 'no'],
    ['StringNotEquals', 'aws:PrincipalTag/Tenant', ['blue', 'green'], 'yes'],
    ['StringEqualsIgnoreCase', 'aws:PrincipalTag/Tenant', ['RED'], 'yes'],
    ['StringNotEqualsIgnoreCase', 'aws:PrincipalTag/Tenant', ['RED'], 'no'],
    ['StringLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/red-*'], 'yes'],
    ['StringLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/blue-*'], 'no'],
    ['StringNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/blue-*'], 'yes'],
    ['StringNotLike', 'aws:PrincipalArn', ['*red*'], 'no'],
    ['ArnEquals', 'aws:PrincipalArn', [ROLE], 'yes'],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::111111111111:role/*'], 'yes'],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::222222222222:role/*'], 'no'],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::*:*'], 'yes'],
    ['ArnNotEquals', 'aws:PrincipalArn', [ROLE], 'no'],
    ['ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::222222222222:*'], 'yes'],
    ['Bool', 'aws:SecureTransport', ['true'], 'yes'],
    ['Bool', 'aws:SecureTransport', ['false'], 'no'],
    ['Null', 'kms:ViaService', ['true'], 'yes'],
    ['Null', 'kms:ViaService', ['false'], 'no'],
    ['Null', 'aws:PrincipalTag/Tenant', ['false'], 'yes'],
    ['Null', 'aws:SourceVpce', ['true'], 'maybe'],
  ])('%s %s %j is %s', (operator, key, values, expected) => {
    expect(evaluateCondition(cond(operator, key, ...values), context)).toBe(expected);
  });

  it.each<[string, string, Tri]>([
    ['StringEquals', 'absent: a positive operator fails', 'no'],
    ['StringNotEquals', 'absent: a negated operator holds', 'yes'],
    ['StringLike', 'absent: a positive operator fails', 'no'],
    ['StringNotLike', 'absent: a negated operator holds', 'yes'],
    ['ArnNotLike', 'absent: a negated operator holds', 'yes'],
    ['StringEqualsIfExists', 'absent: IfExists holds', 'yes'],
    ['BoolIfExists', 'absent: IfExists holds', 'yes'],
    ['ForAnyValue:StringEquals', 'absent: ForAnyValue fails', 'no'],
    ['ForAllValues:StringEquals', 'absent: ForAllValues holds', 'yes'],
  ])('%s on a key known to be absent (%s)', (operator, _why, expected) => {
    expect(evaluateCondition(cond(operator, 'kms:ViaService', 'secretsmanager.us-east-1.amazonaws.com'), context)).toBe(expected);
  });

  it('applies IfExists like the plain operator when the key is present', () => {
    expect(evaluateCondition(cond('StringEqualsIfExists', 'aws:PrincipalTag/Tenant', 'blue'), context)).toBe('no');
    expect(evaluateCondition(cond('StringEqualsIfExists', 'aws:PrincipalTag/Tenant', 'red'), context)).toBe('yes');
  });

  it('reads a tag the principal does not carry as absent, not unknown', () => {
    expect(evaluateCondition(cond('StringEquals', 'aws:PrincipalTag/Team', 'x'), context)).toBe('no');
  });

  it('evaluates set operators over multi-valued keys', () => {
    expect(evaluateCondition(cond('ForAnyValue:StringEquals', 'aws:TagKeys', 'Owner'), context)).toBe('yes');
    expect(evaluateCondition(cond('ForAllValues:StringEquals', 'aws:TagKeys', 'Owner'), context)).toBe('no');
    expect(evaluateCondition(cond('ForAllValues:StringEquals', 'aws:TagKeys', 'Owner', 'Tenant'), context)).toBe('yes');
    expect(evaluateCondition(cond('ForAnyValue:StringNotEquals', 'aws:TagKeys', 'Owner'), context)).toBe('yes');
  });

  it('answers maybe for a key it cannot know, an operator it does not implement, or an unresolved value', () => {
    expect(evaluateCondition(cond('StringEquals', 'aws:SourceVpce', 'vpce-1'), context)).toBe('maybe');
    expect(evaluateCondition(cond('StringNotEquals', 'aws:SourceVpce', 'vpce-1'), context)).toBe('maybe');
    expect(evaluateCondition(cond('IpAddress', 'aws:SourceIp', '10.0.0.0/8'), context)).toBe('maybe');
    expect(evaluateCondition(cond('NumericLessThan', 'aws:MultiFactorAuthAge', '3600'), context)).toBe('maybe');
    expect(evaluateCondition({ operator: 'StringEquals', key: 'aws:PrincipalTag/Tenant', values: [hole('var.tenant')] }, context)).toBe('maybe');
  });
});

describe('policy variables', () => {
  it('substitutes request values, defaults and the escapes for * ? $', () => {
    expect(show(substituteVariables(text(`x-\${aws:PrincipalTag/Tenant}-y`), context))).toBe('x-red-y');
    expect(show(substituteVariables(text(`\${aws:PrincipalTag/Team, 'none'}`), context))).toBe('none');
    expect(show(substituteVariables(text(`\${*}\${?}\${$}`), context))).toBe('*?$');
  });

  it(`compares a substituted value literally: \${*} is not a wildcard`, () => {
    expect(evaluateCondition(cond('StringLike', 'aws:PrincipalTag/Tenant', `\${*}`), context)).toBe('no');
    expect(evaluateCondition(cond('StringLike', 'aws:PrincipalTag/Tenant', '*'), context)).toBe('yes');
  });

  it(`decides the ABAC condition aws:ResourceTag/Tenant = \${aws:PrincipalTag/Tenant}`, () => {
    expect(evaluateCondition(cond('StringEquals', 'aws:ResourceTag/Tenant', `\${aws:PrincipalTag/Tenant}`), context)).toBe('no');
    const own = requestContext({ 'aws:PrincipalTag/Tenant': 'blue', 'aws:ResourceTag/Tenant': 'blue' });
    expect(evaluateCondition(cond('StringEquals', 'aws:ResourceTag/Tenant', `\${aws:PrincipalTag/Tenant}`), own)).toBe('yes');
  });

  it('leaves a variable it cannot resolve unknown', () => {
    expect(evaluateCondition(cond('StringEquals', 'aws:ResourceTag/Tenant', `\${aws:PrincipalTag/Team}`), context)).toBe('maybe');
    expect(evaluateCondition(cond('StringEquals', 'aws:ResourceTag/Tenant', `\${aws:userid}`), context)).toBe('maybe');
  });
});

const KEY = concat(`arn:aws:kms:us-east-1:${ACCOUNT}:key/`, hole('key id', 'blue-key'));
const policy = (source: string, ...statements: object[]): Policy => readPolicy({ Version: '2012-10-17', Statement: statements }, source);
const allowAll = (sid: string, extra: object = {}) => ({ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*', ...extra });
const keyPolicyRoot = policy('key', { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });
const keyPolicyRole = policy('key', { Sid: 'Role', Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' });
const identityDecrypt = policy('identity', { Sid: 'Decrypt', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' });

function decide(partial: Partial<AccessInput> & Pick<AccessInput, 'service'>, action = 'kms:Decrypt', who: Caller = caller): string {
  return decideAccess({ request: { action, resource: KEY, caller: who, context }, identity: [], ...partial }).verdict;
}

describe('combining identity and resource policies', () => {
  it.each<[string, Partial<AccessInput> & Pick<AccessInput, 'service'>, string]>([
    ['KMS: the key policy naming the role allows on its own', { service: 'kms', resourcePolicies: [keyPolicyRole] }, 'allow'],
    ['KMS: account delegation without an identity policy denies', { service: 'kms', resourcePolicies: [keyPolicyRoot] }, 'deny'],
    ['KMS: account delegation with an identity policy allows', { service: 'kms', resourcePolicies: [keyPolicyRoot], identity: [identityDecrypt] }, 'allow'],
    [
      'KMS: an identity policy without any key policy grant denies',
      {
        service: 'kms',
        resourcePolicies: [policy('key', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/other' }, Action: 'kms:*', Resource: '*' })],
        identity: [identityDecrypt],
      },
      'deny',
    ],
    ['same account, other service: the identity policy alone allows', { service: 'other', identity: [identityDecrypt] }, 'allow'],
    ['same account, other service: the resource policy alone allows', { service: 'other', resourcePolicies: [keyPolicyRole] }, 'allow'],
    [
      'an explicit deny in the identity policy wins',
      { service: 'kms', resourcePolicies: [keyPolicyRole], identity: [policy('identity', { Sid: 'No', Effect: 'Deny', Action: 'kms:*', Resource: '*' })] },
      'deny',
    ],
    [
      'an explicit deny in the resource policy wins',
      { service: 'other', identity: [identityDecrypt], resourcePolicies: [policy('res', { Sid: 'No', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' })] },
      'deny',
    ],
    [
      'a deny that might apply is not counted',
      {
        service: 'other',
        identity: [identityDecrypt],
        resourcePolicies: [
          policy('res', { Sid: 'No', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } }),
        ],
      },
      'allow',
    ],
    [
      'an allow that might apply gives might-allow',
      { service: 'other', identity: [policy('identity', allowAll('A', { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } }))] },
      'might-allow',
    ],
    [
      'a permissions boundary must allow too',
      { service: 'other', identity: [identityDecrypt], boundary: policy('boundary', { Effect: 'Allow', Action: 's3:*', Resource: '*' }) },
      'deny',
    ],
    [
      'a permissions boundary that allows lets the identity policy through',
      { service: 'other', identity: [identityDecrypt], boundary: policy('boundary', allowAll('B')) },
      'allow',
    ],
    ['an unreadable identity policy might allow', { service: 'other', identity: [{ source: 'managed', statements: [], unreadable: 'unknown managed policy' }] }, 'might-allow'],
    ['a policy that might not be attached at most might allow', { service: 'other', identity: [{ ...identityDecrypt, uncertain: 'role unresolved' }] }, 'might-allow'],
    ['NotAction excluding the action does not allow', { service: 'other', identity: [policy('identity', { Effect: 'Allow', NotAction: 'kms:*', Resource: '*' })] }, 'deny'],
    ['NotAction not excluding the action allows', { service: 'other', identity: [policy('identity', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, 'allow'],
    [
      'NotResource excluding the key does not allow',
      { service: 'other', identity: [policy('identity', { Effect: 'Allow', Action: 'kms:*', NotResource: 'arn:aws:kms:*:*:key/*' })] },
      'deny',
    ],
    ['a KMS grant naming the role allows', { service: 'kms', resourcePolicies: [keyPolicyRoot], grants: [{ source: 'grant', applies: 'yes' }] }, 'allow'],
    [
      'a Principal "*" key statement allows anyone',
      { service: 'kms', resourcePolicies: [policy('key', { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' })] },
      'allow',
    ],
    [
      'a NotPrincipal allow naming someone else applies to the role',
      { service: 'kms', resourcePolicies: [policy('key', { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:role/blue-app' }, Action: 'kms:*', Resource: '*' })] },
      'allow',
    ],
    [
      'a NotPrincipal deny naming the role (not its session) is not counted',
      { service: 'kms', resourcePolicies: [keyPolicyRole, policy('key', { Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: 'kms:*', Resource: '*' })] },
      'allow',
    ],
  ])('%s', (_name, input, expected) => {
    expect(decide(input)).toBe(expected);
  });

  describe('across accounts', () => {
    const outsider: Caller = { arn: text('arn:aws:iam::999999999999:role/red-app'), account: '999999999999', roleName: 'red-app' };
    const other = (input: Partial<AccessInput> & Pick<AccessInput, 'service'>) => decide({ resourceAccount: ACCOUNT, ...input }, 'kms:Decrypt', outsider);

    it('needs the resource policy to name the principal or its account AND an identity policy', () => {
      const toOutsider = policy('key', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'kms:*', Resource: '*' });
      expect(other({ service: 'kms', resourcePolicies: [toOutsider] })).toBe('deny');
      expect(other({ service: 'kms', resourcePolicies: [toOutsider], identity: [identityDecrypt] })).toBe('allow');
      expect(other({ service: 'other', resourcePolicies: [toOutsider], identity: [identityDecrypt] })).toBe('allow');
    });

    it('is denied by a key policy that trusts only the key owner account, whatever the identity policy says', () => {
      expect(other({ service: 'kms', resourcePolicies: [keyPolicyRoot], identity: [identityDecrypt] })).toBe('deny');
    });

    it('is denied without any resource policy (secrets, buckets without one)', () => {
      expect(other({ service: 'other', identity: [identityDecrypt] })).toBe('deny');
    });
  });

  it('names the statements that decided in the reasons', () => {
    const d = decideAccess({ request: { action: 'kms:Decrypt', resource: KEY, caller, context }, identity: [identityDecrypt], resourcePolicies: [keyPolicyRoot], service: 'kms' });
    expect(d.reasons).toEqual(['resource key#Root [account]', 'identity identity#Decrypt']);
  });
});

describe('reading policies', () => {
  it('marks a statement without Effect or Action as unreadable, which then might allow', () => {
    const p = readPolicy({ Statement: [{ Resource: '*' }] }, 'broken');
    expect(p.statements[0].unreadable).toMatch(/Effect.*no Action/);
    expect(decideAccess({ request: { action: 'kms:Decrypt', resource: KEY, caller, context }, identity: [p], service: 'other' }).verdict).toBe('might-allow');
  });

  it('accepts a single statement object and string or list values', () => {
    const p = readPolicy({ Statement: { Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['*'] } }, 'one');
    expect(p.statements).toHaveLength(1);
    expect(p.statements[0].action?.map(show)).toEqual(['kms:Decrypt']);
  });
});
