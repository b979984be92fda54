import { NOT_PUBLIC } from '../controls';
import { describeGrant, grantsBeyond } from '../../../terraform/questions';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-KMS-003',
  title: 'KMS key policies do not grant access to everyone',
  severity: 'critical',
  controls: NOT_PUBLIC,
  resourceTypes: ['aws_kms_key'],
  scope: 'resource',
  description:
    'The key policy (the key\'s policy argument, or an aws_kms_key_policy pointing at the key) must not Allow principal "*" (or {"AWS": "*"}, or through NotPrincipal) unless a condition provably restricts who: kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or aws:SourceVpc with literal values. aws:SecureTransport, aws:SourceIp, IfExists variants and all-wildcard StringLike values restrict nothing. No policy means the default key policy (the account root only): compliant. A policy the engine cannot evaluate is reported.',
  remediation: 'Name the principals that need the key, or add a condition such as aws:PrincipalOrgID or kms:CallerAccount.',
  check(key, ctx) {
    const separate = ctx.referencing(key, ['aws_kms_key_policy'], 'key_id')[0];
    const owner = separate ?? key;
    const policy = ctx.readPolicy(owner, owner.config.policy);
    if (!policy) return pass('the key uses the default key policy');
    const open = grantsBeyond(policy, { actions: 'any' });
    if (open.answer === 'yes') return fail(describeGrant(open.grants[0]));
    if (open.answer === 'maybe') return undecided(`${owner.address}: ${open.reason ?? 'it might grant access to everyone'}`);
    return pass(`${owner.address} grants nothing to everyone that a condition does not restrict by account, organization, ARN or calling service`);
  },
};
