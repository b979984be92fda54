import { launchTemplateOf } from '../checks/ec2';
import { PATCHING, THREAT_DETECTION } from '../controls';
import { fail, pass, undecided, type ResourceRule, type RuleContext } from '../rule';
import type { JsonValue, Resource } from '../types';
import { blocks, isExpression, type Tri } from '../../../terraform/values';
import { literal, partitionsOf } from '../checks/common';

const SSM_POLICY_NAME = 'AmazonSSMManagedInstanceCore';

/**
 * Whether a policy ARN is the AWS-managed AmazonSSMManagedInstanceCore of the instance's
 * partition (`arn:<partition>:iam::aws:policy/AmazonSSMManagedInstanceCore`): a customer policy
 * of the same name is not it, and an ARN of another partition names nothing. A reference to a
 * `data.aws_iam_policy` looked up by that ARN or name counts; other expressions are unknown.
 */
function isSsmPolicy(ctx: RuleContext, from: Resource, instance: Resource, value: JsonValue | undefined): Tri {
  const managed = (arn: string) => partitionsOf(instance).some((p) => arn === `arn:${p}:iam::aws:policy/${SSM_POLICY_NAME}`);
  if (typeof value !== 'string') return value === undefined || value === null ? 'no' : 'unknown';
  if (!isExpression(value)) return managed(value) ? 'yes' : 'no';
  const target = ctx.resolve(from, value);
  if (target && target.mode === 'data' && target.type === 'aws_iam_policy') {
    const arn = literal(target.config.arn);
    if (arn !== undefined) return managed(arn) ? 'yes' : 'no';
    const name = literal(target.config.name);
    const prefix = literal(target.config.path_prefix);
    if (name !== undefined && target.config.arn === undefined) return name === SSM_POLICY_NAME && (prefix === undefined || prefix === '/') ? 'unknown' : 'no';
    return 'unknown';
  }
  if (target && target.mode === 'managed') return 'no';
  return 'unknown';
}

function hasSsmPolicy(role: Resource, instance: Resource, ctx: RuleContext): Tri {
  const arns: Array<[Resource, JsonValue | undefined]> = [];
  for (const a of ctx.referencing(role, ['aws_iam_role_policy_attachment'], 'role')) arns.push([a, a.config.policy_arn]);
  for (const a of ctx.referencing(role, ['aws_iam_policy_attachment'], 'roles')) arns.push([a, a.config.policy_arn]);
  for (const a of ctx.referencing(role, ['aws_iam_role_policy_attachments_exclusive'], 'role_name')) {
    const list = a.config.policy_arns;
    if (Array.isArray(list)) for (const p of list) arns.push([a, p]);
    else arns.push([a, list]);
  }
  const managed = role.config.managed_policy_arns;
  if (Array.isArray(managed)) for (const p of managed) arns.push([role, p]);
  else if (managed !== undefined && managed !== null) arns.push([role, managed]);
  const answers = arns.map(([from, v]) => isSsmPolicy(ctx, from, instance, v));
  if (answers.includes('yes')) return 'yes';
  return answers.includes('unknown') ? 'unknown' : 'no';
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
  remediation: "Attach arn:<partition>:iam::aws:policy/AmazonSSMManagedInstanceCore (the AWS-managed policy of the Region's partition) to the instance role.",
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
    const ssm = hasSsmPolicy(role, r, ctx);
    if (ssm === 'yes') return pass(`${role.address} has AmazonSSMManagedInstanceCore`);
    if (ssm === 'unknown') return undecided(`${role.address} attaches a policy ARN that is an expression, so AmazonSSMManagedInstanceCore cannot be confirmed`);
    return fail(`${role.address} does not have AmazonSSMManagedInstanceCore attached`);
  },
};
