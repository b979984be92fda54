/**
 * IAM: the policy documents a resource carries, MFA-enforcement policies, and who is attached to
 * what (by reference in the same stack, or by literal name).
 */
import type { Policy } from '../../../terraform/policy';
import { deniesWithoutMfa } from '../../../terraform/questions';
import type { RuleContext } from '../rule';
import type { Resource } from '../types';
import { blocks } from '../../../terraform/values';
import { literal } from './common';

export const INLINE_POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

export interface CarriedPolicy {
  readonly where: string;
  /** The policy as the evaluator reads it; undefined when the argument is absent. */
  readonly policy: Policy | undefined;
}

/** The permission policies a resource carries: its `policy`, or an `aws_iam_role`'s inline_policy blocks. */
export function policiesOf(ctx: RuleContext, r: Resource): CarriedPolicy[] {
  if (r.type === 'aws_iam_role') {
    return blocks(r.config.inline_policy)
      .filter((b) => b.policy !== undefined && b.policy !== null)
      .map((b) => ({ where: `${r.address} inline policy ${typeof b.name === 'string' ? b.name : ''}`.trim(), policy: ctx.readPolicy(r, b.policy) }));
  }
  return [{ where: r.address, policy: ctx.readPolicy(r, r.config.policy) }];
}

function sameName(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && !a.includes('${') && a === b;
}

/** Resources of `types` that point at `target` under `key`, by reference or by literal `name`. */
export function attachedBy(ctx: RuleContext, target: Resource, types: readonly string[], key: string): Resource[] {
  const out = ctx.referencing(target, types, key);
  const name = literal(target.config.name);
  if (name !== undefined) {
    for (const type of types) {
      for (const r of ctx.accountOf(target).byType.get(type) ?? []) {
        const v = r.config[key];
        const hit = Array.isArray(v) ? v.some((x) => sameName(x, name)) : sameName(v, name);
        if (hit && !out.includes(r)) out.push(r);
      }
    }
  }
  return out;
}

/** The MFA-enforcing policies (managed or group inline) of an account, memoised. */
export function mfaPolicies(ctx: RuleContext, account: string, lookupFrom: readonly Resource[]): Resource[] {
  return ctx.memo(`mfa-policies|${account}`, () =>
    lookupFrom.filter((p) => {
      const policy = ctx.readPolicy(p, p.config.policy);
      return policy !== undefined && deniesWithoutMfa(policy) === 'yes';
    }),
  );
}

/** Groups an MFA-enforcing policy applies to: attached managed policies and group inline policies. */
export function mfaGroups(ctx: RuleContext, r: Resource): Resource[] {
  const group = ctx.accountOf(r);
  const managed = mfaPolicies(ctx, `${r.account}|managed`, group.byType.get('aws_iam_policy') ?? []);
  const inline = mfaPolicies(ctx, `${r.account}|inline`, group.byType.get('aws_iam_group_policy') ?? []);
  const groups: Resource[] = [];
  const add = (g: Resource | undefined) => {
    if (g && g.type === 'aws_iam_group' && !groups.includes(g)) groups.push(g);
  };
  for (const p of managed) {
    for (const a of ctx.referencing(p, ['aws_iam_group_policy_attachment'], 'policy_arn')) add(ctx.resolve(a, a.config.group));
    for (const a of ctx.referencing(p, ['aws_iam_policy_attachment'], 'policy_arn')) {
      for (const g of Array.isArray(a.config.groups) ? a.config.groups : []) add(ctx.resolve(a, g));
    }
  }
  for (const p of inline) add(ctx.resolve(p, p.config.group));
  return groups;
}
