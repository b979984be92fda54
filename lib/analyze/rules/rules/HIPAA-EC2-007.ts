import { launchTemplateOf } from '../checks/ec2';
import { PATCHING, THREAT_DETECTION } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import type { JsonValue, Resource } from '../types';
import { blocks } from '../../../terraform/values';

const SSM_POLICY = /:policy\/(service-role\/)?AmazonSSMManagedInstanceCore$/;

function hasSsmPolicy(role: Resource, ctx: Parameters<ResourceRule['check']>[1]): boolean {
  const attachments = ctx.referencing(role, ['aws_iam_role_policy_attachment'], 'role');
  if (attachments.some((a) => typeof a.config.policy_arn === 'string' && SSM_POLICY.test(a.config.policy_arn))) return true;
  const shared = ctx.referencing(role, ['aws_iam_policy_attachment'], 'roles');
  if (shared.some((a) => typeof a.config.policy_arn === 'string' && SSM_POLICY.test(a.config.policy_arn))) return true;
  const exclusive = ctx.referencing(role, ['aws_iam_role_policy_attachments_exclusive'], 'role_name');
  if (exclusive.some((a) => Array.isArray(a.config.policy_arns) && a.config.policy_arns.some((p) => typeof p === 'string' && SSM_POLICY.test(p)))) return true;
  const managed = role.config.managed_policy_arns;
  return Array.isArray(managed) && managed.some((p) => typeof p === 'string' && SSM_POLICY.test(p));
}

export const rule: ResourceRule = {
  id: 'HIPAA-EC2-007',
  title: 'EC2 instances can be managed by Systems Manager',
  severity: 'medium',
  controls: [...PATCHING, ...THREAT_DETECTION.slice(0, 2)],
  configRule: 'ec2-instance-managed-by-systems-manager',
  resourceTypes: ['aws_instance'],
  scope: 'resource',
  description:
    'The instance profile (on the instance or its launch template, resolved in the same stack) must carry a role with the AmazonSSMManagedInstanceCore managed policy attached (aws_iam_role_policy_attachment, aws_iam_policy_attachment, aws_iam_role_policy_attachments_exclusive or managed_policy_arns), so the instance can be patched, inventoried and reached through Session Manager. A profile or role the engine cannot see is reported.',
  remediation: 'Attach arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore to the instance role.',
  check(r, ctx) {
    let profileValue: JsonValue | undefined = r.config.iam_instance_profile;
    let from: Resource = r;
    const lt = launchTemplateOf(ctx, r);
    if ((profileValue === undefined || profileValue === null) && lt) {
      const p = blocks(lt.config.iam_instance_profile)[0];
      profileValue = p ? (p.name ?? p.arn) : undefined;
      from = lt;
    }
    if (profileValue === undefined || profileValue === null) return fail('no instance profile is attached');
    const profile = ctx.resolve(from, profileValue);
    if (!profile || profile.type !== 'aws_iam_instance_profile') return undecided(`the instance profile ${JSON.stringify(profileValue)} is not in this stack`);
    const role = ctx.resolve(profile, profile.config.role);
    if (!role || role.type !== 'aws_iam_role') return undecided(`the role ${JSON.stringify(profile.config.role)} of ${profile.address} is not in this stack`);
    if (hasSsmPolicy(role, ctx)) return pass(`${role.address} has AmazonSSMManagedInstanceCore`);
    return fail(`${role.address} does not have AmazonSSMManagedInstanceCore attached`);
  },
};
