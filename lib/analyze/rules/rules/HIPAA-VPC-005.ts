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
    'No ingress rule (inline in aws_security_group, aws_security_group_rule of type ingress, or aws_vpc_security_group_ingress_rule) may admit TCP port 22 (directly, in a port range, or as all traffic) from 0.0.0.0/0 or ::/0. A rule whose ports, protocol or CIDR are expressions is reported.',
  remediation: 'Remove the rule; reach instances through Session Manager, or allow SSH only from a known range.',
  check(r) {
    const j = judgeIngress(r, (rule) => admitsTcpPort(rule, 22));
    if (j.status === 'none') return skip(j.detail);
    if (j.status === 'open') return fail(j.detail);
    if (j.status === 'unknown') return undecided(j.detail);
    return pass('SSH is not open to the internet');
  },
};
