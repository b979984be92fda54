import { attachedBy, mfaGroups } from '../checks/iam';
import { AUTHENTICATION } from '../controls';
import { fail, pass, type ResourceRule } from '../rule';
import type { Resource } from '../types';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-003',
  title: 'IAM users are subject to the MFA-enforcement policy',
  severity: 'high',
  controls: [...AUTHENTICATION, '164.312(a)(1)'],
  configRule: 'mfa-enabled-for-iam-console-access',
  resourceTypes: ['aws_iam_user'],
  scope: 'resource',
  description:
    'Each aws_iam_user must be a member (aws_iam_user_group_membership or aws_iam_group_membership, by reference or literal name) of a group that has an MFA-enforcement policy attached (see HIPAA-IAM-002).',
  remediation: 'Add the user to the group that carries the MFA-enforcement policy.',
  check(user, ctx) {
    const enforced = mfaGroups(ctx, user);
    if (enforced.length === 0) return fail('no group in this account carries an MFA-enforcement policy');
    const groups: Resource[] = [];
    for (const m of attachedBy(ctx, user, ['aws_iam_user_group_membership'], 'user')) {
      for (const g of Array.isArray(m.config.groups) ? m.config.groups : []) {
        const target = ctx.resolve(m, g) ?? enforced.find((e) => e.config.name === g);
        if (target) groups.push(target);
      }
    }
    for (const m of attachedBy(ctx, user, ['aws_iam_group_membership'], 'users')) {
      const target = ctx.resolve(m, m.config.group) ?? enforced.find((e) => e.config.name === m.config.group);
      if (target) groups.push(target);
    }
    const hit = groups.find((g) => enforced.includes(g));
    if (hit) return pass(`the user is in ${hit.address}, which enforces MFA`);
    return fail('the user is in no group that enforces MFA');
  },
};
