import { admitsTcpPort, INGRESS_TYPES, judgeIngress } from '../checks/network';
import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-VPC-005',
  title: 'Security groups do not allow SSH from the internet',
  severity: 'critical',
  controls: RESTRICTED_NETWORK,
  configRule: 'restricted-ssh',
  resourceTypes: INGRESS_TYPES,
  scope: 'resource',
  description:
    'No security group may admit TCP port 22 (directly, in a port range, or as all traffic) from the internet. The ingress of one group adds up across its inline ingress blocks, aws_security_group_rule (type ingress) and aws_vpc_security_group_ingress_rule resources attached to it: a port is open when the union of the source CIDRs admitting it covers every public IPv4 address or every IPv6 global unicast address (0.0.0.0/1 plus 128.0.0.0/1 is 0.0.0.0/0). Groups attached together to one instance, launch template interface or network interface add up too, since an interface admits the union of its groups. A rule whose type, ports, protocol, CIDRs or prefix lists are expressions, or a dynamic ingress block, is reported. A single public source wider than any block a registry allocates (an IPv4 /8, an IPv6 /12), such as 0.0.0.0/1, counts as the internet too.',
  remediation: 'Remove the rule; reach instances through Session Manager, or allow SSH only from a known range.',
  check(r, ctx) {
    const j = judgeIngress(r, ctx, (rule) => admitsTcpPort(rule, 22));
    if (j.status === 'none') return skip(j.detail);
    if (j.status === 'open') return fail(j.detail);
    if (j.status === 'unknown') return undecided(j.detail);
    return pass('SSH is not open to the internet');
  },
};
