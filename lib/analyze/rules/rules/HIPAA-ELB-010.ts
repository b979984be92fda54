import { LB_TYPES, lbType } from '../checks/elb';
import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-010',
  title: 'Application load balancers are protected by AWS WAF',
  severity: 'medium',
  controls: RESTRICTED_NETWORK,
  configRule: 'alb-waf-enabled',
  resourceTypes: LB_TYPES,
  scope: 'resource',
  description:
    'An aws_wafv2_web_acl_association (or legacy aws_wafregional_web_acl_association) in the same stack must reference the application load balancer (resource_arn). Network and gateway load balancers are not applicable.',
  remediation: 'Associate a WAFv2 web ACL (AWS managed rule groups at least) with the load balancer.',
  check(lb, ctx) {
    const t = lbType(lb);
    if (t === 'unknown') return undecided('load_balancer_type is an expression');
    if (t !== 'application') return skip(`${t} load balancers cannot use WAF`);
    const assoc = ctx.referencing(lb, ['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'], 'resource_arn')[0];
    if (assoc) return pass(`${assoc.address} attaches a web ACL`);
    return fail('no web ACL is associated with the load balancer');
  },
};
