import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import type { Resource } from '../types';
import { blocks, hasDynamic, isExpression } from '../../../terraform/values';

function closed(sg: Resource): { ok: boolean | 'unknown'; detail: string } {
  const c = sg.config;
  if (hasDynamic(c, 'ingress') || hasDynamic(c, 'egress') || isExpression(c.ingress) || isExpression(c.egress)) {
    return { ok: 'unknown', detail: `${sg.address} builds its rules with an expression` };
  }
  const rules = blocks(c.ingress).length + blocks(c.egress).length;
  if (rules > 0) return { ok: false, detail: `${sg.address} keeps ${rules} rule(s)` };
  return { ok: true, detail: `${sg.address} removes every rule` };
}

export const rule: ResourceRule = {
  id: 'HIPAA-VPC-002',
  title: 'The default security group of every VPC allows no traffic',
  severity: 'medium',
  controls: RESTRICTED_NETWORK,
  configRule: 'vpc-default-security-group-closed',
  resourceTypes: ['aws_vpc', 'aws_default_security_group'],
  scope: 'resource',
  description:
    "Each aws_vpc needs an aws_default_security_group referencing it (vpc_id) with no ingress and no egress blocks: Terraform then removes the default allow-all rules. An aws_default_security_group that keeps rules fails. A VPC without one keeps AWS's default rules and fails.",
  remediation: 'Add aws_default_security_group { vpc_id = aws_vpc.x.id } with no rules.',
  check(r, ctx) {
    if (r.type === 'aws_default_security_group') {
      const c = closed(r);
      return c.ok === true ? pass(c.detail) : c.ok === 'unknown' ? undecided(c.detail) : fail(c.detail);
    }
    const sg = ctx.referencing(r, ['aws_default_security_group'], 'vpc_id')[0];
    if (!sg) return fail("no aws_default_security_group closes this VPC's default security group");
    const c = closed(sg);
    return c.ok === true ? pass(c.detail) : c.ok === 'unknown' ? undecided(c.detail) : fail(c.detail);
  },
};
