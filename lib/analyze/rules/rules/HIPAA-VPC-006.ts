import { admitsTcpPort, INGRESS_TYPES, judgeIngress } from '../checks/network';
import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';

/** The ports the AWS Config HIPAA pack deploys restricted-common-ports with. */
export const BLOCKED_PORTS = [20, 21, 3389, 3306, 4333] as const;

export const rule: ResourceRule = {
  id: 'HIPAA-VPC-006',
  title: 'Security groups do not open common administrative and database ports to the internet',
  severity: 'high',
  controls: RESTRICTED_NETWORK,
  configRule: 'restricted-common-ports',
  resourceTypes: INGRESS_TYPES,
  scope: 'resource',
  description: `No security group may admit TCP ports ${BLOCKED_PORTS.join(', ')} from the internet (the AWS Config pack's blocked ports), counted as in HIPAA-VPC-005: the group's rules add up and the union of their CIDRs decides. HIPAA-VPC-007 restricts every other port too.`,
  remediation: 'Remove the rule, or allow the port only from the security groups or CIDRs that need it.',
  check(r, ctx) {
    const j = judgeIngress(r, ctx, (rule) => BLOCKED_PORTS.some((p) => admitsTcpPort(rule, p)));
    if (j.status === 'none') return skip(j.detail);
    if (j.status === 'open') return fail(j.detail);
    if (j.status === 'unknown') return undecided(j.detail);
    return pass('no common port is open to the internet');
  },
};
