import { INLINE_POLICY_TYPES, policiesOf } from '../checks/iam';
import { LEAST_PRIVILEGE } from '../controls';
import { allowsFullServiceAccess } from '../../../terraform/questions';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-005',
  title: 'IAM policies do not grant all actions of a service',
  severity: 'high',
  controls: LEAST_PRIVILEGE,
  configRule: 'iam-policy-no-statements-with-full-access',
  resourceTypes: ['aws_iam_policy', ...INLINE_POLICY_TYPES, 'aws_iam_role'],
  scope: 'resource',
  description:
    'No customer-managed or inline policy may Allow an action of the form "<service>:*" or "*", or use NotAction in an Allow statement. A policy the engine cannot evaluate is reported.',
  remediation: 'List the actions the principal needs instead of service:*.',
  check(r, ctx) {
    for (const { where, policy } of policiesOf(ctx, r)) {
      if (!policy) continue;
      const wide = allowsFullServiceAccess(policy);
      if (wide.answer === 'yes') return fail(`${where} ${wide.detail}`);
      if (wide.answer === 'maybe') return undecided(`${where}: ${wide.detail}`);
    }
    return pass('no statement allows all actions of a service');
  },
};
