import { NOT_PUBLIC } from '../controls';
import { isAllow, isPublicPrincipal } from '../../../terraform/statements';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-KMS-003',
  title: 'KMS key policies do not grant access to everyone',
  severity: 'critical',
  controls: NOT_PUBLIC,
  resourceTypes: ['aws_kms_key'],
  scope: 'resource',
  description:
    'The key policy (the key\'s policy argument, or an aws_kms_key_policy pointing at the key) must not Allow principal "*" (or {"AWS": "*"}) without a Condition. No policy means the default key policy (the account root only): compliant. A policy the engine cannot evaluate is reported.',
  remediation: 'Name the principals that need the key, or add a condition such as aws:PrincipalOrgID or kms:CallerAccount.',
  check(key, ctx) {
    const separate = ctx.referencing(key, ['aws_kms_key_policy'], 'key_id')[0];
    const owner = separate ?? key;
    const parsed = ctx.policy(owner, owner.config.policy);
    if (!parsed.ok) return undecided(`${owner.address}: ${parsed.reason}`);
    if (parsed.absent) return pass('the key uses the default key policy');
    const open = parsed.statements.find((s) => isAllow(s) && isPublicPrincipal(s) && s.conditions.length === 0);
    if (open) return fail(`${owner.address} allows ${(open.actions ?? ['NotAction']).join(', ')} to everyone without a condition`);
    return pass(`${owner.address} grants no unconditional public access`);
  },
};
